// Socket.IO on the same HTTP server as Express. The handshake's session cookie decides who the
// socket is; each feature registers its own small handlers.
import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { isSignedIn } from '../access/actor.ts';
import { resolveActor, type CookiePolicy } from '../auth/sessions.ts';
import { languageOf } from '../i18n/index.ts';
import type { RealtimeFeature, RealtimeServer } from './socket.ts';

export function createRealtime(
  httpServer: HttpServer,
  log: Logger,
  cookies: CookiePolicy,
  features: RealtimeFeature[],
): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
    // A short network drop resumes the same socket with missed events replayed.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
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
  return io;
}
