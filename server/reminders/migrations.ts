// Databases from before the minute slots (queue.ts): their pending jobs are put in the minute
// they are due, or the sweep, which no longer searches the jobs, would never find them.
import { registerMigration } from '../db/migrations.ts';
import { Job } from './job.model.ts';
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
