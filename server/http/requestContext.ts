// Every HTTP request gets an id (a sane incoming X-Request-Id, or a new one), returned in the
// X-Request-Id header and carried by every log line of the request; and its latency is
// measured by method and route pattern.
import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { carriesRequestId, requestScope } from '../log.ts';
import { httpDuration } from '../platform/metrics.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /** This request's id. */
    id: string;
    /** The app's logger with this request's id bound. */
    log: Logger;
  }
}

const SANE_ID = /^[A-Za-z0-9._:-]{8,128}$/;
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The route pattern that answered (e.g. /api/groups/:groupId), never the raw URL. */
function routeOf(req: Request): string {
  const route = req.route as { path?: unknown } | undefined;
  if (route && typeof route.path === 'string') return `${req.baseUrl}${route.path}`;
  return 'other';
}

export function requestContext(log: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && SANE_ID.test(incoming) ? incoming : randomUUID();
    req.id = id;
    const child = log.child({ reqId: id });
    (child as unknown as Record<symbol, unknown>)[carriesRequestId] = true;
    req.log = child;
    res.setHeader('X-Request-Id', id);
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      httpDuration.observe(
        {
          method: METHODS.has(req.method) ? req.method : 'OTHER',
          route,
          status: `${Math.floor(res.statusCode / 100)}xx`,
        },
        seconds,
      );
      // The API's requests at info (an access log); files and probes only when debugging.
      const api = req.originalUrl.startsWith('/api/');
      const level = res.statusCode >= 500 ? 'warn' : api ? 'info' : 'debug';
      child[level](
        { method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) },
        'request',
      );
    });
    requestScope.run({ reqId: id }, next);
  };
}

/** Re-enters the request's scope: body parsing resumes in the socket's context and loses it. */
export const keepRequestScope: RequestHandler = (req, _res, next) => {
  requestScope.run({ reqId: req.id }, next);
};
