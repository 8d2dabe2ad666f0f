// Databases from before certifications were listed under their person (db/idLists.ts), and
// reflections waiting for review (waitingReflections.ts), get the lists built once.
import { registerMigration } from '../db/migrations.ts';
import { addId } from '../db/idLists.ts';
import { Certification } from './certification.model.ts';
import { Reflection } from './progress.model.ts';
import { listWaiting } from './waitingReflections.ts';

registerMigration({
  name: 'certifications listed under their person',
  async run(report) {
    const certifications = await Certification.find({}, { personId: 1 }).lean();
    for (const [i, c] of certifications.entries()) {
      await addId('certifications', c.personId, c._id);
      if (i % 500 === 499) report(`${i + 1} of ${certifications.length} certifications`);
    }
  },
});

registerMigration({
  name: 'reflections waiting for review listed',
  async run() {
    const waiting = await Reflection.find({ status: 'submitted' }, { submittedAt: 1 })
      .sort({ submittedAt: 1 })
      .lean();
    for (const reflection of waiting) await listWaiting(reflection._id);
  },
});
