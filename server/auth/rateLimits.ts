// Rate limits per IP and per account, answered like every other error (translated JSON).
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit } from 'express-rate-limit';
import type { Logger } from 'pino';
import { isSignedIn, type Actor } from '../access/actor.ts';
import type { Config } from '../config.ts';
import { RequestError, toAppError } from '../errors.ts';
import { translator } from '../i18n/index.ts';

const WINDOW_MS = 15 * 60 * 1000;

/**
 * The client's address: the socket's, or X-Forwarded-For's when a proxy on loopback sent it
 * (app.ts sets `trust proxy` to loopback only). IPv6 by /56 subnet, as one home gets many.
 */
export const clientAddress = (req: Request): string => ipKeyGenerator(req.ip ?? 'unknown');

function limiter(
  limit: number,
  key: (actor: Actor, ip: string) => string | undefined,
  log: Logger,
  stores: MemoryStore[],
): RequestHandler {
  // Our own store (the default one is the same class) so that close() can stop its sweeping
  // interval: unreferenced, it never held a process, but each closed app's counters and timer
  // lived on for ever (three per app, in tests and in the soak).
  const store = new MemoryStore();
  stores.push(store);
  return rateLimit({
    store,
    windowMs: WINDOW_MS,
    limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req, res) => key(res.locals.actor as Actor, clientAddress(req)) ?? 'none',
    skip: (_req, res) => key(res.locals.actor as Actor, '') === undefined,
    handler: (_req, res) => {
      const t = translator((res.locals.actor as Actor).lang);
      res.status(429).json({ error: toAppError(new RequestError('rateLimited', 429), t, log) });
    },
  });
}

export interface Limits {
  /** Sign-in, sign-up, reset: per IP. */
  auth: RequestHandler;
  /** Every state-changing request: per IP, and per account when signed in. */
  write: RequestHandler[];
  /** When the app closes: the counters and their sweeping timers go. */
  close(): void;
}

export function createLimits(config: Config, log: Logger): Limits {
  const { authPerIp, writePerIp, writePerAccount } = config.rateLimits;
  const stores: MemoryStore[] = [];
  return {
    auth: limiter(authPerIp, (_actor, ip) => `auth:${ip}`, log, stores),
    write: [
      limiter(writePerIp, (_actor, ip) => `ip:${ip}`, log, stores),
      limiter(
        writePerAccount,
        (actor) => (isSignedIn(actor) ? `person:${actor.personId}` : undefined),
        log,
        stores,
      ),
    ],
    close: () => stores.forEach((store) => store.shutdown()),
  };
}
