// Reminders of the family's own appointments: the family's reminder and, for a shared appointment
// while the pairing is active, a note to their volunteer — each in the reader's own language, the
// time in Helsinki, exactly once even when several processes sweep (each claimed by inserting a
// key that names no one: the appointment and the moment its time was set).
//
// What is due is read by key: appointments still ahead with a reminder to send are kept in one id
// list (db/idLists.ts 'appointments-pending'), so a sweep reads that list and those appointments by
// _id — never a filter on remindAt, which FerretDB answers by scanning every appointment ever made.
import { claimOnce } from '../db/claims.ts';
import { findByIds } from '../db/byIds.ts';
import { idsIn, removeId } from '../db/idLists.ts';
import { Person } from '../people/person.model.ts';
import type { LanguageCode } from '../protocol/languages.ts';
import { notify } from '../reminders/notification.model.ts';
import { PeriodicSweep, type SweepOptions } from '../reminders/sweep.ts';
import { formatWhen } from '../reminders/texts.ts';
import { Appointment, type AppointmentDoc } from './appointment.model.ts';
import { reminderNoticeId, volunteerNoteId } from './appointmentStore.ts';
import { activePairingOfFamily } from './pairings.ts';

/** Often enough that a reminder 2 h ahead is not late: runs every 5 minutes (main.ts). */
export const APPOINTMENT_SWEEP_MS = 5 * 60_000;
const LINK = '/alongside';

export class AppointmentReminders extends PeriodicSweep {
  constructor(options: SweepOptions) {
    super(options, 'appointment reminders');
  }

  override start(intervalMs = APPOINTMENT_SWEEP_MS): void {
    super.start(intervalMs);
  }

  protected async sweep(): Promise<number> {
    const now = this.clock.now();
    const ids = await idsIn('appointments-pending', 'all');
    const found = await findByIds<AppointmentDoc>(Appointment, ids);
    const gone = ids.filter((id) => !found.some((a) => String(a._id) === id));
    for (const id of gone) await removeId('appointments-pending', 'all', id);
    let sent = 0;
    for (const appointment of found) {
      if (this.halted) break;
      if (!appointment.remindAt || appointment.startsAt <= now) {
        await removeId('appointments-pending', 'all', appointment._id);
        continue;
      }
      if (appointment.remindAt > now) continue;
      if (appointment.remindedAt === null && (await this.remindFamily(appointment))) sent += 1;
      if (await this.noteVolunteer(appointment)) sent += 1;
      // Done with it; sharing it later lists it again for the note (appointmentStore.ts).
      await removeId('appointments-pending', 'all', appointment._id);
    }
    return sent;
  }

  private claimKey(kind: string, appointment: AppointmentDoc, ...more: string[]) {
    return [kind, String(appointment._id), appointment.timeSetAt.getTime(), ...more].join(':');
  }

  /** True when this sweep sent it (false: another one claimed it first). */
  private async remindFamily(appointment: AppointmentDoc): Promise<boolean> {
    if (!(await claimOnce(this.claimKey('appointment-reminder', appointment)))) return false;
    const family = await Person.findById(appointment.familyId).lean();
    if (family) {
      const lang = family.language as LanguageCode;
      const params = this.paramsFor(appointment, lang);
      await notify(reminderNoticeId(appointment._id), {
        personId: family._id,
        kind: 'appointment-reminder',
        params,
      });
      await this.options.mailer.send({
        to: family.email,
        lang,
        template: 'appointmentReminder',
        params: { ...params, link: this.url() },
      });
    }
    await Appointment.updateOne({ _id: appointment._id }, { remindedAt: this.clock.now() });
    return true;
  }

  /**
   * True when this sweep sent the note. Nothing is owed for an unshared appointment, nor without
   * an active pairing: an unshared appointment's words never reach a volunteer.
   */
  private async noteVolunteer(appointment: AppointmentDoc): Promise<boolean> {
    if (appointment.volunteerNotedAt !== null || !appointment.shared) return false;
    const pairing = await activePairingOfFamily(String(appointment.familyId));
    if (!pairing) return false;
    const key = this.claimKey('appointment-note', appointment, String(pairing._id));
    if (!(await claimOnce(key))) return false;
    const volunteer = await Person.findById(pairing.volunteerId).lean();
    if (volunteer) {
      const lang = volunteer.language as LanguageCode;
      const params = this.paramsFor(appointment, lang);
      await notify(volunteerNoteId(appointment._id), {
        personId: volunteer._id,
        kind: 'appointment-note',
        params,
      });
      // The email says only when: the family's words stay in the app, where ending the pairing
      // or erasing the account can still take them back.
      await this.options.mailer.send({
        to: volunteer.email,
        lang,
        template: 'appointmentNote',
        params: { at: formatWhen(appointment.startsAt, lang), link: this.url() },
      });
    }
    await Appointment.updateOne({ _id: appointment._id }, { volunteerNotedAt: this.clock.now() });
    return true;
  }

  /** `context: 'noPlace'` picks the texts without a place (i18next context). */
  private paramsFor(appointment: AppointmentDoc, lang: LanguageCode): Record<string, string> {
    return {
      what: appointment.what,
      at: formatWhen(appointment.startsAt, lang),
      where: appointment.where ?? '',
      link: LINK,
      ...(appointment.where ? {} : { context: 'noPlace' }),
    };
  }

  private url(): string {
    return new URL(LINK, this.options.publicUrl).toString();
  }
}
