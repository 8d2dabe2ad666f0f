// Keeps plans current as time moves on, once an hour: groups get their copy of coming sessions
// topped up, and sessions that came within the planning horizon since the last round get their
// reminders. It reads the groups (one document each, with the copy of their coming sessions) —
// never sessions or jobs — and remembers how far it planned, so a restart does not plan again.
import { op } from '../db/operators.ts';
import { Group, type GroupDoc } from '../groups/group.model.ts';
import { sessionAudience, syncSessions } from '../sessions/sync.ts';
import { planReminders, PLANNING_HORIZON_MS } from './planning.ts';
import { Cursor } from './queue.ts';

const PLANNED = 'planned';

export async function planAhead(now: Date): Promise<void> {
  const cursor = await Cursor.findById(PLANNED).lean();
  const from = cursor?.until ?? now;
  const until = new Date(now.getTime() + PLANNING_HORIZON_MS);
  const groups = await Group.find({ status: op({ $in: ['open', 'full', 'running'] }) }).lean();
  for (const listed of groups) {
    let group: GroupDoc = listed;
    const copy = group.upcoming ?? [];
    const coming = copy.filter((s) => s.endsAt && s.endsAt > now).length;
    if (coming < 3 && copy.length > coming) group = await syncSessions(group, now);
    // Sessions that came within the horizon since the last round.
    const entering = (group.upcoming ?? []).flatMap((s) =>
      s.id && s.startsAt && s.startsAt > from && s.startsAt <= until
        ? [{ id: s.id, startsAt: s.startsAt, status: s.status ?? 'scheduled' }]
        : [],
    );
    if (entering.length === 0) continue;
    for (const personId of await sessionAudience(group))
      await planReminders(personId, String(group._id), now, entering);
  }
  await Cursor.updateOne({ _id: PLANNED }, { until }, { upsert: true });
}
