// Enrolment that holds under concurrency. A place is a seat document whose insert is atomic on
// any MongoDB-wire server (FerretDB v1's updates are not — see db/claims.ts), so capacity holds
// across server processes. Within a process, a group's enrolments are handled one at a time in
// arrival order, which keeps the waitlist first come, first served. Every question about who is
// in the group goes to its roster (memberships.ts), read and written by primary key.
import { accessChanged } from '../access/changes.ts';
import { claimOnce, isDuplicateKey, serialised } from '../db/claims.ts';
import { refreshCatalogueEntry } from './catalogue.ts';
import { groupChanged } from './changes.ts';
import { RequestError } from '../errors.ts';
import {
  cancelPersonReminders,
  planNotice,
  planReminders,
  type NoticeTopic,
} from '../reminders/planning.ts';
import { activeKey, Enrolment, endedKey, type EnrolmentDoc } from './enrolment.model.ts';
import { Group, type GroupDoc } from './group.model.ts';
import { recordEnrolment, rosterOf } from './memberships.ts';
import { releaseSeat, takeSeat } from './seat.model.ts';

export const ACTIVE_ENROLMENT = ['confirmed', 'waitlisted', 'pending'];

const lock = <T>(groupId: string, work: () => Promise<T>) => serialised(`group:${groupId}`, work);

/** Counters and open/full status, counted from the roster. */
async function refreshCounts(groupId: string): Promise<void> {
  const [roster, group] = await Promise.all([
    rosterOf(groupId),
    Group.findById(groupId, { capacity: 1, status: 1 }).lean(),
  ]);
  if (!group) return;
  const confirmedCount = roster.active.filter((e) => e.status === 'confirmed').length;
  const waitlistCount = roster.active.filter((e) => e.status === 'waitlisted').length;
  let status = group.status;
  if (status === 'open' && confirmedCount >= group.capacity) status = 'full';
  if (status === 'full' && confirmedCount < group.capacity) status = 'open';
  await Group.updateOne({ _id: groupId }, { confirmedCount, waitlistCount, status });
  await refreshCatalogueEntry(groupId);
  groupChanged(groupId, 'enrolments');
}

/** Writes a change to an enrolment by its key, and its group's and person's lists after it. */
async function changeEnrolment(
  enrolment: EnrolmentDoc,
  change: Partial<EnrolmentDoc>,
): Promise<EnrolmentDoc> {
  await Enrolment.updateOne({ _id: enrolment._id }, change);
  const changed = { ...enrolment, ...change };
  await recordEnrolment(changed);
  return changed;
}

/** Arrival numbers a caller steps over at most (each one taken by another enrolment). */
const MOST_ARRIVAL_STEPS = 1000;

/**
 * The group's next arrival number, never given twice — also not by two server processes at
 * once: each number is claimed by an insert (the lock above is per process, and FerretDB's
 * updates race). The group's `arrivalSeq` is only where to start looking.
 */
export async function nextArrival(groupId: string): Promise<number> {
  const group = await Group.findById(groupId, { arrivalSeq: 1 }).lean();
  const first = (group?.arrivalSeq ?? 0) + 1;
  for (let arrival = first; arrival < first + MOST_ARRIVAL_STEPS; arrival += 1) {
    if (!(await claimOnce(`arrival:${groupId}:${arrival}`))) continue;
    // By `_id` alone (a condition beside it would make FerretDB read every group); a race may
    // leave the hint behind, which costs the next caller a step, never a number twice.
    await Group.updateOne({ _id: groupId }, { $max: { arrivalSeq: arrival } });
    return arrival;
  }
  throw new Error(`group ${groupId}: ${MOST_ARRIVAL_STEPS} arrival numbers taken at once`);
}

/**
 * Before a newcomer is placed behind those waiting: those waiting move into any place that is
 * free (one a change cut short left behind), so nobody waits while a place stands empty.
 */
async function promoteFirst(
  groupId: string,
  roster: Awaited<ReturnType<typeof rosterOf>>,
  now: Date,
): Promise<Awaited<ReturnType<typeof rosterOf>>> {
  if (!roster.active.some((e) => e.status === 'waitlisted')) return roster;
  await promoteWaitlist(groupId, now);
  return rosterOf(groupId);
}

/** What a family is told of a new enrolment: a place (with reminders), the waitlist, or a request. */
const WELCOME = {
  confirmed: 'enrolment-confirmed',
  waitlisted: 'enrolment-waitlisted',
  pending: 'enrolment-requested',
} as const satisfies Record<string, NoticeTopic>;

async function welcome(
  status: string,
  personId: string,
  groupId: string,
  enrolmentId: string,
  now: Date,
): Promise<void> {
  if (status === 'confirmed') await planReminders(personId, groupId, now);
  const topic = WELCOME[status as keyof typeof WELCOME];
  if (topic) await planNotice(topic, personId, groupId, null, enrolmentId, now);
}

export function enrol(
  group: GroupDoc,
  personId: string,
  rulesVersion: string,
  now: Date,
): Promise<EnrolmentDoc> {
  const groupId = String(group._id);
  return lock(groupId, async () => {
    const fresh = await Group.findById(groupId).lean();
    if (!fresh || !['open', 'full', 'running'].includes(fresh.status))
      throw new RequestError('groups.notOpen', 409);
    if (rulesVersion !== fresh.rulesVersion) throw new RequestError('groups.rulesChanged', 409);
    let roster = await rosterOf(groupId);
    if (roster.active.some((e) => String(e.personId) === personId))
      throw new RequestError('groups.alreadyEnrolled', 409);
    roster = await promoteFirst(groupId, roster, now);

    const enrolment = new Enrolment({
      groupId,
      personId,
      status: 'pending',
      arrival: await nextArrival(groupId),
      rulesVersion,
      activeKey: activeKey(groupId, personId),
    });
    if (!fresh.requiresApproval) {
      // Nobody jumps the waitlist: a free place goes to a newcomer only when nobody waits.
      const waiting = roster.active.some((e) => e.status === 'waitlisted');
      const seat = waiting ? null : await takeSeat(groupId, fresh.capacity, enrolment._id, roster);
      enrolment.status = seat ? 'confirmed' : 'waitlisted';
      enrolment.seatId = seat;
    }
    try {
      await enrolment.save();
    } catch (error) {
      await releaseSeat(enrolment.toObject() as EnrolmentDoc);
      if (isDuplicateKey(error)) throw new RequestError('groups.alreadyEnrolled', 409);
      throw error;
    }
    await recordEnrolment(enrolment.toObject() as EnrolmentDoc);
    await welcome(enrolment.status, personId, groupId, String(enrolment._id), now);
    await refreshCounts(groupId);
    return enrolment.toObject() as EnrolmentDoc;
  });
}

/**
 * The roster's confirmed entries checked against their enrolments. A change cut short (the
 * process or the database gone between an enrolment's write and the roster's) can leave an
 * ended enrolment holding a place in the roster, and the waitlist would wait for it for ever:
 * its entry is written again and its place given back.
 */
async function repairConfirmed(groupId: string): Promise<void> {
  const roster = await rosterOf(groupId);
  for (const entry of roster.active.filter((e) => e.status === 'confirmed')) {
    const enrolment = await Enrolment.findById(entry.enrolmentId).lean();
    if (!enrolment || enrolment.status === 'confirmed') continue;
    await recordEnrolment(enrolment);
    if (!ACTIVE_ENROLMENT.includes(enrolment.status)) await releaseSeat(enrolment);
  }
}

/**
 * Moves families from the waitlist into free places, first come first served. Also after a
 * change was cut short: the roster is checked first, and a waiting entry whose enrolment moved
 * on is written again.
 */
async function promoteWaitlist(groupId: string, now: Date): Promise<string[]> {
  const group = await Group.findById(groupId, { capacity: 1 }).lean();
  const promoted: string[] = [];
  if (!group) return promoted;
  let roster = await rosterOf(groupId);
  if (!roster.active.some((e) => e.status === 'waitlisted')) return promoted;
  await repairConfirmed(groupId);
  roster = await rosterOf(groupId);
  for (const next of roster.active.filter((e) => e.status === 'waitlisted')) {
    const enrolment = await Enrolment.findById(next.enrolmentId).lean();
    if (!enrolment) continue;
    if (enrolment.status !== 'waitlisted') {
      await recordEnrolment(enrolment);
      continue;
    }
    const seatId = await takeSeat(groupId, group.capacity, enrolment._id, await rosterOf(groupId));
    if (!seatId) break;
    await changeEnrolment(enrolment, { status: 'confirmed', seatId });
    const personId = String(enrolment.personId);
    promoted.push(personId);
    await planReminders(personId, groupId, now);
    await planNotice('enrolment-promoted', personId, groupId, null, String(enrolment._id), now);
  }
  return promoted;
}

/** Ends an active enrolment (cancelled by the family or removed by a facilitator). */
export function endEnrolment(
  enrolment: EnrolmentDoc,
  outcome: 'cancelled' | 'removed',
  reason: string | null,
  now: Date,
): Promise<void> {
  const groupId = String(enrolment.groupId);
  const personId = String(enrolment.personId);
  return lock(groupId, async () => {
    const current = await Enrolment.findById(enrolment._id).lean();
    if (!current || !ACTIVE_ENROLMENT.includes(current.status))
      throw new RequestError('notFound', 404);
    await changeEnrolment(current, {
      status: outcome,
      reason,
      activeKey: endedKey(groupId, personId, String(enrolment._id)),
    });
    await releaseSeat(current);
    await cancelPersonReminders(personId, groupId);
    const topic = outcome === 'removed' ? 'enrolment-removed' : 'enrolment-cancelled';
    await planNotice(topic, personId, groupId, null, String(enrolment._id), now);
    await promoteWaitlist(groupId, now);
    await refreshCounts(groupId);
    accessChanged({ personIds: [personId], reason: 'enrolment' });
  });
}

/** A facilitator approves a pending enrolment: a place if one is free, else the waitlist. */
export function approve(
  group: GroupDoc,
  enrolment: EnrolmentDoc,
  now: Date,
): Promise<EnrolmentDoc> {
  const groupId = String(group._id);
  return lock(groupId, async () => {
    const current = await Enrolment.findById(enrolment._id).lean();
    if (current?.status !== 'pending') throw new RequestError('groups.notPending', 409);
    const roster = await promoteFirst(groupId, await rosterOf(groupId), now);
    const waiting = roster.active.some((e) => e.status === 'waitlisted');
    const seatId = waiting ? null : await takeSeat(groupId, group.capacity, current._id, roster);
    const status = seatId ? 'confirmed' : 'waitlisted';
    const updated = await changeEnrolment(current, { status, seatId });
    await welcome(status, String(current.personId), groupId, String(current._id), now);
    await refreshCounts(groupId);
    return updated;
  });
}

/** After the capacity changes: fill new places from the waitlist. */
export function fillFreedPlaces(groupId: string, now: Date): Promise<void> {
  return lock(groupId, async () => {
    await promoteWaitlist(groupId, now);
    await refreshCounts(groupId);
  });
}
