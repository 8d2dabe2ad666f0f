// A group's sessions, and attendance: recorded from the video session, corrected by facilitators.
import { findByIds } from '../db/byIds.ts';
import { Types } from 'mongoose';
import { may } from '../access/policy.ts';
import { notFound, RequestError } from '../errors.ts';
import { findGroup, visibleGroup } from '../groups/routes.ts';
import { rosterOf } from '../groups/memberships.ts';
import { groupRef, toUpcoming } from '../groups/views.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { Person, type PersonDoc } from '../people/person.model.ts';
import { groupSchemas, type AttendanceInfo } from '../protocol/groups.ts';
import { attendanceAt, correctAttendance } from './attendance.model.ts';
import { GroupSession } from './groupSession.model.ts';
import { sessionsOfGroup } from './sessionIndex.ts';

/** Everyone the group's roster knows (confirmed first), with their row at this session. */
async function attendanceOf(sessionId: unknown, groupId: unknown): Promise<AttendanceInfo[]> {
  const roster = await rosterOf(groupId);
  // Everyone confirmed is listed, present or not, so the facilitator can tick them; those who
  // have left the group since are listed when they were there.
  const confirmed = roster.active
    .filter((e) => e.status === 'confirmed')
    .map((e) => String(e.personId));
  const others = roster.ended
    .map((e) => String(e.personId))
    .filter((id) => !confirmed.includes(id));
  const rows = await attendanceAt(String(sessionId), [...new Set([...confirmed, ...others])]);
  const ids = [...confirmed, ...others.filter((id) => rows.has(id))];
  const names = new Map(
    (await findByIds<PersonDoc>(Person, ids, { displayName: 1 })).map((p) => [
      String(p._id),
      p.displayName,
    ]),
  );
  return ids.map((personId) => {
    const row = rows.get(personId);
    return {
      personId,
      displayName: names.get(personId) ?? '',
      present: row?.present ?? false,
      source: (row?.source as AttendanceInfo['source']) ?? 'facilitator',
      joinedAt: row?.joinedAt ? row.joinedAt.toISOString() : null,
    };
  });
}

async function managedSession(
  sessionId: string | undefined,
  actor: Parameters<typeof groupRef>[1],
  action: 'group.roster' | 'group.manage',
) {
  const session =
    sessionId && Types.ObjectId.isValid(sessionId)
      ? await GroupSession.findById(sessionId).lean()
      : null;
  if (!session) throw notFound();
  const group = await findGroup(String(session.groupId));
  if (!may(actor, action, await groupRef(group, actor))) throw notFound();
  return { session, group };
}

export function sessionRoutes(api: ApiRouter): void {
  api.get('/groups/:id/sessions', { action: 'group.browse' }, async ({ actor, params }) => {
    const group = await visibleGroup(params.id, actor);
    const sessions = (await sessionsOfGroup(group._id)).slice(0, 200);
    return sessions.map((s) => toUpcoming(s, group.joinWindowMinutes));
  });

  api.get(
    '/sessions/:sessionId/attendance',
    { action: 'group.roster' },
    async ({ actor, params }) => {
      const { session, group } = await managedSession(params.sessionId, actor, 'group.roster');
      return attendanceOf(session._id, group._id);
    },
  );

  api.put(
    '/sessions/:sessionId/attendance',
    { action: 'group.manage', body: groupSchemas.attendanceCorrection },
    async ({ actor, params, body, t }) => {
      const { session, group } = await managedSession(params.sessionId, actor, 'group.manage');
      signedIn(actor);
      const roster = await rosterOf(group._id);
      const members = new Set([...roster.active, ...roster.ended].map((e) => String(e.personId)));
      const strangers = body.entries.filter((e) => !members.has(e.personId));
      if (strangers.length)
        throw new RequestError('invalid', 400, { entries: t('groups.notEnrolled') });
      await correctAttendance(String(session._id), String(group._id), body.entries);
      return attendanceOf(session._id, group._id);
    },
  );
}
