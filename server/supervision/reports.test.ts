// Session reports: the draft is pre-filled from the video's attendance; one report per session,
// even when filed twice at once; bad input changes nothing; only the group's facilitators write
// and only they and the group's trainer read; the trainer's feedback reaches the author.
import assert from 'node:assert/strict';
import { Types } from 'mongoose';
import { OutboxMessage } from '../mail/outbox.model.ts';
import type { AttendanceInfo, NotificationInfo } from '../protocol/groups.ts';
import type { ReportDraft, ReportInfo, ReportSummary } from '../protocol/supervision.ts';
import { Notification } from '../reminders/notification.model.ts';
import { Attendance } from '../sessions/attendance.model.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { createStaff, type GroupStaff } from '../../test/support/groups.ts';
import { liveSocket, must, type TestSocket } from '../../test/support/live.ts';
import {
  createPerson,
  signedInClient,
  type ApiClient,
  type TestPerson,
} from '../../test/support/people.ts';
import { enrolFamilies, groupStartingIn, reportBody } from '../../test/support/supervision.ts';
import { Alert } from './alert.model.ts';
import { Report } from './report.model.ts';

type Failure = { error: { code: string; message: string; fields?: Record<string, string> } };

describe('session reports', function () {
  this.timeout(120_000);
  let app: TestApp;
  const sockets: TestSocket[] = [];
  before(async () => {
    app = await startTestApp({ label: 'reports' });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  after(() => app?.close());

  /** A group whose first session began half an hour ago, with three families. */
  async function startedGroup() {
    const coFacilitator = await createPerson({ roles: ['facilitator'], displayName: 'Co Aino' });
    const staff = await createStaff(app.url);
    const { group, sessionId } = await groupStartingIn(staff, -30, {
      coFacilitatorId: coFacilitator.id,
    });
    const families = await enrolFamilies(app.url, group, ['Amina', 'Birgitta', 'Chen']);
    const facilitator = await signedInClient(app.url, staff.facilitator);
    return { staff, group, sessionId, families, coFacilitator, facilitator };
  }

  it('the draft lists the confirmed families, present as the video recorded them', async () => {
    const { staff, group, sessionId, families } = await startedGroup();
    const host = await liveSocket(app.url, staff.facilitator);
    const amina = await liveSocket(app.url, families[0]!);
    sockets.push(host, amina);
    await must(host, 'live:join', { sessionId });
    await must(amina, 'live:join', { sessionId });

    const facilitator = await signedInClient(app.url, staff.facilitator);
    const draft = await facilitator.get<ReportDraft>(`/sessions/${sessionId}/report/draft`);
    assert.equal(draft.status, 200, JSON.stringify(draft.body));
    assert.equal(draft.body.groupId, group.id);
    assert.equal(draft.body.existingReportId, null);
    assert.deepEqual(
      draft.body.attendance
        .map((a) => [a.personId, a.displayName, a.present])
        .sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
      [
        [families[0]!.id, 'Amina', true],
        [families[1]!.id, 'Birgitta', false],
        [families[2]!.id, 'Chen', false],
      ],
    );

    // The second session is next week: nothing to report yet.
    const later = group.nextSessions[1]!.id;
    const notYet = await facilitator.get<Failure>(`/sessions/${later}/report/draft`);
    assert.equal(notYet.status, 409);
    assert.equal(notYet.body.error.code, 'report.notYet');
    assert.ok(
      notYet.body.error.message.length > 10 && notYet.body.error.message !== 'report.notYet',
    );
    const early = await facilitator.post<Failure>(`/sessions/${later}/report`, reportBody());
    assert.equal(early.status, 409);
    assert.equal(await Report.countDocuments({ sessionId: later }), 0);
  });

  it('filing stores the report once, with the corrected attendance written as on the attendance page', async () => {
    const { staff, sessionId, families, coFacilitator, facilitator } = await startedGroup();
    const [amina, birgitta, chen] = families as [TestPerson, TestPerson, TestPerson];
    const filed = await facilitator.post<ReportInfo>(
      `/sessions/${sessionId}/report`,
      reportBody({
        attendance: [
          { personId: amina.id, present: true },
          { personId: birgitta.id, present: true },
        ],
        concern: 'Birgitta vaikutti väsyneeltä.',
      }),
    );
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    assert.equal(filed.body.authorName, staff.facilitator.displayName);
    assert.equal(filed.body.hasConcern, true);
    assert.equal(filed.body.safeguarding, false);
    assert.deepEqual(filed.body.attendance.map((a) => [a.displayName, a.present]).sort(), [
      ['Amina', true],
      ['Birgitta', true],
      ['Chen', false],
    ]);
    // No safeguarding flag: no alert, no email.
    assert.equal(await Alert.countDocuments({ reportId: filed.body.id }), 0);
    assert.equal(await OutboxMessage.countDocuments({ template: 'safeguardingAlert' }), 0);

    const attendance = await facilitator.get<AttendanceInfo[]>(`/sessions/${sessionId}/attendance`);
    const byId = new Map(attendance.body.map((a) => [a.personId, a]));
    assert.equal(byId.get(amina.id)?.present, true);
    assert.equal(byId.get(amina.id)?.source, 'facilitator');
    assert.equal(byId.get(birgitta.id)?.present, true);
    assert.equal(byId.get(chen.id)?.present, false);

    const draft = await facilitator.get<ReportDraft>(`/sessions/${sessionId}/report/draft`);
    assert.equal(draft.body.existingReportId, filed.body.id);

    // A second report for the session, by the co-facilitator: refused.
    const co = await signedInClient(app.url, coFacilitator);
    const second = await co.post<Failure>(`/sessions/${sessionId}/report`, reportBody());
    assert.equal(second.status, 409);
    assert.equal(second.body.error.code, 'report.alreadyFiled');
    assert.equal(await Report.countDocuments({ sessionId }), 1);
  });

  it('two facilitators filing at the same moment make one report', async () => {
    const { sessionId, coFacilitator, facilitator } = await startedGroup();
    const co = await signedInClient(app.url, coFacilitator);
    const results = await Promise.all(
      [facilitator, co, facilitator, co].map((c) =>
        c.post(`/sessions/${sessionId}/report`, reportBody()),
      ),
    );
    assert.deepEqual(results.map((r) => r.status).sort(), [201, 409, 409, 409]);
    assert.equal(await Report.countDocuments({ sessionId }), 1);
  });

  it('bad input is refused with a clear error and stores nothing', async () => {
    const { staff, group, sessionId, families, facilitator } = await startedGroup();
    const stranger = await createPerson({ roles: ['family'], displayName: 'Muu perhe' });
    const elsewhere = await startedGroup();
    const [otherFamily] = elsewhere.families;
    const attendanceBefore = await Attendance.countDocuments({ sessionId });
    const post = (body: unknown, client: ApiClient = facilitator) =>
      client.post<Failure>(`/sessions/${sessionId}/report`, body);

    const noConcern = await post(reportBody({ safeguarding: true, concern: '   ' }));
    assert.equal(noConcern.status, 400);
    assert.ok(noConcern.body.error.fields?.concern);
    for (const personId of [
      new Types.ObjectId().toHexString(),
      stranger.id,
      otherFamily!.id,
      staff.facilitator.id,
    ]) {
      const res = await post(reportBody({ attendance: [{ personId, present: true }] }));
      assert.equal(res.status, 400, personId);
      assert.ok(res.body.error.fields?.attendance, JSON.stringify(res.body));
    }
    const twice = await post(
      reportBody({
        attendance: [
          { personId: families[0]!.id, present: true },
          { personId: families[0]!.id, present: false },
        ],
      }),
    );
    assert.equal(twice.status, 400);
    for (const bad of [
      { ...reportBody(), howItWent: 6 },
      { ...reportBody(), themes: ['gossip'] },
      { ...reportBody(), authorId: staff.trainer.id },
      { ...reportBody(), attendance: [{ personId: '$ne', present: true }] },
    ]) {
      assert.equal((await post(bad)).status, 400, JSON.stringify(bad));
    }
    // Not a facilitator of this group: as if the session did not exist.
    const outsider = await signedInClient(app.url, elsewhere.staff.facilitator);
    const notTheirs = await post(reportBody({ safeguarding: true, concern: 'x' }), outsider);
    assert.equal(notTheirs.status, 404);
    const notTheirsDraft = await outsider.get(`/sessions/${sessionId}/report/draft`);
    assert.equal(notTheirsDraft.status, 404);
    const trainer = await signedInClient(app.url, staff.trainer);
    assert.equal((await post(reportBody(), trainer)).status, 403);
    const missing = await facilitator.post(
      `/sessions/${new Types.ObjectId().toHexString()}/report`,
      reportBody(),
    );
    assert.equal(missing.status, 404);

    assert.equal(await Report.countDocuments({ groupId: group.id }), 0);
    assert.equal(await Alert.countDocuments({ groupId: group.id }), 0);
    assert.equal(
      await Notification.countDocuments({ groupId: group.id, kind: 'safeguarding-alert' }),
      0,
    );
    assert.equal(await Attendance.countDocuments({ sessionId }), attendanceBefore);
  });

  it("reports are read by the group's facilitators and trainer only; the trainer's feedback notifies the author", async () => {
    const { staff, group, sessionId, families, coFacilitator, facilitator } = await startedGroup();
    const filed = await facilitator.post<ReportInfo>(
      `/sessions/${sessionId}/report`,
      reportBody({ attendance: [{ personId: families[0]!.id, present: true }] }),
    );
    assert.equal(filed.status, 201);
    const id = filed.body.id;
    const trainer = await signedInClient(app.url, staff.trainer);
    const co = await signedInClient(app.url, coFacilitator);
    const otherStaff: GroupStaff = await createStaff(app.url);
    const otherTrainer = await signedInClient(app.url, otherStaff.trainer);
    const otherFacilitator = await signedInClient(app.url, otherStaff.facilitator);
    const family = await signedInClient(app.url, families[0]!);

    for (const reader of [facilitator, co, trainer]) {
      const read = await reader.get<ReportInfo>(`/reports/${id}`);
      assert.equal(read.status, 200);
      assert.equal(read.body.notes, 'Hyvä keskustelu kotikielistä.');
      assert.equal(read.body.canGiveFeedback, reader === trainer);
      const list = await reader.get<ReportSummary[]>(`/reports?groupId=${group.id}`);
      assert.deepEqual(
        list.body.map((r) => r.id),
        [id],
      );
      const mine = await reader.get<ReportSummary[]>('/reports');
      assert.ok(mine.body.some((r) => r.id === id));
    }
    for (const outsider of [otherTrainer, otherFacilitator]) {
      assert.equal((await outsider.get(`/reports/${id}`)).status, 404);
      assert.equal((await outsider.get(`/reports?groupId=${group.id}`)).status, 404);
      const theirs = await outsider.get<ReportSummary[]>('/reports');
      assert.ok(!theirs.body.some((r) => r.id === id));
      const feedback = await outsider.post(`/reports/${id}/feedback`, { text: 'Hyvin menee' });
      assert.ok([403, 404].includes(feedback.status));
    }
    // Coordinators and families do not read reports (they are about families).
    for (const outsider of [staff.coordinator, family]) {
      assert.equal((await outsider.get(`/reports/${id}`)).status, 403);
    }
    assert.equal((await co.post(`/reports/${id}/feedback`, { text: 'Kiitos' })).status, 403);
    assert.equal((await trainer.post(`/reports/${id}/feedback`, { text: '  ' })).status, 400);

    const answered = await trainer.post<ReportInfo>(`/reports/${id}/feedback`, {
      text: 'Kiitos raportista! Puhutaan kielistä ensi työnohjauksessa.',
    });
    assert.equal(answered.status, 200, JSON.stringify(answered.body));
    assert.equal(answered.body.feedbackCount, 1);
    assert.deepEqual(
      answered.body.feedback.map((f) => [f.byName, f.text]),
      [[staff.trainer.displayName, 'Kiitos raportista! Puhutaan kielistä ensi työnohjauksessa.']],
    );
    const notices = await Notification.find({ kind: 'report-feedback' }).lean();
    assert.deepEqual(
      notices.map((n) => String(n.personId)),
      [staff.facilitator.id],
    );
    const bell = await facilitator.get<NotificationInfo[]>('/notifications');
    const notice = bell.body.find((n) => n.kind === 'report-feedback');
    assert.equal(notice?.link, `/reports/${id}`);
    assert.equal(notice?.groupId, group.id);
    assert.ok(notice?.text);
    const coBell = await co.get<NotificationInfo[]>('/notifications');
    assert.ok(!coBell.body.some((n) => n.kind === 'report-feedback'));
    const reread = await facilitator.get<ReportInfo>(`/reports/${id}`);
    assert.equal(reread.body.feedback.length, 1);
  });
});
