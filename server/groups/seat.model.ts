// A place in a group, held by one enrolment. Its _id is "<group>:<n>" for n = 1…capacity, so a
// place can be taken only once: the insert is the atomic step (see db/claims.ts). The enrolment
// keeps the id of its place; nothing here is looked up but by its id.
import mongoose from 'mongoose';
import type { EnrolmentDoc } from './enrolment.model.ts';
import { isDuplicateKey } from '../db/claims.ts';

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

/**
 * Takes a free place; null when all are held. The roster says how many are held (no insert is
 * tried when the group is full); the inserts decide which one, across processes.
 */
export async function takeSeat(
  groupId: string,
  capacity: number,
  enrolmentId: unknown,
  roster: { active: { status: string }[] },
): Promise<string | null> {
  if (roster.active.filter((e) => e.status === 'confirmed').length >= capacity) return null;
  for (let n = 1; n <= capacity; n += 1) {
    const _id = `${groupId}:${n}`;
    try {
      await Seat.create({ _id, groupId, enrolmentId });
      return _id;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  return null;
}

export async function releaseSeat(
  enrolment: Pick<EnrolmentDoc, '_id' | 'seatId' | 'status'>,
): Promise<void> {
  if (enrolment.seatId) await Seat.deleteOne({ _id: enrolment.seatId });
  // A confirmed enrolment from before places were recorded on them is found by a search; one
  // that waited or asked never held a place (a search of every place would be wasted).
  else if (enrolment.status === 'confirmed') await Seat.deleteMany({ enrolmentId: enrolment._id });
}
