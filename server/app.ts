// Builds Express + Socket.IO from their dependencies without listening — tests use it as is.
import { createServer, type Server as HttpServer } from 'node:http';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Sfu } from '../sfu/index.ts';
import { auditRoutes } from './audit/routes.ts';
import { actorMiddleware, csrfProtection } from './auth/middleware.ts';
import { createLimits } from './auth/rateLimits.ts';
import { authRoutes } from './auth/routes.ts';
import type { Config } from './config.ts';
import type { FeatureDeps } from './deps.ts';
import { ApiRouter } from './http/api.ts';
import { errorHandler, notFound } from './http/errors.ts';
import { healthRoutes } from './http/health.ts';
import { metricsRoute } from './http/metricsRoute.ts';
import { keepRequestScope, requestContext } from './http/requestContext.ts';
import { watchFigures } from './platform/liveFigures.ts';
import { clientRoutes } from './http/static.ts';
import { calendarRoutes } from './calendar/routes.ts';
import { enrolmentRoutes } from './groups/enrolmentRoutes.ts';
import './groups/personalData.ts';
import { groupRoutes } from './groups/routes.ts';
import { groupWatch, groupWatchGuard } from './groups/socket.ts';
import { socketLanguage } from './realtime/language.ts';
import { liveRoutes } from './live/routes.ts';
import { interpreterRoutes } from './live/interpreterRoutes.ts';
import { meetingRoutes } from './meetings/routes.ts';
import { invitationRoutes } from './invitations/routes.ts';
import { reachRoutes } from './reach/routes.ts';
import { reportRoutes } from './report/routes.ts';
import { planRoutes } from './live/tools/planRoutes.ts';
import { reminderRoutes } from './reminders/routes.ts';
import { systemClock, type Clock } from './reminders/runner.ts';
import { sessionRoutes } from './sessions/routes.ts';
import { recruitmentRoutes } from './training/recruitmentRoutes.ts';
import { programmeRoutes } from './training/programmeRoutes.ts';
import { supervisionRoutes } from './supervision/index.ts';
import { interviewRoutes } from './training/interviewRoutes.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { accessChanged } from './access/changes.ts';
import { chatRoomGuard } from './chat/accessGuard.ts';
import { chatFeature } from './chat/handlers.ts';
import { createLive } from './live/index.ts';
import type { LiveRegistry } from './live/registry.ts';
import { mediaFeature, type MembershipOf } from './media/handlers.ts';
import type { TurnService } from './media/turn/credentials.ts';
import { outboxRoutes } from './mail/routes.ts';
import { peopleRoutes } from './people/routes.ts';
import { presenceRoomGuard } from './presence/handlers.ts';
import { createPresence } from './presence/index.ts';
import { setIdSecret } from './privacy/opaqueId.ts';
import { privacyRoutes } from './privacy/routes.ts';
import { AccessWatch } from './realtime/accessWatch.ts';
import { createRealtime } from './realtime/io.ts';
import type { RealtimeFeature, RealtimeServer } from './realtime/socket.ts';
import { referralRoutes } from './referrals/routes.ts';
import { partnerRoutes } from './partners/routes.ts';
import { directoryRoutes } from './directory/routes.ts';
import { tableRoutes } from './partnership/routes.ts';
import { alongsideRoutes } from './alongside/routes.ts';
import { appointmentRoutes } from './alongside/appointments.ts';

export interface AppDependencies {
  config: Config;
  log: Logger;
  sfu: Sfu;
  mailer?: Mailer;
  /** Socket features beyond the product's own (tests add harnesses here). */
  extraFeatures?: RealtimeFeature[];
  /** Time as the app sees it (tests move it forward). */
  clock?: Clock;
  /** Which media room a socket's peer is in; by default, the live session that admitted it. */
  mediaMembership?: MembershipOf;
  /** HTTP routes mounted before the client's fallback (tests serve fixture pages here). */
  extraRoutes?: Router;
  /** TURN relays for admitted participants (server/media/turn); none: direct ICE only. */
  turn?: TurnService;
}

export interface App {
  express: Express;
  httpServer: HttpServer;
  io: RealtimeServer;
  /** Every REST route with its policy action (tests check each one against the policy). */
  api: ApiRouter;
  /** The live sessions this process hosts. */
  live: LiveRegistry;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

function securityHeaders(config: Config) {
  return helmet({
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
  });
}

export function createApp({
  config,
  log,
  sfu,
  mailer,
  extraFeatures = [],
  extraRoutes,
  mediaMembership,
  turn,
  clock = systemClock,
}: AppDependencies): App {
  setIdSecret(config.idSecret);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(requestContext(log));
  app.use(securityHeaders(config));
  app.use(healthRoutes(sfu));
  app.use(metricsRoute(config.metricsToken));

  const httpServer = createServer(app);
  const cookies = { secure: config.env === 'production' };
  const presence = createPresence({ log, redisUrl: config.redisUrl });
  // This process's address for live sockets when several share sessions (live/ownership.ts).
  let nodeUrl = config.nodeUrl ?? '';
  const live = createLive(
    {
      sfu,
      log,
      clock,
      graceMs: config.liveGraceMs,
      // Tests run breakouts of a few seconds; everywhere else a breakout lasts a minute or more.
      breakoutMinMinutes: config.env === 'test' ? 0.05 : 1,
      onParticipant: presence.onParticipant,
    },
    { redisUrl: config.redisUrl, leaseMs: config.liveLeaseMs, nodeUrl: () => nodeUrl },
  );
  // Every room and live peer follows access changes (roles, enrolments, staff, sessions).
  const access = new AccessWatch(log);
  access.addGuard(chatRoomGuard);
  access.addGuard(presenceRoomGuard);
  access.addGuard(groupWatchGuard);
  const groups = groupWatch(log);
  access.addHook(live.access.hook, live.access.personHook);
  const realtime = createRealtime(
    httpServer,
    log,
    cookies,
    [
      ...extraFeatures,
      ...live.features,
      chatFeature(log, { perMinute: config.chatPerMinute }),
      presence.feature,
      groups.feature,
      socketLanguage(log),
      mediaFeature(log, mediaMembership ?? live.membershipOf, turn),
    ],
    {
      redisUrl: config.redisUrl,
      allowedOrigins: [new URL(config.publicUrl).origin],
      caps: config.socketCaps,
      access,
    },
  );
  const io = realtime.io;
  const unwatchFigures = watchFigures({ live: live.registry, sfu, io });
  access.attach(io);
  presence.service.attach(io);
  const stopGroupWatch = groups.attach(io);
  const deps: FeatureDeps = {
    config,
    log,
    cookies,
    mailer: mailer ?? createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log }),
    connections: {
      dropPerson: (personId, reason = 'signedOut') =>
        accessChanged({ personIds: [personId], reason }),
      dropSession: (sessionId) => accessChanged({ sessionIds: [sessionId], reason: 'signedOut' }),
    },
  };

  const limits = createLimits(config, log);
  const api = new ApiRouter(log, limits.write);
  authRoutes(api, deps, limits.auth);
  privacyRoutes(api, deps);
  peopleRoutes(api, deps);
  invitationRoutes(api, deps);
  referralRoutes(api, deps);
  partnerRoutes(api, deps);
  directoryRoutes(api, clock);
  groupRoutes(api, clock);
  meetingRoutes(api, clock);
  tableRoutes(api, clock);
  alongsideRoutes(api, deps, clock);
  appointmentRoutes(api, clock, io);
  enrolmentRoutes(api, clock);
  sessionRoutes(api);
  liveRoutes(api, clock, sfu);
  interpreterRoutes(api, clock);
  planRoutes(api);
  reminderRoutes(api, clock);
  calendarRoutes(api, deps);
  reachRoutes(api);
  reportRoutes(api, clock);
  auditRoutes(api);
  outboxRoutes(api, deps);
  recruitmentRoutes(api, deps, limits.auth);
  programmeRoutes(api, deps, clock);
  supervisionRoutes(api, deps, { clock, live: live.registry });
  interviewRoutes(api, deps, limits.auth);

  app.use(
    '/api',
    express.json({ limit: '100kb' }),
    keepRequestScope,
    actorMiddleware(cookies),
    csrfProtection([new URL(config.publicUrl).origin], log),
  );
  app.use('/api', api.router);
  app.use('/api', notFound);
  if (extraRoutes) app.use(extraRoutes);
  app.use(clientRoutes(config.clientDistDir));
  app.use(errorHandler(log));

  return {
    express: app,
    httpServer,
    io,
    api,
    live: live.registry,
    async listen(port, host) {
      // Redis (when configured) before the first connection.
      await realtime.start();
      await presence.service.start();
      await live.start();
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          const real = typeof address === 'object' && address ? address.port : port;
          const named = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
          nodeUrl ||= `http://${named.includes(':') ? `[${named}]` : named}:${real}`;
          resolve(real);
        });
      });
    },
    async close() {
      // A step that takes long is named in the log (a stop once hung here in CI, not found).
      const step = async (name: string, work: () => Promise<unknown> | unknown) => {
        const slow = setTimeout(() => log.warn({ step: name }, `closing: ${name} is slow`), 3000);
        try {
          await work();
        } finally {
          clearTimeout(slow);
        }
      };
      unwatchFigures();
      // Several processes: running sessions move to another process first (SIGTERM's drain).
      await step('handing live sessions over', () => live.drain());
      await step('stopping live sessions', () => live.stop());
      stopGroupWatch();
      await step('closing presence', () => presence.service.close());
      await step('closing sockets', () => realtime.close());
      httpServer.closeAllConnections();
      await step('closing HTTP', () => new Promise<void>((r) => httpServer.close(() => r())));
      limits.close();
    },
  };
}
