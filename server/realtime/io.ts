// Socket.IO on the same HTTP server as Express. The handshake's session cookie decides who the
// socket is; each feature registers its own small handlers. With REDIS_URL, rooms span every
// server process (the Redis adapter): an emit to a room reaches its sockets wherever they are.
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { isSignedIn } from '../access/actor.ts';
import { originAllowed } from '../auth/middleware.ts';
import { actorOfSession, sessionIdOfCookie, type CookiePolicy } from '../auth/sessions.ts';
import { languageOf, translator } from '../i18n/index.ts';
import { isUnavailable } from '../errors.ts';
import { count } from '../platform/metrics.ts';
import { failFast } from '../platform/parts.ts';
import { loginRoom, personRoom, type AccessWatch } from './accessWatch.ts';
import { ConnectionCaps, type CapOptions } from './caps.ts';
import { packetParser, UNREADABLE_AUTH } from './parser.ts';
import { closeRedis, connectRedis, hearingPublishes, type RedisClient } from './redis.ts';
import type { RealtimeFeature, RealtimeServer } from './socket.ts';

export interface RealtimeOptions {
  redisUrl?: string | undefined;
  /** Origins whose pages may connect, besides the host the request came to. */
  allowedOrigins: readonly string[];
  caps: CapOptions;
  access: AccessWatch;
}

/**
 * The heartbeat. The server pings every `pingInterval`; a connection whose pong is not back
 * within `pingTimeout` is closed, and the browser closes its side when no ping came for
 * `pingInterval + pingTimeout`. A network lost without a FIN (a phone moving between networks,
 * a NAT forgetting the mapping) is therefore noticed within 10 s at most, and the client
 * reconnects as the same live peer (its grace period is 30 s). Socket.IO's defaults (25 s + 20 s)
 * noticed it only after up to 45 s ([net-1]).
 * Of the 10 s, most goes to the timeout: it must outlast a pong waiting behind media on a weak
 * mobile link (64 kbit/s with a queue of 30 packets is seconds of queueing, plus TCP's resends)
 * and a busy moment of either end's event loop; a pause in the network shorter than that is
 * ridden out on the same connection. The cost of the short interval: a ping and a pong of a few
 * bytes (about 150 bytes a round with TCP/IP headers and acks) every 3 s, some 50 bytes a second
 * per connection — nothing beside a voice (4 000 bytes a second); the radio of a phone in a
 * session is awake anyway.
 */
export const HEARTBEAT = { pingInterval: 3_000, pingTimeout: 7_000 } as const;

/** A refusal at the handshake, translated; the client shows `message`. */
function refusal(code: string, lang: Parameters<typeof translator>[0]) {
  const error = new Error(code) as Error & { data: { code: string; message: string } };
  error.data = { code, message: translator(lang)(code) };
  return error;
}

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
  options: RealtimeOptions,
): Realtime {
  const caps = new ConnectionCaps(options.caps);
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    parser: packetParser,
    ...HEARTBEAT,
    maxHttpBufferSize: 256 * 1024,
    // A page of another site must not use a visitor's cookie to listen in (no CORS either).
    allowRequest: (req, callback) => {
      const allowed = originAllowed(req.headers.origin, req.headers.host, options.allowedOrigins);
      if (!allowed) count('socket_refused_total', { why: 'origin' });
      callback(allowed ? null : 'origin not allowed', allowed);
    },
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
  // Only signed-in people get a socket (everything on it is theirs), and only so many.
  io.use((socket, next) => {
    const auth = socket.handshake.auth as Record<string | symbol, unknown>;
    const lang = languageOf(auth.lang, socket.handshake.headers['accept-language']);
    const sessionId = sessionIdOfCookie(socket.handshake.headers.cookie, cookies);
    const found =
      sessionId && !auth[UNREADABLE_AUTH]
        ? failFast(actorOfSession(sessionId, lang))
        : Promise.resolve(null);
    // What to answer the handshake (a refusal, or nothing: let in); worked out first, so that any
    // failure in it (the database down a moment: a refusal the client knows to try again
    // after) still answers — and next() is called once, outside it.
    const admit = (session: Awaited<typeof found>): Error | undefined => {
      if (auth[UNREADABLE_AUTH]) {
        count('socket_refused_total', { why: 'unreadable' });
        return refusal('unknownRequest', lang);
      }
      if (!session) {
        count('socket_refused_total', { why: 'unauthenticated' });
        return refusal('unauthenticated', lang);
      }
      if (!caps.take(session.actor.personId, socket.handshake.address, socket.id)) {
        count('socket_refused_total', { why: 'tooManyConnections' });
        return refusal('tooManyConnections', lang);
      }
      socket.data.actor = session.actor;
      socket.data.lang = lang;
      socket.data.sessionEndsAt = session.endsAt;
      return undefined;
    };
    found
      .then(admit)
      .catch((error: unknown) =>
        isUnavailable(error) ? refusal('unavailable', lang) : (error as Error),
      )
      .then((refused) => next(refused));
  });
  io.on('connection', (socket) => {
    const { actor } = socket.data;
    socket.once('disconnect', () => caps.release(socket.id));
    // Rooms by person and session: a change to either finds its sockets (accessWatch.ts).
    if (isSignedIn(actor))
      void socket.join([personRoom(actor.personId), loginRoom(actor.sessionId)]);
    options.access.connected(socket, socket.data.sessionEndsAt ?? null);
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
      io.adapter(createAdapter(hearingPublishes(pub, log), sub));
      options.access.shareAcrossProcesses();
      log.info('Socket.IO rooms shared through Redis');
    },
    async close() {
      options.access.detach();
      await io.close();
      await Promise.all(clients.splice(0).map(closeRedis));
    },
  };
}
