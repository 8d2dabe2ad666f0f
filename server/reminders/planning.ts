// Planning reminders and notices as durable jobs. Jobs are keyed by what they are (an HMAC of it,
// naming nobody), so planning again (after a schedule change, a restart, a second click) never
// makes a second job. Everything here reaches jobs by key and sessions through the group's copy
// of its coming sessions — nothing searches the jobs, which pile up with every reminder sent.
import { Group } from '../groups/group.model.ts';
import { rosterOf } from '../groups/memberships.ts';
import { facilitatorIds, type GroupDoc } from '../groups/group.model.ts';
import { Person } from '../people/person.model.ts';
import { opaqueId } from '../privacy/opaqueId.ts';
import { Job } from './job.model.ts';
import { enqueue } from './queue.ts';
import { isDuplicateKey } from '../db/claims.ts';

export const DEFAULT_REMINDER_OFFSETS = [24 * 60, 60];
/**
 * Reminders are planned only for sessions this close (longest offset a week, plus slack); the
 * runner plans sessions as they come this close (horizon.ts).
 */
export const PLANNING_HORIZON_MS = 8 * 24 * 3600_000;

export type NoticeTopic =
  | 'session-cancelled'
  | 'session-moved'
  | 'enrolment-confirmed'
  | 'enrolment-waitlisted'
  | 'enrolment-requested'
  | 'enrolment-promoted'
  | 'enrolment-cancelled'
  | 'enrolment-removed';

export async function offsetsOf(personId: string): Promise<number[]> {
  const person = await Person.findById(personId, { reminders: 1 }).lean();
  return person?.reminders?.offsetsMinutes ?? DEFAULT_REMINDER_OFFSETS;
}

const reminderId = (sessionId: unknown, personId: string, offset: number) =>
  opaqueId('reminder', sessionId, personId, offset);

interface ComingSession {
  id: string;
  startsAt: Date;
  status: string;
}

/** The group's coming sessions from its copy (no session documents read). */
async function comingOf(groupId: string): Promise<ComingSession[]> {
  const group = await Group.findById(groupId, { upcoming: 1 }).lean();
  return (group?.upcoming ?? []).flatMap((s) =>
    s.id && s.startsAt ? [{ id: s.id, startsAt: s.startsAt, status: s.status ?? 'scheduled' }] : [],
  );
}

/** One reminder: created (and queued), moved to its session's new time, or taken up again. */
async function planOne(job: {
  _id: string;
  personId: string;
  groupId: string;
  sessionId: string;
  offset: number;
  runAt: Date;
}) {
  const existing = await Job.findById(job._id, { runAt: 1, status: 1 }).lean();
  if (!existing) {
    try {
      await Job.create({
        _id: job._id,
        kind: 'reminder',
        personId: job.personId,
        groupId: job.groupId,
        sessionId: job.sessionId,
        topic: String(job.offset),
        runAt: job.runAt,
        status: 'pending',
      });
    } catch (error) {
      if (isDuplicateKey(error)) return; // planned at the same moment elsewhere: queued there
      throw error;
    }
  } else if (existing.status === 'cancelled') {
    await Job.updateOne({ _id: job._id }, { status: 'pending', runAt: job.runAt }); // back again
  } else if (existing.status === 'pending' && existing.runAt.getTime() !== job.runAt.getTime()) {
    await Job.updateOne({ _id: job._id }, { runAt: job.runAt }); // the session moved
  } else return;
  await enqueue(job._id, job.runAt);
}

/**
 * Plans each reminder of the group's coming sessions within the horizon for this person (or of
 * only `sessions`, when the runner plans sessions that just came within it).
 */
export async function planReminders(
  personId: string,
  groupId: string,
  now: Date,
  sessions?: ComingSession[],
): Promise<void> {
  const offsets = await offsetsOf(personId);
  const horizon = now.getTime() + PLANNING_HORIZON_MS;
  const coming = (sessions ?? (await comingOf(groupId))).filter(
    (s) => s.status !== 'cancelled' && s.startsAt > now && s.startsAt.getTime() < horizon,
  );
  for (const session of coming) {
    for (const offset of offsets) {
      const runAt = new Date(session.startsAt.getTime() - offset * 60_000);
      if (runAt <= now) continue;
      const _id = reminderId(session.id, personId, offset);
      await planOne({ _id, personId, groupId, sessionId: session.id, offset, runAt });
    }
  }
}

/** Cancels the pending reminders with these ids (each its own document: all at once). */
async function cancelJobs(ids: string[]): Promise<void> {
  await Promise.all(
    ids.map(async (_id) => {
      const job = await Job.findById(_id, { status: 1 }).lean();
      if (job?.status === 'pending') await Job.updateOne({ _id }, { status: 'cancelled' });
    }),
  );
}

/** The person's reminders for the group's coming sessions (they left the group). */
export async function cancelPersonReminders(
  personId: string,
  groupId: string,
  offsets?: number[],
): Promise<void> {
  const mine = offsets ?? (await offsetsOf(personId));
  const sessions = await comingOf(groupId);
  await cancelJobs(sessions.flatMap((s) => mine.map((o) => reminderId(s.id, personId, o))));
}

/** Everyone's reminders for one session (it was cancelled, or left the schedule). */
export async function cancelSessionReminders(group: GroupDoc, sessionId: string): Promise<void> {
  const roster = await rosterOf(group._id);
  const people = new Set([
    ...roster.active.filter((e) => e.status === 'confirmed').map((e) => String(e.personId)),
    ...facilitatorIds(group),
  ]);
  for (const personId of people) {
    const offsets = await offsetsOf(personId);
    await cancelJobs(offsets.map((o) => reminderId(sessionId, personId, o)));
  }
}

type NoticeListener = () => void;
const noticeListeners = new Set<NoticeListener>();

/** A runner in this process hears of new notices and sends them now, not at its next round. */
export function onNoticePlanned(listener: NoticeListener): () => void {
  noticeListeners.add(listener);
  return () => noticeListeners.delete(listener);
}

/** A notice to send at once; `version` tells apart two notices about the same thing. */
export async function planNotice(
  topic: NoticeTopic,
  personId: string,
  groupId: string,
  sessionId: string | null,
  version: string,
  now: Date,
): Promise<void> {
  const _id = opaqueId('notice', topic, sessionId ?? groupId, personId, version);
  try {
    await Job.create({
      _id,
      kind: 'notice',
      personId,
      groupId,
      sessionId,
      topic,
      runAt: now,
      status: 'pending',
    });
  } catch (error) {
    if (isDuplicateKey(error)) return; // the same notice, planned already
    throw error;
  }
  await enqueue(_id, now);
  for (const listener of noticeListeners) listener();
}

/** After a person changes their reminder times: the old plan cancelled, the new one made. */
export async function replanPerson(
  personId: string,
  groupIds: string[],
  previousOffsets: number[],
  now: Date,
): Promise<void> {
  for (const groupId of groupIds) {
    await cancelPersonReminders(personId, groupId, previousOffsets);
    await planReminders(personId, groupId, now);
  }
}
