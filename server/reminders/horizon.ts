// Keeps plans current as time moves on: groups get their copy of coming sessions topped up, and
// sessions entering the planning horizon get their reminders. Idempotent: twice changes nothing.
import { op } from '../db/operators.ts';
import { Group } from '../groups/group.model.ts';
import { GroupSession } from '../sessions/groupSession.model.ts';
import { sessionAudience, syncSessions } from '../sessions/sync.ts';
import { planReminders, PLANNING_HORIZON_MS } from './planning.ts';

/** Tops up the copy of coming sessions on groups whose copied sessions have mostly passed. */
async function topUpUpcoming(now: Date): Promise<void> {
  const groups = await Group.find({ status: op({ $in: ['open', 'full', 'running'] }) }).lean();
  for (const group of groups) {
    const coming = (group.upcoming ?? []).filter((s) => s.endsAt && s.endsAt > now).length;
    if (coming < 3 && (group.upcoming ?? []).length > coming) await syncSessions(group, now);
  }
}

export async function planAhead(now: Date): Promise<void> {
  await topUpUpcoming(now);
  const groupIds = await GroupSession.distinct('groupId', {
    status: op({ $ne: 'cancelled' }),
    startsAt: op({ $gt: now, $lt: new Date(now.getTime() + PLANNING_HORIZON_MS) }),
  });
  for (const group of await Group.find({ _id: op({ $in: groupIds }) }).lean()) {
    for (const personId of await sessionAudience(group))
      await planReminders(personId, String(group._id), now);
  }
}
