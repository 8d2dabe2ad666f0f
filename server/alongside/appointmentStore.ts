// The family's writes to their appointments, and what each write means for reminders: a new time
// is reminded afresh, a withdrawn share or a deleted appointment takes its note back from the
// volunteer's inbox. Only the owning family reaches an appointment; to anyone else it is missing.
import { isValidObjectId } from 'mongoose';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { serialised } from '../db/claims.ts';
import { addId, idsIn, removeId } from '../db/idLists.ts';
import { notFound, RequestError } from '../errors.ts';
import { ZONE } from '../groups/schedule.ts';
import { opaqueId } from '../privacy/opaqueId.ts';
import {
  APPOINTMENT_LATE_REMINDER_HOURS,
  APPOINTMENT_REMINDER_HOURS,
  type alongsideSchemas,
  type appointmentPatchSchema,
} from '../protocol/alongside.ts';
import { Notification } from '../reminders/notification.model.ts';
import { Appointment, type AppointmentDoc } from './appointment.model.ts';
import { helsinkiDate, helsinkiInstant } from './time.ts';

type NewAppointment = z.output<typeof alongsideSchemas.appointment>;
type AppointmentPatch = z.output<typeof appointmentPatchSchema>;
type Translate = (key: string) => string;
const HOUR_MS = 3_600_000;

/** The in-app notices' ids: one per appointment each, so they can be found again to take back. */
export const reminderNoticeId = (appointmentId: unknown) =>
  opaqueId('appointment-reminder', String(appointmentId));
export const volunteerNoteId = (appointmentId: unknown) =>
  opaqueId('appointment-note', String(appointmentId));

/**
 * When the reminder is due: 24 h before; written down less than 24 h ahead, 2 h before; less than
 * 2 h ahead, none (the family has just written it down).
 */
export function remindAtFor(startsAt: Date, timeSetAt: Date): Date | null {
  for (const hours of [APPOINTMENT_REMINDER_HOURS, APPOINTMENT_LATE_REMINDER_HOURS]) {
    const at = new Date(startsAt.getTime() - hours * HOUR_MS);
    if (at.getTime() >= timeSetAt.getTime()) return at;
  }
  return null;
}

function startsAtFrom(date: string, time: string, t: Translate, now: Date): Date {
  const startsAt = helsinkiInstant(date, time);
  if (!startsAt) throw new RequestError('invalid', 400, { time: t('appointments.noSuchTime') });
  if (startsAt <= now) throw new RequestError('invalid', 400, { date: t('appointments.inPast') });
  return startsAt;
}

/** Listed for the reminder sweep while a reminder (or a note) may still be due. */
export async function keepPending(
  doc: Pick<AppointmentDoc, '_id' | 'startsAt' | 'remindAt'>,
  now: Date,
) {
  const ahead = doc.remindAt !== null && doc.startsAt.getTime() > now.getTime();
  if (ahead) await addId('appointments-pending', 'all', doc._id);
  else await removeId('appointments-pending', 'all', doc._id);
}

/** Deletes a notice about an appointment (the reminder or the volunteer's note), if it was sent. */
export async function withdrawNotice(noticeId: string): Promise<void> {
  const notice = await Notification.findById(noticeId, { personId: 1 }).lean();
  if (!notice) return;
  await Notification.deleteOne({ _id: noticeId });
  await removeId('inbox', notice.personId, noticeId);
}

/** The family's own appointment; anyone else's (or a missing one) is 404 alike. */
export async function ownAppointment(familyId: string, id: string): Promise<AppointmentDoc> {
  const doc = isValidObjectId(id) ? await Appointment.findById(id).lean() : null;
  if (!doc || String(doc.familyId) !== familyId) throw notFound();
  return doc as AppointmentDoc;
}

export async function createAppointment(
  familyId: string,
  input: NewAppointment,
  t: Translate,
  now: Date,
): Promise<AppointmentDoc> {
  const startsAt = startsAtFrom(input.date, input.time, t, now);
  const created = await Appointment.create({
    familyId,
    what: input.what,
    startsAt,
    where: input.where ?? '',
    shared: input.shared,
    timeSetAt: now,
    remindAt: remindAtFor(startsAt, now),
  });
  const doc = created.toObject() as AppointmentDoc;
  await keepPending(doc, now);
  return doc;
}

const localTime = (at: Date) => DateTime.fromJSDate(at, { zone: ZONE }).toFormat('HH:mm');

/** Returns the appointment before and after the change. */
export function updateAppointment(
  familyId: string,
  id: string,
  patch: AppointmentPatch,
  t: Translate,
  now: Date,
): Promise<{ before: AppointmentDoc; after: AppointmentDoc }> {
  return serialised(`appointment:${id}`, async () => {
    const before = await ownAppointment(familyId, id);
    const changes: Partial<AppointmentDoc> = {};
    if (patch.what !== undefined) changes.what = patch.what;
    if (patch.where !== undefined) changes.where = patch.where;
    if (patch.date !== undefined || patch.time !== undefined) {
      const date = patch.date ?? helsinkiDate(before.startsAt);
      const time = patch.time ?? localTime(before.startsAt);
      // The same time sent back (a form saved whole) is no change, even once it has passed.
      const same = helsinkiInstant(date, time)?.getTime() === before.startsAt.getTime();
      if (!same) {
        const startsAt = startsAtFrom(date, time, t, now);
        // A new time: the old reminder and note spoke of the wrong moment.
        Object.assign(changes, {
          startsAt,
          timeSetAt: now,
          remindAt: remindAtFor(startsAt, now),
          remindedAt: null,
          volunteerNotedAt: null,
        });
        await withdrawNotice(reminderNoticeId(id));
        await withdrawNotice(volunteerNoteId(id));
      }
    }
    if (patch.shared !== undefined && patch.shared !== before.shared) {
      changes.shared = patch.shared;
      if (!patch.shared) {
        // No longer shared: the volunteer's note about it goes too.
        changes.volunteerNotedAt = null;
        await withdrawNotice(volunteerNoteId(id));
      }
    }
    await Appointment.updateOne({ _id: before._id }, changes);
    const after = { ...before, ...changes };
    await keepPending(after, now);
    return { before, after };
  });
}

export function deleteAppointment(familyId: string, id: string): Promise<AppointmentDoc> {
  return serialised(`appointment:${id}`, async () => {
    const doc = await ownAppointment(familyId, id);
    await forgetAppointment(doc);
    return doc;
  });
}

/** Removes an appointment and every trace of it: notices, list entries (delete and erasure). */
export async function forgetAppointment(doc: Pick<AppointmentDoc, '_id' | 'familyId'>) {
  await withdrawNotice(reminderNoticeId(doc._id));
  await withdrawNotice(volunteerNoteId(doc._id));
  await Appointment.deleteOne({ _id: doc._id });
  await removeId('appointments-pending', 'all', doc._id);
  await removeId('appointments-of', doc.familyId, doc._id);
}

/**
 * Takes back every note the family's volunteer got about their appointments. For the end of a
 * pairing (alongside/pairings.ts `endPairing` may call it): the volunteer keeps nothing shared.
 */
export async function withdrawVolunteerNotes(familyId: string): Promise<void> {
  for (const id of await idsIn('appointments-of', familyId))
    await withdrawNotice(volunteerNoteId(id));
}
