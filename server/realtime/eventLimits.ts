// How often one socket may make each request. Chat messages and edits also share a per-person
// budget (server/chat/requests/context.ts); these limits stop floods of everything else — a
// hand raised 200 times a second, viewport reports, transports — before any work is done.
import { count } from '../platform/metrics.ts';
import type { RequestName } from '../protocol/socket.ts';
import type { RealtimeSocket } from './socket.ts';

interface Limit {
  /** Sustained requests per second. */
  perSecond: number;
  /** How many may come at once. */
  burst: number;
}

const DEFAULT_LIMIT: Limit = { perSecond: 20, burst: 40 };
const LIMITS: Partial<Record<RequestName, Limit>> = {
  // Messages have their own per-person budget (CHAT_MESSAGES_PER_MINUTE): not limited twice.
  'chat:send': { perSecond: 1000, burst: 1000 },
  'live:hand': { perSecond: 1, burst: 4 },
  'live:react': { perSecond: 2, burst: 4 },
  'live:viewport': { perSecond: 2, burst: 6 },
  'live:quality': { perSecond: 1, burst: 4 },
  'live:selfMute': { perSecond: 4, burst: 10 },
  'live:whisper': { perSecond: 1, burst: 5 },
  'live:join': { perSecond: 1, burst: 5 },
  'chat:typing': { perSecond: 1, burst: 3 },
  'chat:edit': { perSecond: 1, burst: 5 },
  'chat:report': { perSecond: 0.2, burst: 3 },
  'media:createTransport': { perSecond: 1, burst: 6 },
  'media:restartIce': { perSecond: 1, burst: 4 },
};

type Buckets = Map<string, { tokens: number; at: number }>;
const bySocket = new WeakMap<RealtimeSocket, Buckets>();

/** Takes one request from this socket's budget for `name`; false (and counted) when spent. */
export function withinLimit(socket: RealtimeSocket, name: RequestName): boolean {
  const limit = LIMITS[name] ?? DEFAULT_LIMIT;
  let buckets = bySocket.get(socket);
  if (!buckets) bySocket.set(socket, (buckets = new Map()));
  const now = Date.now();
  const bucket = buckets.get(name) ?? { tokens: limit.burst, at: now };
  bucket.tokens = Math.min(
    limit.burst,
    bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond,
  );
  bucket.at = now;
  buckets.set(name, bucket);
  if (bucket.tokens < 1) {
    count('socket_rate_limited_total', { request: name });
    return false;
  }
  bucket.tokens -= 1;
  return true;
}
