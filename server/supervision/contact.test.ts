// The coordinator's view of volunteers' wellbeing: facilitators with no contact from a trainer in
// N weeks (or never), longest first, with what the last contact was. Contacts: feedback on a
// report, a reflection reviewed, an alert acknowledged, a certification, a message from the
// supervising trainer in the supervision conversation, a meeting a trainer hosted that they
// attended.
import assert from 'node:assert/strict';
import { Group } from '../groups/group.model.ts';
import type { ConversationSummary } from '../protocol/chat.ts';
import type {
  FacilitatorContact,
  FacilitatorContactPage,
  ReportInfo,
} from '../protocol/supervision.ts';
import { recordJoin } from '../sessions/attendance.model.ts';
import { Certification } from '../training/certification.model.ts';
import { idsIn } from '../db/idLists.ts';
import { CONTACT_PAGE } from './contact.ts';
import { noteContact } from './contactCard.ts';
import { NEVER } from './contactOrder.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { TestClock } from '../../test/support/clock.ts';
import { certify, createStaff, type GroupStaff } from '../../test/support/groups.ts';
import { liveSocket, must, type TestSocket } from '../../test/support/live.ts';
import {
  createPerson,
  signedInClient,
  type ApiClient,
  type TestPerson,
} from '../../test/support/people.ts';
import { groupStartingIn, reportBody } from '../../test/support/supervision.ts';

const WEEK = 7 * 86_400_000;
const weeksAgo = (n: number) => new Date(Date.now() - n * WEEK);

/** Every page of the view, in order (at most 50 pages). */
async function everyPage(api: ApiClient, query: string): Promise<FacilitatorContact[]> {
  const listed: FacilitatorContact[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page += 1) {
    const url: string = `/supervision/contact${query}${cursor ? `${query ? '&' : '?'}cursor=${cursor}` : ''}`;
    const res = await api.get<FacilitatorContactPage>(url);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    listed.push(...res.body.volunteers);
    cursor = res.body.nextCursor;
    if (!cursor) return listed;
  }
  throw new Error('more than 50 pages');
}

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
    const view = async (query: string) =>
      (await everyPage(staff.coordinator, query)).filter((c) => mine.has(c.id));
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

  it('[speed-pages] pages through every facilitator once, kept by contacts, roles and erasure', async () => {
    const coordinator = await signedInClient(
      app.url,
      await createPerson({ roles: ['coordinator'] }),
    );
    const trainer = await createPerson({ roles: ['trainer'] });
    const crowd: TestPerson[] = [];
    for (let i = 0; i < CONTACT_PAGE + 7; i += 1)
      crowd.push(await createPerson({ roles: ['facilitator'], displayName: `Crowd ${i}` }));
    const family = await createPerson({ roles: ['family'], displayName: 'Becomes facilitator' });
    const ids = (list: FacilitatorContact[]) => list.map((c) => c.id);

    const first = await coordinator.get<FacilitatorContactPage>('/supervision/contact?weeks=4');
    assert.equal(first.status, 200);
    assert.equal(first.body.volunteers.length, CONTACT_PAGE, 'a full first page');
    assert.ok(first.body.nextCursor, 'and a next one');
    const all = ids(await everyPage(coordinator, '?weeks=4'));
    assert.equal(new Set(all).size, all.length, 'nobody twice');
    for (const person of crowd) assert.ok(all.includes(person.id), person.displayName);
    assert.ok(!all.includes(family.id) && !all.includes(trainer.id));

    // A family given the role joins the list; a facilitator whose role is taken leaves it; a
    // contact now takes one out, and one ten weeks ago puts another in its week.
    const roles = async (person: TestPerson, to: string[]) =>
      assert.equal(
        (await coordinator.put(`/people/${person.id}/roles`, { roles: to })).status,
        200,
      );
    await roles(family, ['family', 'facilitator']);
    await roles(crowd[0]!, ['family']);
    await noteContact(crowd[1]!.id, new Date(), 'review');
    await noteContact(crowd[2]!.id, weeksAgo(10), 'review');
    await noteContact(crowd[2]!.id, weeksAgo(12), 'review'); // older: changes nothing
    const after = await everyPage(coordinator, '?weeks=4');
    const listed = ids(after);
    assert.ok(listed.includes(family.id), 'the new facilitator');
    assert.ok(!listed.includes(crowd[0]!.id), 'no longer a facilitator');
    assert.ok(!listed.includes(crowd[1]!.id), 'in contact this week');
    const tenWeeks = after.find((c) => c.id === crowd[2]!.id);
    assert.equal(tenWeeks?.lastContactKind, 'review');
    assert.ok(Math.abs(Date.parse(tenWeeks.lastContactAt ?? '') - weeksAgo(10).getTime()) < 60_000);
    assert.equal(new Set(listed).size, listed.length, 'nobody twice');
    assert.ok(!(await idsIn('contact-week', NEVER)).includes(crowd[2]!.id), 'left "never"');

    // Erasure takes a person out of the order.
    const leaving = crowd[3]!;
    const self = await signedInClient(app.url, leaving);
    assert.equal((await self.delete('/me', { password: leaving.password })).status, 204);
    assert.ok(!(await idsIn('contact-week', NEVER)).includes(leaving.id));
    assert.ok(!ids(await everyPage(coordinator, '?weeks=4')).includes(leaving.id));

    // A cursor that is not one is refused.
    for (const cursor of ['x', '2026-01', '2026-01:-1', '2026-01:1234567'])
      assert.equal(
        (await coordinator.get(`/supervision/contact?cursor=${cursor}`)).status,
        400,
        cursor,
      );
  });
});
