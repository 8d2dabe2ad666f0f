// The pair's video meetings run on the session engine: their group gets a one-session schedule
// for the next meeting (live room, reminders and calendar as for any group). Planning again
// replaces a meeting not yet held; held ones stay in the group's history.
import type { z } from 'zod';
import { RequestError } from '../errors.ts';
import { Group, type GroupDoc } from '../groups/group.model.ts';
import { timeOfDay } from '../groups/schedule.ts';
import { WEEKDAYS } from '../protocol/groups.ts';
import type { alongsideSchemas } from '../protocol/alongside.ts';
import { syncSessions } from '../sessions/sync.ts';
import { helsinkiInstant, weekdayOf } from './time.ts';

type MeetingInput = z.output<typeof alongsideSchemas.planMeeting>;

export async function planMeeting(
  groupId: unknown,
  input: MeetingInput,
  t: (key: string) => string,
  now: Date,
): Promise<GroupDoc> {
  const startsAt = helsinkiInstant(input.date, input.time);
  if (!startsAt || startsAt <= now)
    throw new RequestError('invalid', 400, { date: t('alongside.meetingInPast') });
  const group = await Group.findById(groupId).lean();
  if (!group || group.status === 'ended') throw new RequestError('notFound', 404);
  const schedule = {
    frequency: 'weekly' as const,
    weekday: WEEKDAYS[weekdayOf(input.date) - 1]!,
    startDate: input.date,
    startTime: input.time,
    durationMinutes: input.minutes,
    count: 1,
  };
  const changed = {
    schedule,
    timeOfDay: timeOfDay(input.time),
    status: 'open' as const,
    // A meeting planned again on a day once cancelled is on again.
    exceptions: (group.exceptions ?? []).filter((e) => e.date !== input.date),
  };
  await Group.updateOne({ _id: group._id }, changed);
  return syncSessions({ ...group, ...changed } as unknown as GroupDoc, now);
}

/** The pairing ended: a coming meeting is called off and the group closes. */
export async function endMeetings(groupId: string, now: Date): Promise<void> {
  const group = await Group.findById(groupId).lean();
  if (!group) return;
  const coming = (group.upcoming ?? []).filter(
    (s) => !!s.startsAt && s.startsAt > now && s.status !== 'cancelled',
  );
  const exceptions = [
    ...(group.exceptions ?? []),
    ...coming.map((s) => ({ date: s.key, kind: 'cancelled' as const, reason: '' })),
  ];
  await Group.updateOne({ _id: group._id }, { status: 'ended', exceptions });
  if (group.status !== 'draft')
    await syncSessions({ ...group, status: 'ended', exceptions } as unknown as GroupDoc, now);
}

/** The next meeting not called off, as the pair's pages show it. */
export function nextMeetingOf(group: GroupDoc | null, now: Date) {
  const next = (group?.upcoming ?? []).find(
    (s) => s.status !== 'cancelled' && !!s.endsAt && s.endsAt > now && group?.status !== 'ended',
  );
  return next?.startsAt && next.endsAt
    ? {
        sessionId: String(next.id),
        startsAt: next.startsAt.toISOString(),
        endsAt: next.endsAt.toISOString(),
      }
    : null;
}
