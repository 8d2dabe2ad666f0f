// Which parts the platform depends on are down right now (the database, Redis), and why: /readyz
// names them, and requests that wait on a part that went down are answered at once with a
// translated "try again in a moment" instead of hanging until a driver times out.
import { EventEmitter } from 'node:events';

export type PartName = 'database' | 'redis' | (string & {});

const down = new Map<PartName, string>();
const changes = new EventEmitter();
changes.setMaxListeners(0);

export function markDown(part: PartName, reason: string): void {
  const was = down.get(part);
  down.set(part, reason);
  if (was === undefined) changes.emit('change', part, false);
}

export function markUp(part: PartName): void {
  if (down.delete(part)) changes.emit('change', part, true);
}

export function isDown(part: PartName): boolean {
  return down.has(part);
}

export function downParts(): { part: PartName; reason: string }[] {
  return [...down].map(([part, reason]) => ({ part, reason }));
}

/** Listens to every change; returns the way to stop listening. */
export function onPartChange(listener: (part: PartName, up: boolean) => void): () => void {
  changes.on('change', listener);
  return () => changes.off('change', listener);
}

/** Thrown (and answered as `unavailable`, HTTP 503) when a request waits on a part that is down. */
export class PartDownError extends Error {
  constructor(readonly part: PartName) {
    super(`${part} is down`);
    this.name = 'PartDownError';
  }
}

/** How long a request may wait on the database while it is known to be down. */
const WAIT_WHEN_DOWN_MS = 1000;
/** A request already waiting when the database is found down has waited long enough. */
const WAIT_AFTER_DOWN_MS = 200;

/**
 * The request's own work, unless the database is (or goes) down while it waits: then it is
 * answered `unavailable` within moments. Work that does not touch the database (media
 * signalling) finishes long before the deadline. What was already sent to the database may still
 * be stored when it returns — the chat's client ids make a retry store it once.
 */
export function failFast<T>(work: Promise<T>, part: PartName = 'database'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let stop = () => {};
  const deadline = new Promise<never>((_, reject) => {
    const arm = (ms: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (isDown(part)) reject(new PartDownError(part));
      }, ms);
    };
    if (isDown(part)) arm(WAIT_WHEN_DOWN_MS);
    stop = onPartChange((name, up) => {
      if (name === part && !up) arm(WAIT_AFTER_DOWN_MS);
    });
  });
  return Promise.race([work, deadline]).finally(() => {
    clearTimeout(timer);
    stop();
  });
}
