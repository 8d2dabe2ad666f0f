// Redis connections (REDIS_URL): the Socket.IO adapter's pub/sub pair and the shared presence
// store. A server that cannot reach Redis at start-up says so instead of waiting forever; once
// connected, the client reconnects by itself after a drop.
import type { Logger } from 'pino';
import { createClient } from 'redis';

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

export async function connectRedis(url: string, log: Logger, name: string): Promise<RedisClient> {
  const client = createClient({ url, socket: { connectTimeout: 5000 } });
  // Each failed reconnect emits an error: log the first of a run, not every retry.
  let failing = false;
  client.on('error', (error: Error) => {
    if (!failing) log.warn({ err: error, redis: name }, 'redis connection problem');
    failing = true;
  });
  client.on('ready', () => {
    if (failing) log.info({ redis: name }, 'redis connection restored');
    failing = false;
  });
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
