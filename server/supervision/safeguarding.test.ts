// [train-3] A report with the safeguarding flag alerts the group's trainer — and nobody else —
// at once: an alert that stays open until that trainer acknowledges it, a notice in the app, and
// an email in the trainer's language that says only that there is a concern in which group.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AuditEntry } from '../audit/audit.model.ts';
import { OutboxMessage } from '../mail/outbox.model.ts';
import { Person } from '../people/person.model.ts';
import type { NotificationInfo } from '../protocol/groups.ts';
import type { AlertInfo, ReportInfo } from '../protocol/supervision.ts';
import { Notification } from '../reminders/notification.model.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { createStaff } from '../../test/support/groups.ts';
import { createPerson, signedInClient, type ApiClient } from '../../test/support/people.ts';
import { enrolFamilies, groupStartingIn, reportBody } from '../../test/support/supervision.ts';
import { Alert } from './alert.model.ts';

const sv = JSON.parse(readFileSync('locales/sv/email.json', 'utf8')) as {
  safeguardingAlert: { subject: string; body: string };
};
const CONCERN = 'Barnet berättade att hon är rädd för att gå hem efter skolan.';

describe('safeguarding alerts', function () {
  this.timeout(120_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ label: 'safeguarding' });
  });
  after(() => app?.close());

  it("[train-3] a report with the safeguarding flag alerts the responsible trainer only, until acknowledged, with an email in the trainer's language", async () => {
    const coFacilitator = await createPerson({ roles: ['facilitator'], displayName: 'Co Mira' });
    const staff = await createStaff(app.url);
    await Person.updateOne({ _id: staff.trainer.id }, { language: 'sv' });
    const { group, sessionId } = await groupStartingIn(staff, -30, {
      coFacilitatorId: coFacilitator.id,
    });
    const families = await enrolFamilies(app.url, group, ['Zainab Haddad', 'Olli Korhonen']);

    const client = (p: Parameters<typeof signedInClient>[1]) => signedInClient(app.url, p);
    const facilitator = await client(staff.facilitator);
    const trainer = await client(staff.trainer);
    const others: [string, ApiClient][] = [
      ['another trainer', await client(await createPerson({ roles: ['trainer'] }))],
      ['the coordinator', staff.coordinator],
      ['the co-facilitator', await client(coFacilitator)],
      ['the facilitator', facilitator],
      ['a family', await client(families[0]!)],
    ];

    const filed = await facilitator.post<ReportInfo>(
      `/sessions/${sessionId}/report`,
      reportBody({
        attendance: families.map((f) => ({ personId: f.id, present: true })),
        concern: CONCERN,
        safeguarding: true,
      }),
    );
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    assert.equal(filed.body.safeguarding, true);

    // One alert, for the group's trainer.
    const stored = await Alert.find({ reportId: filed.body.id }).lean();
    assert.equal(stored.length, 1);
    const alertId = String(stored[0]!._id);
    assert.equal(String(stored[0]!.trainerId), staff.trainer.id);
    assert.equal(stored[0]!.acknowledgedAt, null);
    assert.equal(await AuditEntry.countDocuments({ action: 'alert.opened', targetId: alertId }), 1);

    const open = async () => {
      const res = await trainer.get<AlertInfo[]>('/alerts');
      assert.equal(res.status, 200);
      return res.body;
    };
    const [seen] = await open();
    assert.equal(seen?.id, alertId);
    assert.equal(seen?.concern, CONCERN, 'the trainer reads the concern in the app');
    assert.equal(seen?.facilitatorName, staff.facilitator.displayName);
    assert.equal(seen?.groupId, group.id);
    assert.equal(seen?.acknowledgedAt, null);

    // Nobody else sees it or can close it.
    for (const [who, other] of others) {
      const list = await other.get<AlertInfo[]>('/alerts?state=all');
      if (list.status === 200) assert.deepEqual(list.body, [], who);
      else assert.equal(list.status, 403, who);
      const ack = await other.post(`/alerts/${alertId}/acknowledge`, { note: 'seen' });
      assert.ok([403, 404].includes(ack.status), `${who}: ${ack.status}`);
      assert.ok(!JSON.stringify(ack.body).includes(CONCERN), who);
      const notices = await other.get<NotificationInfo[]>('/notifications');
      assert.ok(!notices.body.some((n) => n.kind === 'safeguarding-alert'), who);
    }

    // The in-app notice: for the trainer only, leading to the alert.
    const notices = await Notification.find({ kind: 'safeguarding-alert' }).lean();
    assert.deepEqual(
      notices.map((n) => String(n.personId)),
      [staff.trainer.id],
    );
    const bell = await trainer.get<NotificationInfo[]>('/notifications');
    const notice = bell.body.find((n) => n.kind === 'safeguarding-alert');
    assert.equal(notice?.link, `/supervision/alerts/${alertId}`);
    assert.equal(notice?.groupId, group.id);

    // One email, to the trainer, in Swedish, without the concern or any family's name.
    const emails = await OutboxMessage.find({ template: 'safeguardingAlert' }).lean();
    assert.equal(emails.length, 1);
    const email = emails[0]!;
    assert.equal(email.to, staff.trainer.email);
    const title = group.title.find((t) => t.lang === 'fi')!.text;
    assert.equal(email.subject, sv.safeguardingAlert.subject.replace('{{group}}', title));
    assert.ok(email.text.includes(sv.safeguardingAlert.body.replace('{{group}}', title)));
    assert.ok(email.links[0]?.endsWith(`/supervision/alerts/${alertId}`));
    assert.ok(email.text.includes(email.links[0]!));
    for (const secret of [CONCERN, 'rädd', 'Zainab', 'Haddad', 'Olli', 'Korhonen']) {
      assert.ok(!email.subject.includes(secret), `subject leaks ${secret}`);
      assert.ok(!email.text.includes(secret), `text leaks ${secret}`);
    }

    // Still open: reading again, and others' attempts, change nothing.
    assert.equal((await open())[0]?.acknowledgedAt, null);
    assert.equal((await Alert.findById(alertId).lean())?.acknowledgedAt, null);

    // The trainer acknowledges: closed, and it stays closed.
    const ack = await trainer.post<AlertInfo>(`/alerts/${alertId}/acknowledge`, {
      note: 'Soitin ohjaajalle ja otin yhteyttä sosiaalityöhön.',
    });
    assert.equal(ack.status, 200, JSON.stringify(ack.body));
    assert.ok(ack.body.acknowledgedAt);
    assert.deepEqual(await open(), []);
    const all = await trainer.get<AlertInfo[]>('/alerts?state=all');
    assert.equal(all.body.length, 1);
    assert.equal(all.body[0]?.acknowledgedAt, ack.body.acknowledgedAt);
    assert.equal(all.body[0]?.note, 'Soitin ohjaajalle ja otin yhteyttä sosiaalityöhön.');
    const again = await trainer.post<{ error: { code: string } }>(
      `/alerts/${alertId}/acknowledge`,
      { note: 'toinen' },
    );
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'alert.alreadyAcknowledged');
    const after = await Alert.findById(alertId).lean();
    assert.equal(after?.acknowledgedAt?.toISOString(), ack.body.acknowledgedAt);
    assert.equal(after?.note, 'Soitin ohjaajalle ja otin yhteyttä sosiaalityöhön.');
    assert.equal(String(after?.acknowledgedById), staff.trainer.id);
    assert.equal(
      await AuditEntry.countDocuments({ action: 'alert.acknowledged', targetId: alertId }),
      1,
    );
    // Still exactly one email and one notice.
    assert.equal(await OutboxMessage.countDocuments({ template: 'safeguardingAlert' }), 1);
    assert.equal(await Notification.countDocuments({ kind: 'safeguarding-alert' }), 1);
  });
});
