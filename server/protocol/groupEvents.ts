// Pages that show a group (its page, My groups, the roster, the trainer's dashboard) watch it
// over Socket.IO and re-read it when told it changed: a family promoted from the waitlist, a
// session started or ended, is seen at once without reloading. The event carries no data: what
// the viewer may read still comes through the REST routes and their access rules.
import { z } from 'zod';

const objectId = z.string().regex(/^[0-9a-f]{24}$/);

export const groupEventSchemas = {
  /** Hear of changes to these groups on this socket (those one may not see are left out). */
  'group:watch': z.object({ groupIds: z.array(objectId).min(1).max(50) }).strict(),
} as const;

export type GroupChange = 'enrolments' | 'sessions';

export interface GroupEventResponses {
  'group:watch': { watching: string[] };
}

export interface GroupEvents {
  'group:changed': (change: { groupId: string; what: GroupChange }) => void;
}
