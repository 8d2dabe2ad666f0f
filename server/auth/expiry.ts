// What has expired in sign-in's collections goes: login sessions past their expiry, one-time
// email links past theirs, guesses that no longer count and locks that are over. On MongoDB TTL
// indexes remove them too; FerretDB refuses TTL indexes ("expireAfterSeconds not implemented"),
// so without this the embedded database would keep every session and failed guess forever, and
// the guess count, which cannot be read by key, would scan all of them on every sign-in.
import { op } from '../db/operators.ts';
import { PeriodicSweep, type BaseSweepOptions } from '../reminders/sweep.ts';
import { EmailToken } from './emailToken.model.ts';
import { LoginSession } from './loginSession.model.ts';
import { forgetOldAttempts } from './throttle.ts';

/** Removes everything expired by `now`; resolves to how many documents went. */
export async function removeExpired(now = new Date()): Promise<number> {
  const sessions = await LoginSession.deleteMany({ expiresAt: op({ $lte: now }) });
  const tokens = await EmailToken.deleteMany({ expiresAt: op({ $lte: now }) });
  return sessions.deletedCount + tokens.deletedCount + (await forgetOldAttempts(now));
}

/**
 * Removes what expired now and then every interval (every server process does; a second removal
 * finds nothing). Each read checks expiry itself, so a late sweep is only untidy.
 */
export class ExpirySweep extends PeriodicSweep<BaseSweepOptions> {
  constructor(options: BaseSweepOptions) {
    super(options, 'removing expired sign-in data');
  }

  protected async sweep(): Promise<number> {
    const removed = await removeExpired(this.clock.now());
    if (removed) this.options.log.info({ removed }, 'expired sign-in data removed');
    return removed;
  }
}
