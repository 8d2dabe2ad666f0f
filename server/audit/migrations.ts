// Databases from before the audit log was listed by day (audit.model.ts) get every entry listed once,
// a day's list written at a time.
import { listManyByDay } from '../db/dayLists.ts';
import { registerMigration } from '../db/migrations.ts';
import { AUDIT_DAYS, AuditEntry } from './audit.model.ts';

registerMigration({
  name: 'audit entries listed by day',
  async run(report) {
    const entries = await AuditEntry.find({}, { _id: 1 }).lean();
    await listManyByDay(
      AUDIT_DAYS,
      entries.map((e) => e._id),
      (line) => report(`audit log: ${line}`),
    );
  },
});
