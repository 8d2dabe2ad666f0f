import type { TFunction } from 'i18next';
import type { Logger } from 'pino';
import { SfuError } from '../../sfu/index.ts';
import type { AppError } from '../protocol/ack.ts';

/** A refusal the user should read: `code` is a key in locales/<lang>/errors.json. */
export class RequestError extends Error {
  constructor(
    readonly code: string,
    readonly fields?: Record<string, string>,
  ) {
    super(code);
  }
}

export function toAppError(error: unknown, t: TFunction, log: Logger): AppError {
  if (error instanceof RequestError) {
    return {
      code: error.code,
      message: t(error.code),
      ...(error.fields ? { fields: error.fields } : {}),
    };
  }
  if (error instanceof SfuError)
    return { code: `media.${error.code}`, message: t(`media.${error.code}`) };
  log.error({ err: error }, 'request failed');
  return { code: 'internal', message: t('internal') };
}
