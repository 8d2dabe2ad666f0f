// Enrolment that holds under concurrency: every seat is taken or given back by one atomic
// update of the group document (FerretDB has no multi-document transactions, and MongoDB does
// not need them for this). Places go first come, first served; the waitlist keeps arrival order.
import { op } from '../db/operators.ts';
import { RequestError } from '../errors.ts';
import { cancelReminders, planNotice, planReminders } from '../reminders/planning.ts';
import { activeKey, Enrolment, endedKey, type EnrolmentDoc } from './enrolment.model.ts';
import { Group, type GroupDoc } from './group.model.ts';

const ACTIVE = ['confirmed', 'waitlisted', 'pending'];

/** Open ↔ full follows the confirmed count. */
async function refreshStatus(groupId: unknown): Promise<void> {
  const group = await Group.findById(groupId, { capacity: 1, confirmedCount: 1, status: 1 }).lean();
  if (!group) return;
  if (group.status === 'open' && group.confirmedCount >= group.capacity)
    await Group.updateOne({ _id: groupId, status: 'open' }, { status: 'full' });
  if (group.status === 'full' && group.confirmedCount < group.capacity)
    await Group.updateOne({ _id: groupId, status: 'full' }, { status: 'open' });
}

/** Takes a free seat if there is one and nobody is waiting ahead; returns the arrival number. */
async function takeSeat(group: GroupDoc, jumpQueue: boolean): Promise<number | null> {
  const taken = await Group.findOneAndUpdate(
    {
      _id: group._id,
      capacity: group.capacity,
      confirmedCount: op({ $lt: group.capacity }),
      ...(jumpQueue ? {} : { waitlistCount: 0 }),
    },
    { $inc: { confirmedCount: 1, arrivalSeq: 1 } },
    { new: true, projection: { arrivalSeq: 1 } },
  ).lean();
  return taken ? taken.arrivalSeq : null;
}

async function nextArrival(group: GroupDoc, waitlisted: boolean): Promise<number> {
  const updated = await Group.findOneAndUpdate(
    { _id: group._id },
    { $inc: { arrivalSeq: 1, ...(waitlisted ? { waitlistCount: 1 } : {}) } },
    { new: true, projection: { arrivalSeq: 1 } },
  ).lean();
  return updated?.arrivalSeq ?? 0;
}

export async function enrol(
  group: GroupDoc,
  personId: string,
  rulesVersion: string,
  now: Date,
): Promise<EnrolmentDoc> {
  if (group.status !== 'open' && group.status !== 'full' && group.status !== 'running')
    throw new RequestError('groups.notOpen', 409);
  if (rulesVersion !== group.rulesVersion) throw new RequestError('groups.rulesChanged', 409);
  const groupId = String(group._id);
  if (await Enrolment.exists({ activeKey: activeKey(groupId, personId) }))
    throw new RequestError('groups.alreadyEnrolled', 409);

  let status: 'confirmed' | 'waitlisted' | 'pending';
  let arrival: number;
  if (group.requiresApproval) {
    status = 'pending';
    arrival = await nextArrival(group, false);
  } else {
    const seat = await takeSeat(group, false);
    status = seat === null ? 'waitlisted' : 'confirmed';
    arrival = seat ?? (await nextArrival(group, true));
  }
  try {
    const enrolment = await Enrolment.create({
      groupId,
      personId,
      status,
      arrival,
      rulesVersion,
      activeKey: activeKey(groupId, personId),
    });
    if (status === 'confirmed') {
      await planReminders(personId, groupId, now);
      await planNotice('enrolment-confirmed', personId, groupId, null, String(enrolment._id), now);
    }
    await refreshStatus(groupId);
    return enrolment.toObject() as EnrolmentDoc;
  } catch (error) {
    // Enrolled twice at once: give back what this attempt took.
    const inc =
      status === 'confirmed'
        ? { confirmedCount: -1 }
        : status === 'waitlisted'
          ? { waitlistCount: -1 }
          : {};
    if (Object.keys(inc).length) await Group.updateOne({ _id: groupId }, { $inc: inc });
    if ((error as { code?: number }).code === 11000)
      throw new RequestError('groups.alreadyEnrolled', 409);
    throw error;
  }
}

/** Moves the first family on the waitlist into a free seat, as long as there are both. */
export async function promoteWaitlist(groupId: string, now: Date): Promise<string[]> {
  const promoted: string[] = [];
  for (;;) {
    const group = await Group.findById(groupId).lean();
    if (!group || group.waitlistCount <= 0) break;
    const seat = await Group.findOneAndUpdate(
      { _id: groupId, confirmedCount: op({ $lt: group.capacity }), waitlistCount: op({ $gt: 0 }) },
      { $inc: { confirmedCount: 1, waitlistCount: -1 } },
    ).lean();
    if (!seat) break;
    const next = await Enrolment.findOneAndUpdate(
      { groupId, status: 'waitlisted' },
      { status: 'confirmed' },
      { sort: { arrival: 1 }, new: true },
    ).lean();
    if (!next) {
      await Group.updateOne({ _id: groupId }, { $inc: { confirmedCount: -1, waitlistCount: 1 } });
      break;
    }
    const personId = String(next.personId);
    promoted.push(personId);
    await planReminders(personId, groupId, now);
    await planNotice('enrolment-promoted', personId, groupId, null, String(next._id), now);
  }
  await refreshStatus(groupId);
  return promoted;
}

/** Ends an active enrolment (cancelled by the family or removed by a facilitator). */
export async function endEnrolment(
  enrolment: EnrolmentDoc,
  outcome: 'cancelled' | 'removed',
  reason: string | null,
  now: Date,
): Promise<void> {
  const groupId = String(enrolment.groupId);
  const personId = String(enrolment.personId);
  const ended = await Enrolment.findOneAndUpdate(
    { _id: enrolment._id, status: op({ $in: ACTIVE }) },
    { status: outcome, reason, activeKey: endedKey(groupId, personId, String(enrolment._id)) },
  ).lean();
  if (!ended) throw new RequestError('notFound', 404);
  if (ended.status === 'confirmed')
    await Group.updateOne({ _id: groupId }, { $inc: { confirmedCount: -1 } });
  if (ended.status === 'waitlisted')
    await Group.updateOne({ _id: groupId }, { $inc: { waitlistCount: -1 } });
  await cancelReminders({ personId, groupId });
  if (outcome === 'removed')
    await planNotice('enrolment-removed', personId, groupId, null, String(enrolment._id), now);
  await promoteWaitlist(groupId, now);
}

/** A facilitator approves a pending enrolment: a seat if one is free, else the waitlist. */
export async function approve(
  group: GroupDoc,
  enrolment: EnrolmentDoc,
  now: Date,
): Promise<EnrolmentDoc> {
  if (enrolment.status !== 'pending') throw new RequestError('groups.notPending', 409);
  const seat = await takeSeat(group, false);
  const status = seat === null ? 'waitlisted' : 'confirmed';
  if (status === 'waitlisted')
    await Group.updateOne({ _id: group._id }, { $inc: { waitlistCount: 1 } });
  const updated = await Enrolment.findOneAndUpdate(
    { _id: enrolment._id, status: 'pending' },
    { status },
    { new: true },
  ).lean();
  if (!updated) {
    await Group.updateOne(
      { _id: group._id },
      { $inc: status === 'confirmed' ? { confirmedCount: -1 } : { waitlistCount: -1 } },
    );
    throw new RequestError('groups.notPending', 409);
  }
  const personId = String(enrolment.personId);
  if (status === 'confirmed') {
    await planReminders(personId, String(group._id), now);
    await planNotice(
      'enrolment-confirmed',
      personId,
      String(group._id),
      null,
      String(enrolment._id),
      now,
    );
  }
  await refreshStatus(group._id);
  return updated as EnrolmentDoc;
}

export { ACTIVE as ACTIVE_ENROLMENT };
