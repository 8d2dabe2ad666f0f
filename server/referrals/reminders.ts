// A referral the family has not acted on in 14 days (no answer to the consent question) reminds
// the partner worker who holds it: in the app and by email, once (claimed by an insert, so two
// server processes never both send it).
import { claimOnce } from '../db/claims.ts';
import { op } from '../db/operators.ts';
import { Person } from '../people/person.model.ts';
import type { LanguageCode } from '../protocol/languages.ts';
import { notify } from '../reminders/notification.model.ts';
import { PeriodicSweep, type SweepOptions } from '../reminders/sweep.ts';
import { Referral, type ReferralDoc } from './referral.model.ts';

export const REFERRAL_REMINDER_DAYS = 14;
const DAY_MS = 86_400_000;

export class ReferralReminders extends PeriodicSweep {
  constructor(options: SweepOptions) {
    super(options, 'referral reminders');
  }

  protected async sweep(): Promise<number> {
    const now = this.clock.now();
    const due = await Referral.find({
      createdAt: op({ $lte: new Date(now.getTime() - REFERRAL_REMINDER_DAYS * DAY_MS) }),
      expiresAt: op({ $gt: now }),
      remindedAt: null,
      'consent.state': 'pending',
    }).lean();
    let sent = 0;
    for (const referral of due) {
      if (this.halted) break;
      if (!(await claimOnce(`referral-reminder:${String(referral._id)}`))) continue;
      if (await this.deliver(referral)) sent += 1;
      await Referral.updateOne({ _id: referral._id }, { remindedAt: this.clock.now() });
    }
    return sent;
  }

  /** False when nobody holds the referral any more (the account is gone). */
  private async deliver(referral: ReferralDoc): Promise<boolean> {
    const holder = referral.createdBy ? await Person.findById(referral.createdBy).lean() : null;
    if (!holder) return false;
    const params = { reference: referral.reference, link: '/referrals' };
    await notify(`referral-reminder:${String(referral._id)}`, {
      personId: holder._id,
      kind: 'referral-reminder',
      params,
    });
    await this.options.mailer.send({
      to: holder.email,
      lang: holder.language as LanguageCode,
      template: 'referralReminder',
      params: { ...params, link: new URL('/referrals', this.options.publicUrl).toString() },
    });
    return true;
  }
}
