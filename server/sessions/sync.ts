// Keeps a group's session documents in step with its schedule, and tells everyone enrolled at
// once when a session is cancelled or moved.
import { op } from '../db/operators.ts';
import { rosterOf } from '../groups/memberships.ts';
import { refreshCatalogueEntry } from '../groups/catalogue.ts';
import { groupChanged } from '../groups/changes.ts';
import { facilitatorIds, Group, type GroupDoc } from '../groups/group.model.ts';
import { occurrences } from '../groups/schedule.ts';
import { LATE_MINUTES } from '../protocol/sessionState.ts';
import { cancelSessionReminders, planNotice, planReminders } from '../reminders/planning.ts';
import { forgetSession } from '../reach/ledger.ts';
import { attendanceAt } from './attendance.model.ts';
import { GroupSession, type GroupSessionDoc } from './groupSession.model.ts';
import { recordSessionIds, sessionIdsOf } from './sessionIndex.ts';
import { isDuplicateKey } from '../db/claims.ts';

/** Everyone a session concerns: confirmed families and the facilitators. */
export async function sessionAudience(group: GroupDoc): Promise<string[]> {
  const roster = await rosterOf(group._id);
  const confirmed = roster.active.filter((e) => e.status === 'confirmed');
  return [...new Set([...confirmed.map((e) => String(e.personId)), ...facilitatorIds(group)])];
}

/** Whether anyone's attendance was recorded at a session (it then stays, even if unplanned). */
async function anyoneAttended(session: GroupSessionDoc, group: GroupDoc): Promise<boolean> {
  if (session.startedAt) return true;
  const roster = await rosterOf(group._id);
  const people = [...roster.active, ...roster.ended].map((e) => String(e.personId));
  return (await attendanceAt(String(session._id), people)).size > 0;
}

/** How many coming sessions the group document carries (pages show at most six). */
const UPCOMING_KEPT = 8;

type UpcomingCopy = Pick<
  GroupSessionDoc,
  'key' | 'startsAt' | 'endsAt' | 'status' | 'reason' | 'startedAt' | 'endedAt'
> & { id: string };

/** Sessions that ended after this may still be joined (they run over): the copy keeps them. */
const stillJoinableAfter = (now: Date) => new Date(now.getTime() - LATE_MINUTES * 60_000);

const copyOf = (session: GroupSessionDoc): UpcomingCopy => ({
  id: String(session._id),
  key: session.key,
  startsAt: session.startsAt,
  endsAt: session.endsAt,
  status: session.status,
  reason: session.reason ?? null,
  startedAt: session.startedAt ?? null,
  endedAt: session.endedAt ?? null,
});

type SessionFields = Pick<GroupSessionDoc, 'startsAt' | 'endsAt' | 'status' | 'reason'>;

/** A session's new times and status, written only when they changed. */
async function updateSession(previous: GroupSessionDoc, fields: SessionFields) {
  const same =
    previous.startsAt.getTime() === fields.startsAt.getTime() &&
    previous.endsAt.getTime() === fields.endsAt.getTime() &&
    previous.status === fields.status &&
    (previous.reason ?? null) === (fields.reason ?? null);
  if (!same) await GroupSession.updateOne({ _id: previous._id }, fields);
  return { ...previous, ...fields };
}

/** A new occurrence's session (or, when another process made it meanwhile, that one). */
async function createSession(group: GroupDoc, key: string, fields: SessionFields) {
  try {
    return (await GroupSession.create({ groupId: group._id, key, ...fields })).toObject();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // The unique (group, key) index refused it: found by a search, once.
    const existing = await GroupSession.findOne({ groupId: group._id, key }).lean();
    if (!existing) throw error;
    return updateSession(existing, fields);
  }
}

/** Returns the group as it is now (with its refreshed `upcoming`). */
export async function syncSessions(group: GroupDoc, now: Date): Promise<GroupDoc> {
  const planned = occurrences(
    group.schedule as Parameters<typeof occurrences>[0],
    (group.exceptions ?? []) as never,
  );
  const ids = await sessionIdsOf(group._id);
  const plannedKeys = new Set(planned.map((o) => o.key));
  const upcoming: UpcomingCopy[] = [];
  const changed: {
    sessionId: string;
    topic: 'session-cancelled' | 'session-moved';
    version: string;
  }[] = [];

  for (const occurrence of planned) {
    const known = ids.get(occurrence.key);
    // A held session does not change with the schedule: nothing to read or write.
    if (known && occurrence.endsAt <= stillJoinableAfter(now)) continue;
    const previous = known ? await GroupSession.findById(known).lean() : null;
    const fields = {
      startsAt: occurrence.startsAt,
      endsAt: occurrence.endsAt,
      status: occurrence.status,
      reason: occurrence.reason,
    };
    const session = previous
      ? await updateSession(previous, fields)
      : await createSession(group, occurrence.key, fields);
    ids.set(occurrence.key, String(session._id));
    const sessionId = String(session._id);
    const kept = occurrence.endsAt > stillJoinableAfter(now) && !session.endedAt;
    if (kept && upcoming.length < UPCOMING_KEPT) upcoming.push(copyOf(session));
    // A cancelled session reaches nobody, even one held early before it was called off.
    if (previous && occurrence.status === 'cancelled' && previous.status !== 'cancelled')
      await forgetSession(session);
    if (!previous || occurrence.startsAt <= now) continue;
    if (occurrence.status === 'cancelled' && previous.status !== 'cancelled') {
      changed.push({ sessionId, topic: 'session-cancelled', version: 'cancelled' });
    } else if (
      occurrence.status === 'moved' &&
      previous.startsAt.getTime() !== occurrence.startsAt.getTime()
    ) {
      changed.push({
        sessionId,
        topic: 'session-moved',
        version: String(occurrence.startsAt.getTime()),
      });
    }
  }
  // Occurrences the schedule no longer has: future ones go, unless someone attended.
  for (const [key, id] of ids) {
    if (plannedKeys.has(key)) continue;
    const stale = await GroupSession.findById(id).lean();
    if (!stale) {
      ids.delete(key);
    } else if (stale.startsAt > now && !(await anyoneAttended(stale, group))) {
      await GroupSession.deleteOne({ _id: stale._id });
      await cancelSessionReminders(group, String(stale._id));
      ids.delete(key);
    }
  }
  await recordSessionIds(group._id, ids);

  upcoming.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  await Group.updateOne({ _id: group._id }, { upcoming });

  const audience = await sessionAudience(group);
  const groupId = String(group._id);
  for (const change of changed) {
    if (change.topic === 'session-cancelled') await cancelSessionReminders(group, change.sessionId);
    for (const personId of audience)
      await planNotice(change.topic, personId, groupId, change.sessionId, change.version, now);
  }
  for (const personId of audience) await planReminders(personId, groupId, now);
  await refreshCatalogueEntry(groupId);
  groupChanged(groupId, 'sessions');
  return { ...group, upcoming } as unknown as GroupDoc;
}

/** Sessions of a group from a moment on, in order. */
export function sessionsFrom(groupId: unknown, from: Date, limit: number) {
  return GroupSession.find({ groupId, endsAt: op({ $gt: from }) })
    .sort({ startsAt: 1 })
    .limit(limit)
    .lean();
}
