// A session's life as the live room sees it: started when a facilitator first opens the room
// (from then on it took place, families may come in and a report may be written), ended when a
// facilitator ends it for everyone. Each step is stored once and every page showing the group hears.
import type { GroupSessionDoc } from './groupSession.model.ts';
import { GroupSession } from './groupSession.model.ts';
import { refreshUpcoming } from './sync.ts';

export async function sessionStarted(
  session: Pick<GroupSessionDoc, '_id' | 'groupId' | 'startedAt'>,
  now: Date,
): Promise<void> {
  if (session.startedAt) return;
  // Only the first start counts: a second host arriving finds it set and changes nothing.
  const { modifiedCount } = await GroupSession.updateOne(
    { _id: session._id, startedAt: null },
    { startedAt: now },
  );
  if (modifiedCount > 0) await refreshUpcoming(String(session.groupId), now);
}

export async function sessionEnded(sessionId: string, groupId: string, now: Date): Promise<void> {
  await GroupSession.updateOne({ _id: sessionId }, { endedAt: now });
  await refreshUpcoming(groupId, now);
}
