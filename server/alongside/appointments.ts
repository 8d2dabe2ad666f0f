// The family's own appointments over REST, and the volunteer's read-only view of the shared ones.
// A change the volunteer could see nudges their open pages over Socket.IO ({ pairingId } only:
// what they may read still comes through the route below and its rules).
import { isValidObjectId } from 'mongoose';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { notFound } from '../errors.ts';
import { personRoom } from '../realtime/accessWatch.ts';
import type { RealtimeServer } from '../realtime/socket.ts';
import type { Clock } from '../reminders/runner.ts';
import { alongsideSchemas, appointmentPatchSchema } from '../protocol/alongside.ts';
import { Pairing } from './pairing.model.ts';
import { activePairingOfFamily } from './pairings.ts';
import { createAppointment, deleteAppointment, updateAppointment } from './appointmentStore.ts';
import { familyAppointments, sharedAppointments, toAppointmentInfo } from './appointmentViews.ts';
import './appointmentPrivacy.ts';

export function appointmentRoutes(api: ApiRouter, clock: Clock, io: RealtimeServer): void {
  /** Tells the family's volunteer (if paired now) that the shared list changed. */
  const nudgeVolunteer = async (familyId: string) => {
    const pairing = await activePairingOfFamily(familyId);
    if (!pairing) return;
    io.to(personRoom(String(pairing.volunteerId))).emit('alongside:appointmentsChanged', {
      pairingId: String(pairing._id),
    });
  };

  api.get('/alongside/appointments', { action: 'appointment.manage' }, async ({ actor }) =>
    familyAppointments(signedIn(actor).personId, clock.now()),
  );

  api.post(
    '/alongside/appointments',
    { action: 'appointment.manage', body: alongsideSchemas.appointment, status: 201 },
    async ({ actor, body, t }) => {
      const me = signedIn(actor).personId;
      const created = await createAppointment(me, body, t, clock.now());
      if (created.shared) await nudgeVolunteer(me);
      return toAppointmentInfo(created);
    },
  );

  api.patch(
    '/alongside/appointments/:id',
    { action: 'appointment.manage', body: appointmentPatchSchema },
    async ({ actor, body, params, t }) => {
      const me = signedIn(actor).personId;
      const { before, after } = await updateAppointment(me, params.id!, body, t, clock.now());
      // An unshared appointment that stays unshared is none of the volunteer's business.
      if (before.shared || after.shared) await nudgeVolunteer(me);
      return toAppointmentInfo(after);
    },
  );

  api.delete(
    '/alongside/appointments/:id',
    { action: 'appointment.manage' },
    async ({ actor, params }) => {
      const me = signedIn(actor).personId;
      const removed = await deleteAppointment(me, params.id!);
      if (removed.shared) await nudgeVolunteer(me);
    },
  );

  api.get(
    '/alongside/pairings/:id/appointments',
    { action: 'appointment.shared' },
    async ({ actor, params }) => {
      const me = signedIn(actor).personId;
      const pairing = isValidObjectId(params.id) ? await Pairing.findById(params.id).lean() : null;
      // Only its volunteer, only while it lasts; to anyone else it does not exist.
      if (!pairing || pairing.status !== 'active' || String(pairing.volunteerId) !== me)
        throw notFound();
      return sharedAppointments(pairing, clock.now());
    },
  );
}
