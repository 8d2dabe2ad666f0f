// Live group sessions: the registry of sessions in this process and their socket features
// (join/lobby, moderation, presence, observer). Media requests reach the SFU through
// `membershipOf`.
import type { RealtimeFeature } from '../realtime/socket.ts';
import { liveAccessHooks } from './accessHook.ts';
import { breakoutFeature } from './handlers/breakouts.ts';
import type { LiveContext } from './handlers/context.ts';
import { interpretationFeature } from './handlers/interpretation.ts';
import { joinFeature } from './handlers/join.ts';
import { lobbyFeature } from './handlers/lobby.ts';
import { moderationFeature } from './handlers/moderation.ts';
import { observerFeature } from './handlers/observer.ts';
import { presenceFeature } from './handlers/presence.ts';
import { LiveRegistry } from './registry.ts';
import { roomToolsFeature } from './tools/handlers.ts';
import type { LiveSessionDeps } from './LiveSession.ts';

export const DEFAULT_GRACE_MS = 30_000;

export function createLive(
  deps: LiveSessionDeps & { graceMs?: number; breakoutMinMinutes?: number },
) {
  const registry = new LiveRegistry(deps);
  const ctx: LiveContext = {
    registry,
    log: deps.log,
    clock: deps.clock,
    graceMs: deps.graceMs ?? DEFAULT_GRACE_MS,
    breakoutMinMinutes: deps.breakoutMinMinutes ?? 1,
  };
  const features: RealtimeFeature[] = [
    joinFeature(ctx),
    lobbyFeature(ctx),
    moderationFeature(ctx),
    presenceFeature(ctx),
    observerFeature(ctx),
    interpretationFeature(ctx),
    breakoutFeature(ctx),
    roomToolsFeature(ctx),
  ];
  return {
    registry,
    features,
    membershipOf: registry.membershipOf.bind(registry),
    access: liveAccessHooks(ctx),
  };
}
