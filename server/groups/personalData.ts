// Export and erasure for groups: enrolments, attendance, reminders and notifications.
import { Types } from 'mongoose';
import { dropList } from '../db/idLists.ts';
import { registerPersonalData } from '../privacy/personalData.ts';
import { Job } from '../reminders/job.model.ts';
import { Notification } from '../reminders/notification.model.ts';
import { Attendance, attendanceKey } from '../sessions/attendance.model.ts';
import { endEnrolment, ACTIVE_ENROLMENT } from './enrolment.ts';
import { Enrolment } from './enrolment.model.ts';
import { forgetInRoster, groupsKey, groupsOf, PersonGroups } from './memberships.ts';

registerPersonalData({
  name: 'groups',
  export: async (person) => ({
    enrolments: await Enrolment.find(
      { personId: person._id },
      { _id: 0, personId: 0, activeKey: 0 },
    ).lean(),
    attendance: await Attendance.find(
      { personId: person._id },
      { _id: 0, personId: 0, key: 0 },
    ).lean(),
    notifications: await Notification.find({ personId: person._id }, { personId: 0 }).lean(),
    // Reminders and notices planned or sent (the runner's bookkeeping left out).
    plannedNotices: await Job.find(
      { personId: person._id },
      { _id: 0, personId: 0, leaseUntil: 0, attempts: 0 },
    ).lean(),
  }),
  erase: async (person) => {
    // Free the person's places first, so the next families on the waitlists move up.
    for (const link of (await groupsOf(String(person._id))).enrolments) {
      const enrolment = await Enrolment.findById(link.enrolmentId).lean();
      if (enrolment && ACTIVE_ENROLMENT.includes(enrolment.status))
        await endEnrolment(enrolment, 'cancelled', null, new Date());
      await forgetInRoster(link.groupId, String(person._id));
    }
    await PersonGroups.deleteOne({ _id: groupsKey(person._id) });
    await Enrolment.deleteMany({ personId: person._id });
    await Job.deleteMany({ personId: person._id });
    await Notification.deleteMany({ personId: person._id });
    await dropList('inbox', person._id);
    // Attendance stays as anonymous counts: one random id stands for the person from now on, so
    // "unique families" figures stay right without pointing at anyone. The key names the person:
    // each row moves to a key with the random id.
    const anonymous = new Types.ObjectId();
    for (const row of await Attendance.find({ personId: person._id }).lean()) {
      const _id = attendanceKey(String(row.sessionId), String(anonymous));
      await Attendance.create({ ...row, _id, personId: anonymous });
      await Attendance.deleteOne({ _id: row._id });
    }
  },
});
