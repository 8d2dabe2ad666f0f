// Watches the database the way requests see it (a ping over mongoose's own connection every
// 300 ms) and, when the platform runs it, its supervisor: the first failure marks it down (so
// requests fail fast and /readyz names it), the first answer after marks it up again. One log
// line when it goes, one when it is back, with how long it was gone — not a stack per request.
import mongoose from 'mongoose';
import type { Logger } from 'pino';
import { count } from '../platform/metrics.ts';
import { isDown, markDown, markUp } from '../platform/parts.ts';
import type { SupervisedPart } from '../platform/supervisor.ts';

const EVERY_MS = 300;
const PING_TIMEOUT_MS = 700;

async function ping(): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db) return false;
  try {
    await db.admin().command({ ping: 1 }, { timeoutMS: PING_TIMEOUT_MS });
    return true;
  } catch {
    return false;
  }
}

export interface DatabaseWatch {
  stop(): void;
}

export function watchDatabase(log: Logger, supervisor?: SupervisedPart): DatabaseWatch {
  let since = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const gone = (reason: string) => {
    if (!isDown('database')) {
      since = Date.now();
      count('rinnalla_database_outages_total');
      log.warn({ part: 'database', reason }, `database unavailable: ${reason}`);
    }
    markDown('database', reason);
  };
  const onDown = (reason: unknown) => gone(String(reason));
  supervisor?.on('down', onDown);
  supervisor?.on('gaveUp', onDown);
  const tick = async () => {
    if (stopped) return;
    const ok = await ping();
    if (stopped) return;
    if (supervisor?.state === 'gaveUp') gone(supervisor.reason);
    else if (!ok) gone(supervisor?.reason || 'the database does not answer');
    else if (isDown('database')) {
      markUp('database');
      log.warn(
        { part: 'database', downMs: Date.now() - since },
        `database available again after ${Date.now() - since} ms`,
      );
    }
    timer = setTimeout(() => void tick(), EVERY_MS);
    timer.unref();
  };
  void tick();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      supervisor?.off('down', onDown);
      supervisor?.off('gaveUp', onDown);
    },
  };
}
