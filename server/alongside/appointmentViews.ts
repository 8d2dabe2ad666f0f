// How appointments are read back: the family's own (coming first, then the recent past), and the
// volunteer's view of a pairing — the shared ones only, decided here and nowhere else.
import { findByIds } from '../db/byIds.ts';
import { idsIn } from '../db/idLists.ts';
import { APPOINTMENT_RECENT_DAYS, type AppointmentInfo } from '../protocol/alongside.ts';
import { Appointment, type AppointmentDoc } from './appointment.model.ts';
import type { PairingDoc } from './pairing.model.ts';

const DAY_MS = 86_400_000;

export function toAppointmentInfo(doc: AppointmentDoc): AppointmentInfo {
  return {
    id: String(doc._id),
    what: doc.what,
    startsAt: doc.startsAt.toISOString(),
    where: doc.where ?? '',
    shared: doc.shared,
  };
}

/** A family's appointments, read by key through their list (no scan of the collection). */
export async function appointmentsOf(familyId: string): Promise<AppointmentDoc[]> {
  const docs = await findByIds<AppointmentDoc>(
    Appointment,
    await idsIn('appointments-of', familyId),
  );
  return docs.filter((a) => String(a.familyId) === familyId);
}

/** Coming ones soonest first, then the last APPOINTMENT_RECENT_DAYS newest first. */
export function inListOrder(docs: AppointmentDoc[], now: Date): AppointmentDoc[] {
  const since = now.getTime() - APPOINTMENT_RECENT_DAYS * DAY_MS;
  const at = (a: AppointmentDoc) => a.startsAt.getTime();
  const coming = docs.filter((a) => at(a) >= now.getTime()).sort((a, b) => at(a) - at(b));
  const past = docs
    .filter((a) => at(a) < now.getTime() && at(a) >= since)
    .sort((a, b) => at(b) - at(a));
  return [...coming, ...past];
}

export async function familyAppointments(familyId: string, now: Date): Promise<AppointmentInfo[]> {
  return inListOrder(await appointmentsOf(familyId), now).map(toAppointmentInfo);
}

/**
 * What the pairing's volunteer may see: the family's shared appointments while the pairing is
 * active; nothing at all (not even a count of the others) otherwise.
 */
export async function sharedAppointments(
  pairing: Pick<PairingDoc, 'familyId' | 'status'>,
  now: Date,
): Promise<AppointmentInfo[]> {
  if (pairing.status !== 'active') return [];
  const shared = (await appointmentsOf(String(pairing.familyId))).filter((a) => a.shared);
  return inListOrder(shared, now).map(toAppointmentInfo);
}
