import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { isUnavailable } from '../errors.ts';
import { languageOf, translator } from '../i18n/index.ts';

/** Unknown API routes: a JSON 404 in the caller's language. */
export const notFound: RequestHandler = (req, res) => {
  const t = translator(languageOf(undefined, req.headers['accept-language']));
  res.status(404).json({ error: { code: 'notFound', message: t('notFound') } });
};

/** Last resort: never leak a stack trace; log it and answer in the caller's language. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const t = translator(languageOf(undefined, req.headers['accept-language']));
    const status = (error as { status?: number }).status;
    if (status && status >= 400 && status < 500) {
      // From express.json: malformed JSON (400) or a body over the limit (413).
      const code = status === 413 ? 'tooLarge' : 'invalid';
      res.status(status).json({
        error: {
          code,
          message: t(code),
          fields: { _: t(code === 'tooLarge' ? 'tooLarge' : 'field.invalid') },
        },
      });
      return;
    }
    if (isUnavailable(error)) {
      res.set('Retry-After', '2');
      res.status(503).json({ error: { code: 'unavailable', message: t('unavailable') } });
      return;
    }
    (req.log ?? log).error({ err: error, url: req.originalUrl }, 'request failed');
    res.status(500).json({ error: { code: 'internal', message: t('internal') } });
  };
}
