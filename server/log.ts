import { createRequire } from 'node:module';
import { pino, type Logger } from 'pino';

export type { Logger };

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
): Logger {
  return pino({
    level,
    redact: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.email'],
    ...(pretty
      ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } }
      : {}),
  });
}
