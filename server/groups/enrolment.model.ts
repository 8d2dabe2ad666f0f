// A family's place in a group: confirmed, on the waitlist, waiting for approval, or ended.
import mongoose, { type InferSchemaType, type Types } from 'mongoose';

const enrolmentSchema = new mongoose.Schema(
  {
    groupId: { type: mongoose.Schema.Types.ObjectId, ref: 'Group', required: true },
    personId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    status: {
      type: String,
      enum: ['confirmed', 'waitlisted', 'pending', 'cancelled', 'removed'],
      required: true,
    },
    /** The group's arrival counter when the family enrolled: the waitlist's order. */
    arrival: { type: Number, required: true },
    rulesVersion: { type: String, required: true },
    reason: { type: String, default: null },
    /**
     * "group:person" while active, "group:person:<id>" once ended: a plain unique index then
     * allows one active enrolment per family (FerretDB has no partial indexes).
     */
    activeKey: { type: String, required: true },
    /** The place a confirmed enrolment holds (seat.model.ts). */
    seatId: { type: String, default: null },
  },
  { timestamps: true, versionKey: false },
);
enrolmentSchema.index({ activeKey: 1 }, { unique: true });
enrolmentSchema.index({ groupId: 1, status: 1, arrival: 1 });
enrolmentSchema.index({ personId: 1, status: 1 });

export type EnrolmentDoc = InferSchemaType<typeof enrolmentSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const Enrolment = mongoose.model('Enrolment', enrolmentSchema, 'enrolments');

export const activeKey = (groupId: string, personId: string) => `${groupId}:${personId}`;
export const endedKey = (groupId: string, personId: string, enrolmentId: string) =>
  `${groupId}:${personId}:${enrolmentId}`;
