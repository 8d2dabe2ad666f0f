// When a session opens on this process, nobody is in its video yet: an attendance row still open
// (joined, never left) belongs to a video that ended without recording it — a process that died
// after admitting someone but before it published whom it had admitted (ownership.ts renews that
// summary every few seconds). Those rows are closed now; whoever comes back opens theirs again.
// Found by the soak: a family's join landed on the process just before it was killed.
import { facilitatorIds } from '../groups/group.model.ts';
import { rosterOf } from '../groups/memberships.ts';
import { attendanceAt, recordLeave } from '../sessions/attendance.model.ts';
import type { SessionContext } from './admission.ts';
import { SessionInterpreters } from './sessionInterpreters.model.ts';

/** Everyone who may have a row: the group's people, the session's interpreters, and `admitted`. */
async function peopleOf(sessionId: string, { group }: SessionContext, admitted: string[]) {
  const [roster, interpreters] = await Promise.all([
    rosterOf(group._id),
    SessionInterpreters.findById(sessionId, { interpreters: 1 }).lean(),
  ]);
  return new Set([
    ...admitted,
    ...[...roster.active, ...roster.ended].map((e) => String(e.personId)),
    ...facilitatorIds(group),
    String(group.trainerId),
    ...(interpreters?.interpreters ?? []).flatMap((i) => (i.personId ? [String(i.personId)] : [])),
  ]);
}

export async function closeOpenRows(
  sessionId: string,
  context: SessionContext,
  admitted: string[],
  at: Date,
): Promise<void> {
  const rows = await attendanceAt(sessionId, [...(await peopleOf(sessionId, context, admitted))]);
  for (const [personId, row] of rows)
    if (row.source === 'video' && row.joinedAt && !row.leftAt)
      await recordLeave(sessionId, personId, at);
}
