// The coordinator's view of volunteers' wellbeing: facilitators with no contact from a trainer in
// N weeks (or never), longest first, with what the last contact was. Contacts: feedback on a
// report, a reflection reviewed, an alert acknowledged, a certification, a message from the
// supervising trainer in the supervision conversation, a meeting a trainer hosted that they
// attended.
import assert from 'node:assert/strict';
import { Group } from '../groups/group.model.ts';
import type { ConversationSummary } from '../protocol/chat.ts';
import type { FacilitatorContact, ReportInfo } from '../protocol/supervision.ts';
import { recordJoin } from '../sessions/attendance.model.ts';
import { Certification } from '../training/certification.model.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { TestClock } from '../../test/support/clock.ts';
import { certify, createStaff, type GroupStaff } from '../../test/support/groups.ts';
import { liveSocket, must, type TestSocket } from '../../test/support/live.ts';
import { createPerson, signedInClient, type TestPerson } from '../../test/support/people.ts';
import { groupStartingIn, reportBody } from '../../test/support/supervision.ts';

const WEEK = 7 * 86_400_000;
const weeksAgo = (n: number) => new Date(Date.now() - n * WEEK);

describe('contact with facilitators', function () {
  this.timeout(180_000);
  const clock = new TestClock();
  let app: TestApp;
  const sockets: TestSocket[] = [];
  before(async () => {
    app = await startTestApp({ label: 'contact', clock });
  });
  after(async () => {
    for (const socket of sockets) socket.disconnect();
    await app?.close();
  });

  it('lists facilitators without contact from a trainer in N weeks, longest first', async () => {
    const trainer = await createPerson({ roles: ['trainer'], displayName: 'Trainer Tuula' });
    const facilitator = (displayName: string) =>
      createPerson({ roles: ['facilitator'], supervisorId: trainer.id, displayName });
    const lead = await facilitator('Lead Leena');
    await certify(lead.id, trainer.id);
    const staff: GroupStaff = {
      ...(await createStaff(app.url)),
      facilitator: lead,
      trainer,
    };
    const never = await facilitator('A Never');
    const selfWriter = await facilitator('B Writes herself');
    const oldCertificate = await facilitator('C Certified long ago');
    const meetingGoer = await facilitator('D Meeting');
    const reported = await facilitator('E Feedback');
    const alerted = await facilitator('F Alert');
    const messaged = await facilitator('G Message');
    const reviewed = await facilitator('H Review');
    await Certification.create({
      personId: oldCertificate.id,
      signedOffById: trainer.id,
      certifiedAt: weeksAgo(10),
      validUntil: new Date(Date.now() + 40 * WEEK),
    });

    // Each of these co-facilitates a started group of the trainer's.
    const groupWith = async (co: TestPerson) =>
      groupStartingIn(staff, -30, { coFacilitatorId: co.id });
    const trainerApi = await signedInClient(app.url, trainer);

    const feedbackGroup = await groupWith(reported);
    const report = await (
      await signedInClient(app.url, reported)
    ).post<ReportInfo>(`/sessions/${feedbackGroup.sessionId}/report`, reportBody());
    assert.equal(report.status, 201);
    const answered = await trainerApi.post(`/reports/${report.body.id}/feedback`, {
      text: 'Hienosti hoidettu.',
    });
    assert.equal(answered.status, 200);

    const alertGroup = await groupWith(alerted);
    const flagged = await (
      await signedInClient(app.url, alerted)
    ).post<ReportInfo>(
      `/sessions/${alertGroup.sessionId}/report`,
      reportBody({ safeguarding: true, concern: 'Huoli.' }),
    );
    const [alert] = (await trainerApi.get<{ id: string; reportId: string }[]>('/alerts')).body;
    assert.equal(alert?.reportId, flagged.body.id);
    assert.equal((await trainerApi.post(`/alerts/${alert.id}/acknowledge`, {})).status, 200);

    // The trainer reviews a reflection.
    const module = await trainerApi.post<{ id: string }>('/training/modules', {
      order: 1,
      required: true,
      published: true,
      content: [{ lang: 'fi', title: 'Kuuntelu', body: 'Lue ja pohdi.' }],
      quiz: null,
      reflection: { prompt: [{ lang: 'fi', text: 'Milloin kuuntelit viimeksi?' }] },
    });
    const learner = await signedInClient(app.url, reviewed);
    await learner.post(`/training/modules/${module.body.id}/read`);
    await learner.put(`/training/modules/${module.body.id}/reflection`, {
      text: 'Kuuntelin ystävää pitkään keskeyttämättä.',
    });
    const [reflection] = (await trainerApi.get<{ id: string }[]>('/training/reflections')).body;
    const review = await trainerApi.post(`/training/reflections/${reflection!.id}/review`, {
      accepted: false,
      feedback: 'Kerro lisää.',
    });
    assert.equal(review.status, 200, JSON.stringify(review.body));

    // The trainer writes in the supervision conversation; a facilitator writing to the trainer
    // (with no answer) is not contact from a trainer.
    const messageGroup = await groupWith(messaged);
    const trainerSocket = await liveSocket(app.url, trainer);
    const writerSocket = await liveSocket(app.url, selfWriter);
    sockets.push(trainerSocket, writerSocket);
    const toMessaged = await must<ConversationSummary>(trainerSocket, 'chat:openDirect', {
      groupId: messageGroup.group.id,
      with: 'coFacilitator',
    });
    await must(trainerSocket, 'chat:send', {
      channelId: toMessaged.channelId,
      clientId: `contact-${Date.now()}`,
      text: 'Miten sinulla menee?',
    });
    const writerGroup = await groupWith(selfWriter);
    const toTrainer = await must<ConversationSummary>(writerSocket, 'chat:openDirect', {
      groupId: writerGroup.group.id,
      with: 'trainer',
    });
    await must(writerSocket, 'chat:send', {
      channelId: toTrainer.channelId,
      clientId: `writer-${Date.now()}`,
      text: 'Hei, kysyisin yhtä asiaa.',
    });

    // A supervision meeting the trainer hosted, 8 weeks ago; a peer meeting since does not count.
    const meeting = await groupStartingIn(staff, -30);
    await Group.updateOne(
      { _id: meeting.group.id },
      { kind: 'supervision', leadFacilitatorId: trainer.id, coFacilitatorId: null },
    );
    await recordJoin(meeting.sessionId, meeting.group.id, meetingGoer.id, weeksAgo(8));
    const peer = await groupStartingIn(staff, -30);
    await Group.updateOne({ _id: peer.group.id }, { kind: 'peer' });
    await recordJoin(peer.sessionId, peer.group.id, meetingGoer.id, weeksAgo(1));

    const mine = new Set(
      [
        never,
        selfWriter,
        oldCertificate,
        meetingGoer,
        reported,
        alerted,
        messaged,
        reviewed,
        lead,
      ].map((p) => p.id),
    );
    const view = async (query: string) => {
      const res = await staff.coordinator.get<FacilitatorContact[]>(`/supervision/contact${query}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.filter((c) => mine.has(c.id));
    };
    const names = (list: FacilitatorContact[]) => list.map((c) => c.displayName);

    const four = await view('?weeks=4');
    assert.deepEqual(names(four), [
      'A Never',
      'B Writes herself',
      'C Certified long ago',
      'D Meeting',
    ]);
    assert.deepEqual(
      four.map((c) => c.lastContactKind),
      [null, null, 'certification', 'meeting'],
    );
    assert.equal(four[0]?.lastContactAt, null);
    const meetingAt = Date.parse(four[3]?.lastContactAt ?? '');
    assert.ok(Math.abs(meetingAt - weeksAgo(8).getTime()) < 120_000, 'the meeting 8 weeks ago');
    assert.equal(four[0]?.supervisorId, trainer.id);
    assert.equal(four[0]?.supervisorName, 'Trainer Tuula');
    assert.deepEqual(names(await view('')), names(four), 'four weeks by default');
    assert.deepEqual(names(await view('?weeks=9')), [
      'A Never',
      'B Writes herself',
      'C Certified long ago',
    ]);
    assert.deepEqual(names(await view('?weeks=12')), ['A Never', 'B Writes herself']);

    // A year on, everyone is listed, each with what their last contact was.
    clock.set(new Date(Date.now() + 52 * WEEK));
    const kinds = new Map((await view('?weeks=4')).map((c) => [c.displayName, c.lastContactKind]));
    assert.deepEqual(Object.fromEntries(kinds), {
      'A Never': null,
      'B Writes herself': null,
      'C Certified long ago': 'certification',
      'D Meeting': 'meeting',
      'E Feedback': 'feedback',
      'F Alert': 'alert',
      'G Message': 'message',
      'H Review': 'review',
      'Lead Leena': 'certification',
    });
    clock.set(new Date());

    // Bad input; and only coordinators see this view.
    for (const query of ['?weeks=0', '?weeks=abc', '?weeks=53', '?other=1']) {
      const res = await staff.coordinator.get(`/supervision/contact${query}`);
      assert.equal(res.status, 400, query);
    }
    assert.equal((await trainerApi.get('/supervision/contact')).status, 403);
    assert.equal(
      (await (await signedInClient(app.url, lead)).get('/supervision/contact')).status,
      403,
    );
  });
});
