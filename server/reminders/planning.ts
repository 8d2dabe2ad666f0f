// Planning reminders and notices as durable jobs. Jobs are keyed by what they are (an HMAC of it,
// naming nobody), so planning again (after a schedule change, a restart, a second click) never
// makes a second job.
import { op } from '../db/operators.ts';
import { Person } from '../people/person.model.ts';
import { opaqueId } from '../privacy/opaqueId.ts';
import { GroupSession } from '../sessions/groupSession.model.ts';
import { Job } from './job.model.ts';

export const DEFAULT_REMINDER_OFFSETS = [24 * 60, 60];
/**
 * Reminders are planned only for sessions this close (longest offset a week, plus slack); the
 * runner extends the plan as time goes on. Planning a whole season at once made a fresh demo
 * seed take minutes on FerretDB.
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

/** Planned twice at once (two requests, two processes): the job exists, which is the point. */
function ignoreDuplicate(error: { code?: number }): void {
  if (error.code !== 11000) throw error;
}

async function offsetsOf(personId: string): Promise<number[]> {
  const person = await Person.findById(personId, { reminders: 1 }).lean();
  return person?.reminders?.offsetsMinutes ?? DEFAULT_REMINDER_OFFSETS;
}

/** Plans each reminder of each coming session of the group for this person. */
export async function planReminders(personId: string, groupId: string, now: Date): Promise<void> {
  const offsets = await offsetsOf(personId);
  const sessions = await GroupSession.find(
    {
      groupId,
      status: op({ $ne: 'cancelled' }),
      startsAt: op({ $gt: now, $lt: new Date(now.getTime() + PLANNING_HORIZON_MS) }),
    },
    { startsAt: 1 },
  ).lean();
  for (const session of sessions) {
    for (const offset of offsets) {
      const runAt = new Date(session.startsAt.getTime() - offset * 60_000);
      if (runAt <= now) continue;
      const _id = opaqueId('reminder', session._id, personId, offset);
      const existing = await Job.findById(_id, { runAt: 1, status: 1 }).lean();
      if (!existing) {
        await Job.create({
          _id,
          kind: 'reminder',
          personId,
          groupId,
          sessionId: session._id,
          topic: String(offset),
          runAt,
          status: 'pending',
        }).catch(ignoreDuplicate);
      } else if (existing.status === 'pending' && existing.runAt.getTime() !== runAt.getTime()) {
        await Job.updateOne({ _id, status: 'pending' }, { runAt }); // the session moved
      }
    }
  }
}

export async function cancelReminders(filter: {
  personId?: string;
  groupId?: string;
  sessionId?: string;
}): Promise<void> {
  await Job.updateMany({ ...filter, kind: 'reminder', status: 'pending' }, { status: 'cancelled' });
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
  await Job.updateOne(
    { _id },
    {
      $setOnInsert: {
        kind: 'notice',
        personId,
        groupId,
        sessionId,
        topic,
        runAt: now,
        status: 'pending',
      },
    },
    { upsert: true },
  );
  for (const listener of noticeListeners) listener();
}

/** After a person changes their reminder times: drop the old plan, make the new one. */
export async function replanPerson(personId: string, groupIds: string[], now: Date): Promise<void> {
  await cancelReminders({ personId });
  await Job.deleteMany({ personId, kind: 'reminder', status: 'cancelled' });
  for (const groupId of groupIds) await planReminders(personId, groupId, now);
}
