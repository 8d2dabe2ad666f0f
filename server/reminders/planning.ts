// Planning reminders and notices as durable jobs. Jobs are keyed by what they are, so planning
// again (after a schedule change, a restart, a second click) never makes a second job.
import { op } from '../db/operators.ts';
import { Person } from '../people/person.model.ts';
import { GroupSession } from '../sessions/groupSession.model.ts';
import { Job } from './job.model.ts';

export const DEFAULT_REMINDER_OFFSETS = [24 * 60, 60];

export type NoticeTopic =
  | 'session-cancelled'
  | 'session-moved'
  | 'enrolment-confirmed'
  | 'enrolment-promoted'
  | 'enrolment-removed';

async function offsetsOf(personId: string): Promise<number[]> {
  const person = await Person.findById(personId, { reminders: 1 }).lean();
  return person?.reminders?.offsetsMinutes ?? DEFAULT_REMINDER_OFFSETS;
}

/** Plans each reminder of each coming session of the group for this person. */
export async function planReminders(personId: string, groupId: string, now: Date): Promise<void> {
  const offsets = await offsetsOf(personId);
  const sessions = await GroupSession.find(
    { groupId, status: op({ $ne: 'cancelled' }), startsAt: op({ $gt: now }) },
    { startsAt: 1 },
  ).lean();
  for (const session of sessions) {
    for (const offset of offsets) {
      const runAt = new Date(session.startsAt.getTime() - offset * 60_000);
      if (runAt <= now) continue;
      const _id = `reminder:${String(session._id)}:${personId}:${offset}`;
      await Job.updateOne(
        { _id },
        {
          $setOnInsert: {
            kind: 'reminder',
            personId,
            groupId,
            sessionId: session._id,
            topic: String(offset),
            runAt,
            status: 'pending',
          },
        },
        { upsert: true },
      );
      // A moved session moves its pending reminders with it.
      await Job.updateOne({ _id, status: 'pending' }, { runAt });
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

/** A notice to send at once; `version` tells apart two notices about the same thing. */
export async function planNotice(
  topic: NoticeTopic,
  personId: string,
  groupId: string,
  sessionId: string | null,
  version: string,
  now: Date,
): Promise<void> {
  const _id = `notice:${topic}:${sessionId ?? groupId}:${personId}:${version}`;
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
}

/** After a person changes their reminder times: drop the old plan, make the new one. */
export async function replanPerson(personId: string, groupIds: string[], now: Date): Promise<void> {
  await cancelReminders({ personId });
  await Job.deleteMany({ personId, kind: 'reminder', status: 'cancelled' });
  for (const groupId of groupIds) await planReminders(personId, groupId, now);
}
