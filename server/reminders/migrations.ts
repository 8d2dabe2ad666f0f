// Databases from before the minute slots (queue.ts): their pending jobs are put in the minute
// they are due, or the sweep, which no longer searches the jobs, would never find them. And
// before inboxes: each person's newest notifications are listed for the bell.
import { setIds } from '../db/idLists.ts';
import { registerMigration } from '../db/migrations.ts';
import { Job } from './job.model.ts';
import { INBOX_SIZE, Notification } from './notification.model.ts';
import { enqueue } from './queue.ts';

registerMigration({
  name: 'pending reminders in their minutes',
  async run(report) {
    const pending = await Job.find({ status: 'pending' }, { runAt: 1 }).lean();
    for (const [i, job] of pending.entries()) {
      await enqueue(String(job._id), job.runAt);
      if (i % 1000 === 999) report(`${i + 1} of ${pending.length} pending reminders`);
    }
  },
});

registerMigration({
  name: 'notifications listed in inboxes',
  async run(report) {
    const all = await Notification.find({}, { personId: 1, createdAt: 1 })
      .sort({ createdAt: 1 })
      .lean();
    const byPerson = new Map<string, string[]>();
    for (const n of all) {
      const ids = byPerson.get(String(n.personId)) ?? [];
      ids.push(String(n._id));
      byPerson.set(String(n.personId), ids);
    }
    let done = 0;
    for (const [personId, ids] of byPerson) {
      await setIds('inbox', personId, ids.slice(-INBOX_SIZE));
      done += 1;
      if (done % 500 === 0) report(`${done} of ${byPerson.size} inboxes`);
    }
  },
});
