// Databases from before reports and alerts were listed under their group, session and trainer
// (db/idLists.ts) get the lists built once, oldest first so that the newest are kept; and each
// facilitator's last contact from a trainer (contactCard.ts), found once the old way; and each
// trainer's supervisees (supervisees.ts).
import { registerMigration } from '../db/migrations.ts';
import { op } from '../db/operators.ts';
import { Alert, listAlert } from './alert.model.ts';
import { listReport, Report } from './report.model.ts';
import { addId, removeId } from '../db/idLists.ts';
import { Person } from '../people/person.model.ts';
import { fileFacilitator, noteContact } from './contactCard.ts';
import { scanContacts } from './contactScan.ts';

registerMigration({
  name: 'reports and alerts listed',
  async run(report) {
    const reports = await Report.find({}, { groupId: 1, sessionId: 1 })
      .sort({ createdAt: 1 })
      .lean();
    for (const [i, r] of reports.entries()) {
      await listReport(r);
      if (i % 500 === 499) report(`${i + 1} of ${reports.length} reports`);
    }
    const alerts = await Alert.find({}, { trainerId: 1, acknowledgedAt: 1 })
      .sort({ openedAt: 1 })
      .lean();
    for (const alert of alerts) {
      await listAlert(String(alert.trainerId), String(alert._id));
      if (alert.acknowledgedAt) await removeId('open-alerts', alert.trainerId, alert._id);
    }
  },
});

registerMigration({
  name: 'last contact kept per facilitator',
  async run() {
    const people = await Person.find({ roles: 'facilitator' }, { supervisorId: 1 }).lean();
    for (const [personId, contact] of await scanContacts(people))
      await noteContact(personId, contact.at, contact.kind);
  },
});

registerMigration({
  name: 'supervisees listed under their trainer',
  async run() {
    const people = await Person.find(
      { supervisorId: op({ $ne: null }) },
      { supervisorId: 1 },
    ).lean();
    for (const person of people) await addId('supervisees', person.supervisorId, person._id);
  },
});

registerMigration({
  name: 'facilitators ordered by last contact',
  async run(report) {
    const people = await Person.find({ roles: 'facilitator' }, { _id: 1 }).lean();
    for (const [i, person] of people.entries()) {
      await fileFacilitator(person._id);
      if (i % 200 === 199) report(`${i + 1} of ${people.length} facilitators`);
    }
  },
});
