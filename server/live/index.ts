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
import { LiveOwnership } from './ownership.ts';
import { closeRedis, connectRedis, type RedisClient } from '../realtime/redis.ts';

export const DEFAULT_GRACE_MS = 30_000;

export interface SharingOptions {
  /** Several processes share live sessions through Redis (ownership.ts); none: this one owns all. */
  redisUrl?: string | undefined;
  leaseMs?: number;
  /** This process's own address for browsers; read when a session is claimed. */
  nodeUrl?: () => string;
}

export function createLive(
  deps: LiveSessionDeps & { graceMs?: number; breakoutMinMinutes?: number },
  sharing: SharingOptions = {},
) {
  let client: RedisClient | undefined;
  let registry: LiveRegistry | undefined = undefined;
  const ownershipFor = (redis: RedisClient | undefined) =>
    new LiveOwnership(redis, deps.log, {
      leaseMs: sharing.leaseMs ?? 4000,
      nodeUrl: sharing.nodeUrl ?? (() => ''),
      summaries: () => registry?.summaries() ?? new Map(),
      lost: (sessionId) => void registry?.handOver(sessionId),
    });
  registry = new LiveRegistry(deps, ownershipFor(undefined));
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
  const live = registry;
  return {
    registry: live,
    features,
    /** Connects the ownership's Redis (when configured); before the server accepts sockets. */
    async start() {
      if (!sharing.redisUrl) return;
      client = await connectRedis(sharing.redisUrl, deps.log, 'live ownership');
      live.ownership.attach(client);
      live.ownership.start();
    },
    /** SIGTERM: no new sessions here; running ones move to another process. */
    drain: () => live.drain(),
    async stop() {
      await live.close();
      await closeRedis(client);
    },
    membershipOf: live.membershipOf.bind(live),
    access: liveAccessHooks(ctx),
  };
}
