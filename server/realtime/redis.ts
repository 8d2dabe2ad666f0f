// Redis connections (REDIS_URL): the Socket.IO adapter's pub/sub pair and the shared presence
// store. A server that cannot reach Redis at start-up says so instead of waiting forever; once
// connected, the client reconnects by itself after a drop.
import type { Logger } from 'pino';
import { createClient } from 'redis';
import { count } from '../platform/metrics.ts';
import { markDown, markUp } from '../platform/parts.ts';

export type RedisClient = ReturnType<typeof createClient>;

const CONNECT_TIMEOUT_MS = 10_000;

/** The URL without its password, for messages and logs. */
export function safeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://(invalid url)';
  }
}

/** Connections that lost Redis: while any has, /readyz names "redis" as down. */
const failingClients = new Set<string>();
let clientCount = 0;

export async function connectRedis(url: string, log: Logger, name: string): Promise<RedisClient> {
  // Reconnects by itself (a Redis restarted, a network blip) every 100 ms … 1 s; what is sent
  // meanwhile waits in the client's queue; the subscriber subscribes again once back.
  const client = createClient({
    url,
    socket: {
      connectTimeout: 5000,
      reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 1000),
    },
  });
  // Each failed reconnect emits an error: log the first of a run, not every retry.
  let failing = false;
  let since = 0;
  const token = `${name}#${(clientCount += 1)}`;
  const recovered = () => {
    failingClients.delete(token);
    if (failingClients.size === 0) markUp('redis');
  };
  client.on('error', (error: Error) => {
    if (!failing) {
      since = Date.now();
      log.warn({ err: error, redis: name }, 'redis connection problem');
      failingClients.add(token);
      markDown('redis', `Redis at ${safeRedisUrl(url)} does not answer (${error.message})`);
    }
    failing = true;
  });
  client.on('ready', () => {
    if (failing) log.warn({ redis: name, downMs: Date.now() - since }, 'redis connection restored');
    failing = false;
    recovered();
  });
  // Closed on purpose (shutdown, a test's end): no longer a part that is down.
  client.on('end', recovered);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new Error(`Redis at ${safeRedisUrl(url)} did not answer within ${CONNECT_TIMEOUT_MS} ms`),
        ),
      CONNECT_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([client.connect(), timeout]);
  } catch (error) {
    client.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return client;
}

/** Waits for pending commands, then closes; never throws (shutdown must go on). */
export async function closeRedis(client: RedisClient | undefined): Promise<void> {
  if (!client?.isOpen) return;
  try {
    await client.close();
  } catch {
    client.destroy();
  }
}

/**
 * The client as Socket.IO's Redis adapter should see it: the adapter publishes without waiting
 * for the answer, so a publish in flight when Redis goes (its socket closed under it) rejects
 * with nobody listening — and Node ends the process on a rejection nobody hears ([heal-4] saw a
 * server die when Redis was killed). Each publish here is heard: counted and let go (the
 * broadcast is lost; chat clients catch up by sequence).
 */
export function hearingPublishes(client: RedisClient, log: Logger): RedisClient {
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      if (typeof property !== 'string' || !/^s?publish$/i.test(property)) return method;
      return (...args: unknown[]) => {
        const sent = method(...args) as Promise<unknown>;
        sent.catch((error: unknown) => {
          count('rinnalla_redis_publish_lost_total');
          log.debug({ err: error }, 'a Redis publish was lost');
        });
        return sent;
      };
    },
  });
}
