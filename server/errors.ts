// A refusal the user should read, over HTTP or a socket ack: `code` is a key in
// locales/<lang>/errors.json, `status` the HTTP status it maps to.
import type { TFunction } from 'i18next';
import type { Logger } from 'pino';
import { SfuError } from '../sfu/index.ts';
import type { AppError } from './protocol/ack.ts';
import { isDatabaseUnavailable } from './db/connect.ts';
import { count } from './platform/metrics.ts';
import { isDown, PartDownError } from './platform/parts.ts';

export class RequestError extends Error {
  constructor(
    readonly code: string,
    readonly status = 400,
    readonly fields?: Record<string, string>,
    readonly params?: Record<string, string | number | Date>,
  ) {
    super(code);
  }
}

export const unauthenticated = () => new RequestError('unauthenticated', 401);
export const forbidden = () => new RequestError('forbidden', 403);
/** Also what someone gets for a resource they may not see: its existence is not revealed. */
export const notFound = () => new RequestError('notFound', 404);

/**
 * The database (or another part) is down for a moment: not a bug to log with a stack per
 * request — the outage is logged once where it is watched (server/db/availability.ts).
 */
export function isUnavailable(error: unknown): boolean {
  return (
    error instanceof PartDownError ||
    isDatabaseUnavailable(error) ||
    // Any driver error while the database is known to be down: a request cut short by it (or by
    // its replacement) is "try again in a moment", not an internal fault ([heal-2] saw a 500).
    (isDown('database') && error instanceof Error && /^Mongo/.test(error.name))
  );
}

export function toAppError(error: unknown, t: TFunction, log: Logger): AppError {
  if (isUnavailable(error)) {
    count('rinnalla_requests_unavailable_total');
    return { code: 'unavailable', message: t('unavailable') };
  }
  if (error instanceof RequestError) {
    return {
      code: error.code,
      message: t(error.code, error.params),
      ...(error.fields ? { fields: error.fields } : {}),
    };
  }
  if (error instanceof SfuError)
    return { code: `media.${error.code}`, message: t(`media.${error.code}`) };
  log.error({ err: error }, 'request failed');
  return { code: 'internal', message: t('internal') };
}

export function statusOf(error: unknown): number {
  if (error instanceof RequestError) return error.status;
  if (error instanceof SfuError) return 409;
  if (isUnavailable(error)) return 503;
  return 500;
}
