// Work that must not delay an answer: it runs beside the request, its failure is logged (the
// answer was already given), and shutdown and tests can wait until all of it has finished.
import type { Logger } from 'pino';

const pending = new Set<Promise<void>>();

export function afterResponse(log: Logger, what: string, task: () => Promise<void>): void {
  const running = task()
    .catch((error: unknown) => log.error({ err: error, what }, 'background step failed'))
    .finally(() => pending.delete(running));
  pending.add(running);
}

/** Resolves once every background step started so far (and any they started) has finished. */
export async function backgroundSettled(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}
