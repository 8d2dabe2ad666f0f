// Socket.IO on the same HTTP server as Express. The handshake's session cookie decides who the
// socket is; each feature registers its own small handlers. With REDIS_URL, rooms span every
// server process (the Redis adapter): an emit to a room reaches its sockets wherever they are.
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { isSignedIn } from '../access/actor.ts';
import { resolveActor, type CookiePolicy } from '../auth/sessions.ts';
import { languageOf } from '../i18n/index.ts';
import { closeRedis, connectRedis, type RedisClient } from './redis.ts';
import type { RealtimeFeature, RealtimeServer } from './socket.ts';

export interface Realtime {
  io: RealtimeServer;
  /** Connects the Redis adapter (when configured); before the server accepts connections. */
  start(): Promise<void>;
  /** Closes Socket.IO (its sockets and the HTTP server), then the Redis connections. */
  close(): Promise<void>;
}

export function createRealtime(
  httpServer: HttpServer,
  log: Logger,
  cookies: CookiePolicy,
  features: RealtimeFeature[],
  options: { redisUrl?: string | undefined } = {},
): Realtime {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
    // A short network drop resumes the same socket with missed events replayed. Not with
    // Redis: its adapter keeps no sessions to resume, and with recovery on every emit to one
    // socket would go through Redis. Clients reconnect as new sockets and catch up themselves
    // (chat:sync, the live session's rejoin token).
    ...(options.redisUrl
      ? {}
      : {
          connectionStateRecovery: {
            maxDisconnectionDuration: 2 * 60 * 1000,
            skipMiddlewares: false,
          },
        }),
  });
  io.use((socket, next) => {
    const auth = socket.handshake.auth as Record<string, unknown>;
    const lang = languageOf(auth.lang, socket.handshake.headers['accept-language']);
    resolveActor(socket.handshake.headers.cookie, lang, cookies).then((actor) => {
      socket.data.actor = actor;
      socket.data.lang = lang;
      next();
    }, next);
  });
  io.on('connection', (socket) => {
    const { actor } = socket.data;
    // Rooms by person and session, so signing out (here or everywhere) can end live sockets.
    if (isSignedIn(actor))
      void socket.join([`person:${actor.personId}`, `session:${actor.sessionId}`]);
    for (const feature of features) feature(socket);
  });
  io.engine.on('connection_error', (error: Error) =>
    log.debug({ err: error }, 'socket connection refused'),
  );

  const clients: RedisClient[] = [];
  return {
    io,
    async start() {
      if (!options.redisUrl) return;
      const pub = await connectRedis(options.redisUrl, log, 'socket.io pub');
      clients.push(pub);
      const sub = await connectRedis(options.redisUrl, log, 'socket.io sub');
      clients.push(sub);
      io.adapter(createAdapter(pub, sub));
      log.info('Socket.IO rooms shared through Redis');
    },
    async close() {
      await io.close();
      await Promise.all(clients.splice(0).map(closeRedis));
    },
  };
}
