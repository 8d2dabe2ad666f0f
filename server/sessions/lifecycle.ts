// A session's life as the live room sees it: started when a facilitator first opens the room
// (from then on it took place, families may come in and its report is due), ended when a
// facilitator ends it for everyone, reported when the report is filed. Each step is stored on the
// session and in the group's copies (`upcoming`, `awaitingReport`) — by primary key only, as these
// run while people wait — and every page showing the group hears of it.
import { refreshCatalogueEntry } from '../groups/catalogue.ts';
import { groupChanged } from '../groups/changes.ts';
import { Group } from '../groups/group.model.ts';
import type { GroupSessionDoc } from './groupSession.model.ts';
import { GroupSession } from './groupSession.model.ts';

/** How long a held session's report is asked for on the facilitator's home. */
const REPORT_DUE_MS = 30 * 86_400_000;

/** The group's copies as plain entries (only `id` and `startsAt` are looked at here). */
type Entry = { id?: string | null; startsAt?: Date | null } & Record<string, unknown>;
interface Copies {
  upcoming: Entry[];
  awaitingReport: Entry[];
}

/** Rewrites the group's copies (read and written by `_id`), then tells the group's pages. */
async function updateCopies(
  groupId: string,
  change: (copies: Copies) => Partial<Copies>,
): Promise<void> {
  const group = await Group.findById(groupId, { upcoming: 1, awaitingReport: 1 }).lean();
  if (!group) return;
  await Group.updateOne({ _id: groupId }, change(group as unknown as Copies));
  await refreshCatalogueEntry(groupId);
  groupChanged(groupId, 'sessions');
}

export async function sessionStarted(
  session: Pick<GroupSessionDoc, '_id' | 'groupId' | 'startsAt' | 'startedAt'>,
  now: Date,
): Promise<void> {
  if (session.startedAt) return;
  // A second host arriving at the same moment sets it again, a moment later: no harm.
  await GroupSession.updateOne({ _id: session._id }, { startedAt: now });
  session.startedAt = now;
  const id = String(session._id);
  await updateCopies(String(session.groupId), ({ upcoming, awaitingReport }) => ({
    upcoming: upcoming.map((s) => (s.id === id ? { ...s, startedAt: now } : s)),
    awaitingReport: [
      ...awaitingReport.filter(
        (s) => s.id !== id && (s.startsAt?.getTime() ?? 0) > now.getTime() - REPORT_DUE_MS,
      ),
      { id, startsAt: session.startsAt, startedAt: now },
    ],
  }));
}

export async function sessionEnded(sessionId: string, groupId: string, now: Date): Promise<void> {
  await GroupSession.updateOne({ _id: sessionId }, { endedAt: now });
  // It leaves the coming sessions: no page offers it again.
  await updateCopies(groupId, ({ upcoming }) => ({
    upcoming: upcoming.filter((s) => s.id !== sessionId),
  }));
}

export async function sessionReported(sessionId: string, groupId: string): Promise<void> {
  await updateCopies(groupId, ({ awaitingReport }) => ({
    awaitingReport: awaitingReport.filter((s) => s.id !== sessionId),
  }));
}
