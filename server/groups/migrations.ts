// Databases from before rosters and people's lists of groups (memberships.ts) get them built once
// from the enrolments and the groups' staff; attendance rows move to their keyed ids; each group's
// sessions get their index (sessions/sessionIndex.ts); the family groups are listed for the
// coordinator's overview.
import { setIds } from '../db/idLists.ts';
import { registerMigration } from '../db/migrations.ts';
import { Attendance, attendanceKey } from '../sessions/attendance.model.ts';
import { GroupSession } from '../sessions/groupSession.model.ts';
import { recordSessionIds } from '../sessions/sessionIndex.ts';
import { Enrolment, type EnrolmentDoc } from './enrolment.model.ts';
import { ALL, Group } from './group.model.ts';
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

registerMigration({
  name: 'sessions indexed by group and occurrence',
  async run() {
    const byGroup = new Map<string, Map<string, string>>();
    for (const session of await GroupSession.find({}, { groupId: 1, key: 1 }).lean()) {
      const ids = byGroup.get(String(session.groupId)) ?? new Map<string, string>();
      ids.set(session.key, String(session._id));
      byGroup.set(String(session.groupId), ids);
    }
    for (const [groupId, ids] of byGroup) await recordSessionIds(groupId, ids);
  },
});

registerMigration({
  name: 'family groups listed',
  async run() {
    const groups = await Group.find({}, { kind: 1 }).sort({ _id: 1 }).lean();
    await setIds(
      'family-groups',
      ALL,
      groups.filter((g) => (g.kind ?? 'family') === 'family').map((g) => g._id),
    );
  },
});
