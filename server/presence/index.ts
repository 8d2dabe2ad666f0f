// Presence (online, away, in a session) for the members of a group, in one or many processes.
import type { RealtimeFeature } from '../realtime/socket.ts';
import { presenceFeature } from './handlers.ts';
import { PresenceService, type PresenceOptions } from './service.ts';

export { PresenceService } from './service.ts';

export function createPresence(options: PresenceOptions) {
  const service = new PresenceService(options);
  const feature: RealtimeFeature = presenceFeature(service);
  return { service, feature, onParticipant: service.onParticipant };
}
