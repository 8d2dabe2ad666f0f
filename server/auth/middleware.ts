// Runs before every API route: who is asking, and is a state-changing request really from our
// own pages (CSRF)? Cross-site requests are refused by Origin; signed-in requests must also
// echo the session's CSRF token, which other sites cannot read.
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { isSignedIn } from '../access/actor.ts';
import { RequestError, toAppError } from '../errors.ts';
import { languageOf, translator } from '../i18n/index.ts';
import { resolveActor, type CookiePolicy } from './sessions.ts';
import { failFast } from '../platform/parts.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function actorMiddleware(cookies: CookiePolicy): RequestHandler {
  return (req, res, next) => {
    const lang = languageOf(undefined, req.headers['accept-language']);
    // The session is in the database: while it is down, answered at once (errorHandler: 503).
    failFast(resolveActor(req.headers.cookie, lang, cookies)).then((actor) => {
      res.locals.actor = actor;
      next();
    }, next);
  };
}

export function csrfProtection(allowedOrigins: readonly string[], log: Logger): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const actor = res.locals.actor;
    const fetchSite = req.headers['sec-fetch-site'];
    let refused = !originAllowed(req.headers.origin, req.headers.host, allowedOrigins);
    if (fetchSite !== undefined && fetchSite !== 'same-origin' && fetchSite !== 'none')
      refused = true;
    if (!refused && isSignedIn(actor) && req.headers['x-csrf-token'] !== actor.csrfToken)
      refused = true;
    if (!refused) return next();
    res
      .status(403)
      .json({ error: toAppError(new RequestError('csrf', 403), translator(actor.lang), log) });
  };
}

/**
 * A browser names the page that makes a request in `Origin`: ours (the public URL, or the host
 * the request came to) or none at all (same-origin GETs, non-browser clients).
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowedOrigins: readonly string[],
): boolean {
  if (origin === undefined) return true;
  return allowedOrigins.includes(origin) || (host !== undefined && hostOf(origin) === host);
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined; // "null" and other opaque origins
  }
}
