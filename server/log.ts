import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** The HTTP request being served (server/http/requestContext.ts), for its id in log lines. */
export const requestScope = new AsyncLocalStorage<{ reqId: string }>();
/** Marks a request's child logger, which carries the id already. */
export const carriesRequestId = Symbol('carriesRequestId');

function prettyAvailable(): boolean {
  try {
    createRequire(import.meta.url).resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** Structured JSON logs; readable lines on a developer's terminal. */
export function createLogger(
  level: string,
  pretty = process.stdout.isTTY && prettyAvailable(),
  /** Where lines go instead of stdout (tests read them). */
  destination?: DestinationStream,
): Logger {
  const options: LoggerOptions = {
    level,
    redact: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.email'],
    // Lines logged while serving a request, through any logger, carry that request's id.
    mixin(_object, _level, logger) {
      if ((logger as unknown as Record<symbol, unknown>)[carriesRequestId]) return {};
      const scope = requestScope.getStore();
      return scope ? { reqId: scope.reqId } : {};
    },
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } }
      : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
