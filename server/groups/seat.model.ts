// A place in a group, held by one enrolment. Its _id is "<group>:<n>" for n = 1…capacity, so a
// place can be taken only once: the insert is the atomic step (see db/claims.ts). The enrolment
// keeps the id of its place; nothing here is looked up but by its id.
import mongoose from 'mongoose';
import type { EnrolmentDoc } from './enrolment.model.ts';
import { insertOnce } from '../db/claims.ts';

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
    /** When it was taken (absent on places taken before this was recorded). */
    at: { type: Date },
  },
  { versionKey: false },
);

export const Seat = mongoose.model('Seat', seatSchema, 'seats');

/**
 * A place whose holder is not a confirmed enrolment of the roster this long after it was taken
 * was left behind by a change cut short (a process or the database gone between the enrolment's
 * write and its place's): it is taken back. Younger ones may be a promotion still under way in
 * another process.
 */
const ABANDONED_SEAT_MS = 60_000;

/**
 * Takes a free place; null when all are held. The roster says how many are held (no insert is
 * tried when the group is full); the inserts decide which one, across processes.
 */
export async function takeSeat(
  groupId: string,
  capacity: number,
  enrolmentId: unknown,
  roster: { active: { status: string; enrolmentId: unknown }[] },
  now = new Date(),
): Promise<string | null> {
  const holders = roster.active.filter((e) => e.status === 'confirmed');
  if (holders.length >= capacity) return null;
  const take = (_id: string) =>
    insertOnce(() => Seat.create({ _id, groupId, enrolmentId, at: now }));
  for (let n = 1; n <= capacity; n += 1)
    if (await take(`${groupId}:${n}`)) return `${groupId}:${n}`;
  // Every place is held, yet the roster has one free: some place's holder is gone.
  const confirmed = new Set(holders.map((e) => String(e.enrolmentId)));
  for (let n = 1; n <= capacity; n += 1) {
    const _id = `${groupId}:${n}`;
    const seat = await Seat.findById(_id).lean();
    if (!seat || confirmed.has(String(seat.enrolmentId))) continue;
    if (seat.at && now.getTime() - seat.at.getTime() < ABANDONED_SEAT_MS) continue;
    await Seat.deleteOne({ _id, enrolmentId: seat.enrolmentId });
    if (await take(_id)) return _id;
  }
  return null;
}

export async function releaseSeat(
  enrolment: Pick<EnrolmentDoc, '_id' | 'seatId' | 'status'>,
): Promise<void> {
  if (enrolment.seatId) {
    // Deleted by `_id` alone (a condition beside it would make FerretDB read every place), and
    // put back when it turns out to be someone else's now (a place taken back by takeSeat).
    const seat = await Seat.findOneAndDelete({ _id: enrolment.seatId }).lean();
    if (seat && String(seat.enrolmentId) !== String(enrolment._id))
      await insertOnce(() => Seat.create(seat));
  }
  // A confirmed enrolment from before places were recorded on them is found by a search; one
  // that waited or asked never held a place (a search of every place would be wasted).
  else if (enrolment.status === 'confirmed') await Seat.deleteMany({ enrolmentId: enrolment._id });
}
