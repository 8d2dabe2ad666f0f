// Socket.IO on the same HTTP server as Express. Each feature registers its own small handlers.
import type { Server as HttpServer } from 'node:http';
import type { Logger } from 'pino';
import { Server } from 'socket.io';
import { languageOf } from '../i18n/index.ts';
import type { RealtimeFeature, RealtimeServer } from './socket.ts';

export function createRealtime(
  httpServer: HttpServer,
  log: Logger,
  features: RealtimeFeature[],
): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 256 * 1024,
    // A short network drop resumes the same socket with missed events replayed.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
  });
  io.on('connection', (socket) => {
    const auth = socket.handshake.auth as Record<string, unknown>;
    socket.data.lang = languageOf(auth.lang, socket.handshake.headers['accept-language']);
    for (const feature of features) feature(socket);
  });
  io.engine.on('connection_error', (error: Error) =>
    log.debug({ err: error }, 'socket connection refused'),
  );
  return io;
}
