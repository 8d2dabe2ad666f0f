// A family's own appointment (what, when, where — their words), shown to their volunteer only
// when the family shares it. Reminders go out once each: the sweep claims each one by inserting
// a key (db/claims.ts) and records here when it went.
import mongoose, { type InferSchemaType, type Types } from 'mongoose';
import { addId } from '../db/idLists.ts';

const appointmentSchema = new mongoose.Schema(
  {
    familyId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    what: { type: String, required: true },
    startsAt: { type: Date, required: true },
    where: { type: String, default: '' },
    shared: { type: Boolean, required: true },
    /** When the time was last set: a new time is reminded afresh (and is part of the claim key). */
    timeSetAt: { type: Date, required: true },
    /** When the reminder is due (appointmentPlan.ts); null when none is (set too close to it). */
    remindAt: { type: Date, default: null },
    /** The family's reminder and the volunteer's note: when sent (claims, exactly once). */
    remindedAt: { type: Date, default: null },
    volunteerNotedAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false },
);

appointmentSchema.post('save', async (doc) => {
  await addId('appointments-of', doc.familyId, doc._id);
});

export type AppointmentDoc = InferSchemaType<typeof appointmentSchema> & { _id: Types.ObjectId };
export const Appointment = mongoose.model(
  'AlongsideAppointment',
  appointmentSchema,
  'alongside_appointments',
);
