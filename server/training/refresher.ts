// The refresher reminder: REFRESHER_REMINDER_DAYS before a certification runs out, its holder
// gets an in-app notice and an email in their language, once. A periodic sweep (started with the
// server, like the reminder runner) claims each reminder by inserting a numbered claim, so two
// server processes never both send it; a sweep that died mid-way is taken up after its lease.
import { claimOnce } from '../db/claims.ts';
import { op } from '../db/operators.ts';
import { Person } from '../people/person.model.ts';
import { dateLocale, type LanguageCode } from '../protocol/languages.ts';
import { REFRESHER_REMINDER_DAYS } from '../protocol/training.ts';
import { notify } from '../reminders/notification.model.ts';
import { PeriodicSweep, type SweepOptions } from '../reminders/sweep.ts';
import { Certification, type CertificationDoc } from './certification.model.ts';

const DAY_MS = 86_400_000;
const LEASE_MS = 5 * 60_000;

export type RefresherOptions = SweepOptions;

/** A date as the person reads it: in their language, in Helsinki. */
export function helsinkiDate(date: Date, lang: LanguageCode): string {
  return new Intl.DateTimeFormat(dateLocale(lang), {
    timeZone: 'Europe/Helsinki',
    dateStyle: 'long',
  }).format(date);
}

export class RefresherReminders extends PeriodicSweep {
  constructor(options: RefresherOptions) {
    super(options, 'refresher reminders');
  }

  protected async sweep(): Promise<number> {
    const now = this.clock.now();
    const horizon = new Date(now.getTime() + REFRESHER_REMINDER_DAYS * DAY_MS);
    const due = (
      await Certification.find({
        validUntil: op({ $gt: now, $lte: horizon }),
        refresherRemindedAt: null,
      }).lean()
    ).filter((c) => !c.refresherLeaseUntil || c.refresherLeaseUntil < now);
    if (due.length === 0) return 0;
    // Renewed already (a newer certification beyond the horizon): no reminder needed.
    const renewed = new Set(
      (
        await Certification.find(
          {
            personId: op({ $in: due.map((c) => c.personId) }),
            validUntil: op({ $gt: horizon }),
          },
          { personId: 1 },
        ).lean()
      ).map((c) => String(c.personId)),
    );
    let sent = 0;
    for (const certification of due) {
      if (this.halted) break;
      if (renewed.has(String(certification.personId))) continue;
      const attempt = (certification.refresherAttempts ?? 0) + 1;
      if (!(await claimOnce(`refresher:${String(certification._id)}:${attempt}`))) continue;
      await Certification.updateOne(
        { _id: certification._id },
        { refresherAttempts: attempt, refresherLeaseUntil: new Date(now.getTime() + LEASE_MS) },
      );
      try {
        if (await this.deliver(certification)) sent += 1;
        await Certification.updateOne(
          { _id: certification._id },
          { refresherRemindedAt: this.clock.now(), refresherLeaseUntil: null },
        );
      } catch (error) {
        this.options.log.error({ err: error }, 'refresher reminder failed; will retry');
        await Certification.updateOne({ _id: certification._id }, { refresherLeaseUntil: null });
      }
    }
    return sent;
  }

  /** False when there is nobody to remind (the account is gone). */
  private async deliver(certification: CertificationDoc): Promise<boolean> {
    const person = await Person.findById(certification.personId).lean();
    if (!person) return false;
    const lang = person.language as LanguageCode;
    const until = helsinkiDate(certification.validUntil, lang);
    // Keyed by the certification: a retried sweep makes no second notice.
    await notify(`certification-expiring:${String(certification._id)}`, {
      personId: person._id,
      kind: 'certification-expiring',
      params: { until, link: '/training' },
    });
    await this.options.mailer.send({
      to: person.email,
      lang,
      template: 'certificationExpiring',
      params: {
        name: person.displayName,
        until,
        link: new URL('/training', this.options.publicUrl).toString(),
      },
    });
    return true;
  }
}
