// One occurrence of a group's schedule: the session families join. Materialised from the
// schedule so attendance, reminders and (later) the live video room have something to refer to.
import mongoose, { type InferSchemaType, type Types } from 'mongoose';

const groupSessionSchema = new mongoose.Schema(
  {
    groupId: { type: mongoose.Schema.Types.ObjectId, ref: 'Group', required: true },
    /** The occurrence's original local date: stable when the session is moved. */
    key: { type: String, required: true },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    status: { type: String, enum: ['scheduled', 'cancelled', 'moved'], default: 'scheduled' },
    reason: { type: String, default: null },
    /** Set when a facilitator first opens the live room: the session took place. */
    startedAt: { type: Date, default: null },
    /** Set when a facilitator ends the live session for everyone: nobody can rejoin it. */
    endedAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false },
);
groupSessionSchema.index({ groupId: 1, key: 1 }, { unique: true });
groupSessionSchema.index({ groupId: 1, startsAt: 1 });
groupSessionSchema.index({ startsAt: 1 });

export type GroupSessionDoc = InferSchemaType<typeof groupSessionSchema> & { _id: Types.ObjectId };
export const GroupSession = mongoose.model('GroupSession', groupSessionSchema, 'group_sessions');
