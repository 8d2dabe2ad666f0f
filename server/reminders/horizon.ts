// Extends the reminder plan as time moves on: sessions entering the planning horizon get their
// reminders planned for everyone concerned. Idempotent, so running it twice changes nothing.
import { op } from '../db/operators.ts';
import { Group } from '../groups/group.model.ts';
import { GroupSession } from '../sessions/groupSession.model.ts';
import { sessionAudience } from '../sessions/sync.ts';
import { planReminders, PLANNING_HORIZON_MS } from './planning.ts';

export async function planAhead(now: Date): Promise<void> {
  const groupIds = await GroupSession.distinct('groupId', {
    status: op({ $ne: 'cancelled' }),
    startsAt: op({ $gt: now, $lt: new Date(now.getTime() + PLANNING_HORIZON_MS) }),
  });
  for (const group of await Group.find({ _id: op({ $in: groupIds }) }).lean()) {
    for (const personId of await sessionAudience(group))
      await planReminders(personId, String(group._id), now);
  }
}
