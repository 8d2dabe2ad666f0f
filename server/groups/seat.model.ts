// A place in a group, held by one enrolment. Its _id is "<group>:<n>" for n = 1…capacity, so a
// place can be taken only once: the insert is the atomic step (see db/claims.ts).
import mongoose from 'mongoose';

const seatSchema = new mongoose.Schema(
  {
    _id: String,
    groupId: { type: mongoose.Schema.Types.ObjectId, ref: 'Group', required: true, index: true },
    enrolmentId: {
      type: mongoose.Schema.Types.ObjectId,
      ref: 'Enrolment',
      required: true,
      index: true,
    },
  },
  { versionKey: false },
);

export const Seat = mongoose.model('Seat', seatSchema, 'seats');

/** Takes the first free place; null when all are held. */
export async function takeSeat(
  groupId: string,
  capacity: number,
  enrolmentId: unknown,
): Promise<string | null> {
  const held = new Set((await Seat.find({ groupId }, { _id: 1 }).lean()).map((s) => s._id));
  for (let n = 1; n <= capacity; n += 1) {
    const _id = `${groupId}:${n}`;
    if (held.has(_id)) continue;
    try {
      await Seat.create({ _id, groupId, enrolmentId });
      return _id;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }
  return null;
}

export async function releaseSeat(enrolmentId: unknown): Promise<void> {
  await Seat.deleteMany({ enrolmentId });
}
