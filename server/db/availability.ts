// Watches the database the way requests see it (a probe over mongoose's own connection every
// 300 ms) and, when the platform runs it, its supervisor: the first failure marks it down (so
// requests fail fast and /readyz names it), the first answer after marks it up again. One log
// line when it goes, one when it is back, with how long it was gone — not a stack per request.
// Gone for a while although a new connection answers: mongoose's connection is replaced.
import mongoose from 'mongoose';
import type { Logger } from 'pino';
import { count } from '../platform/metrics.ts';
import { isDown, markDown, markUp } from '../platform/parts.ts';
import type { SupervisedPart } from '../platform/supervisor.ts';
import { newConnectionAnswers, reconnectMongoose } from './connect.ts';

const EVERY_MS = 300;
const PING_TIMEOUT_MS = 700;
/** How long the database may be gone before a new connection is tried (and how often). */
const STUCK_AFTER_MS = 4000;

/** The driver gives up on a ping long after the watch has (it closes that connection then). */
const PING_ABANDON_MS = 3000;

/**
 * Whether the database answers within PING_TIMEOUT_MS. [heal-1] once saw enrolments refused as
 * "unavailable" on a fresh database that was fine, so two things a busy moment does are not
 * taken for silence: the probe is `hello`, not `ping` — FerretDB's ping waits for its catalogue
 * lock, which index builds hold (a new database builds dozens) — and when the deadline fires,
 * replies already on the socket are read first (one turn of I/O), for a Node process that was
 * busy (CI's two test runs, a long GC) sees its timer and the answer due at the same moment.
 */
async function ping(): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db) return false;
  let answered: boolean | undefined;
  const reply = db
    .admin()
    .command({ hello: 1 }, { timeoutMS: PING_ABANDON_MS })
    .then(
      () => (answered = true),
      () => (answered = false),
    );
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, PING_TIMEOUT_MS);
  });
  await Promise.race([reply, deadline]);
  clearTimeout(timer);
  if (answered === undefined) await new Promise((resolve) => setImmediate(resolve));
  return answered === true;
}

export interface DatabaseWatch {
  stop(): void;
}

export function watchDatabase(log: Logger, supervisor?: SupervisedPart): DatabaseWatch {
  let since = 0;
  let triedAt = 0;
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
  const replaceIfStuck = async () => {
    triedAt = Date.now();
    if (stopped || !(await newConnectionAnswers()) || stopped) return;
    log.warn(
      { part: 'database' },
      'the database answers a new connection but not the existing one: replacing it',
    );
    count('rinnalla_database_reconnects_total');
    await reconnectMongoose().catch((error: unknown) =>
      log.warn({ err: error, part: 'database' }, 'could not replace the database connection'),
    );
  };
  const tick = async () => {
    if (stopped) return;
    const ok = await ping();
    if (stopped) return;
    if (supervisor?.state === 'gaveUp') gone(supervisor.reason);
    else if (!ok) {
      gone(supervisor?.reason || 'the database does not answer');
      if (Date.now() - Math.max(since, triedAt) > STUCK_AFTER_MS) await replaceIfStuck();
    } else if (isDown('database')) {
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
