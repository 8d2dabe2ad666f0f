// Databases from before rosters and people's lists of groups (memberships.ts) get them built once
// from the enrolments and the groups' staff; attendance rows move to their keyed ids.
import { registerMigration } from '../db/migrations.ts';
import { Attendance, attendanceKey } from '../sessions/attendance.model.ts';
import { Enrolment, type EnrolmentDoc } from './enrolment.model.ts';
import { Group } from './group.model.ts';
import { recordEnrolment, recordStaff } from './memberships.ts';

registerMigration({
  name: 'rosters and lists of groups',
  async run(report) {
    const groups = await Group.find(
      {},
      { leadFacilitatorId: 1, coFacilitatorId: 1, trainerId: 1 },
    ).lean();
    for (const group of groups) await recordStaff(null, group);
    const enrolments = (await Enrolment.find().sort({ arrival: 1 }).lean()) as EnrolmentDoc[];
    for (const [i, enrolment] of enrolments.entries()) {
      await recordEnrolment(enrolment);
      if (i % 500 === 499) report(`${i + 1} of ${enrolments.length} enrolments`);
    }
  },
});

registerMigration({
  name: 'attendance keyed by session and person',
  async run() {
    const rows = await Attendance.collection.find({ key: { $exists: true } }).toArray();
    for (const row of rows) {
      const { _id, key: _key, ...rest } = row;
      const keyed = attendanceKey(String(rest.sessionId), String(rest.personId));
      await Attendance.collection.updateOne(
        { _id: keyed as never },
        { $set: rest },
        { upsert: true },
      );
      await Attendance.collection.deleteOne({ _id });
    }
    await Attendance.collection.dropIndex('key_1').catch(() => undefined);
  },
});
