// Builds Express + Socket.IO from their dependencies without listening — tests use it as is.
import { createServer, type Server as HttpServer } from 'node:http';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Sfu } from '../sfu/index.ts';
import type { Config } from './config.ts';
import { errorHandler, notFound } from './http/errors.ts';
import { healthRoutes } from './http/health.ts';
import { clientRoutes } from './http/static.ts';
import { createRealtime } from './realtime/io.ts';
import type { RealtimeFeature, RealtimeServer } from './realtime/socket.ts';

export interface AppDependencies {
  config: Config;
  log: Logger;
  sfu: Sfu;
  /** Socket features beyond the product's own (tests add harnesses here). */
  extraFeatures?: RealtimeFeature[];
  /** HTTP routes mounted before the client's fallback (tests serve fixture pages here). */
  extraRoutes?: Router;
}

export interface App {
  express: Express;
  httpServer: HttpServer;
  io: RealtimeServer;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

export function createApp({
  config,
  log,
  sfu,
  extraFeatures = [],
  extraRoutes,
}: AppDependencies): App {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'media-src': ["'self'", 'blob:', 'mediastream:'],
          'connect-src': ["'self'"],
          'upgrade-insecure-requests': config.env === 'production' ? [] : null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(healthRoutes(sfu));
  app.use('/api', express.json({ limit: '100kb' }));
  app.use('/api', notFound);
  if (extraRoutes) app.use(extraRoutes);
  app.use(clientRoutes(config.clientDistDir));
  app.use(errorHandler(log));

  const httpServer = createServer(app);
  const io = createRealtime(httpServer, log, [...extraFeatures]);

  return {
    express: app,
    httpServer,
    io,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    },
    async close() {
      await io.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
