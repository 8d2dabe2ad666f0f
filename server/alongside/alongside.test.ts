// Walk-alongside through the real routes: who may be paired, the pair's conversation and video
// meeting, ending at once, the volunteer's log and the trainer's care of quiet pairings.
import assert from 'node:assert/strict';
import pino from 'pino';
import { qualifiedVolunteer } from '../../test/support/alongside.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { TestClock } from '../../test/support/clock.ts';
import { certify, createGroup, helsinkiDay, weekdayOf } from '../../test/support/groups.ts';
import { liveSocket, must, type TestSocket } from '../../test/support/live.ts';
import { locale } from '../../test/support/locales.ts';
import {
  ApiClient,
  createPerson,
  signedInClient,
  type TestPerson,
} from '../../test/support/people.ts';
import { createMailer } from '../mail/mailer.ts';
import { OutboxMessage } from '../mail/outbox.model.ts';
import type {
  AlongsideRequestInfo,
  MyAlongside,
  PairingInfo,
  VolunteerCandidate,
  VolunteerLoad,
  VolunteerPairing,
} from '../protocol/alongside.ts';
import type { ChatMessage, ConversationSummary } from '../protocol/chat.ts';
import type { GroupDetail, NotificationInfo, UpcomingSession } from '../protocol/groups.ts';
import type { ReportFigures } from '../protocol/report.ts';
import type { PartnerOrganisationInfo } from '../protocol/partners.ts';
import {
  REFERRAL_CONSENT_VERSION,
  type ReferralInfo,
  type ReferralPage,
} from '../protocol/referrals.ts';
import { Notification } from '../reminders/notification.model.ts';
import { QuietPairings } from './care.ts';
import { passWalkAlongside } from '../../test/support/alongside.ts';

const DAY = 86_400_000;

describe('walk-alongside', function () {
  this.timeout(180_000);
  let app: TestApp;
  const clock = new TestClock();
  let trainer: TestPerson;
  let coordinator: ApiClient;
  const sockets: TestSocket[] = [];

  const askFor = async (language: 'ar' | 'fi' = 'ar') => {
    const family = await createPerson({ roles: ['family'], displayName: 'Hodan', language });
    const asFamily = await signedInClient(app.url, family);
    const res = await asFamily.post<AlongsideRequestInfo>('/alongside/requests', {
      help: 'أحتاج مساعدة في طلب إعانة السكن',
      helpLang: 'ar',
      languages: ['so', 'ar'],
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return { family, asFamily, request: res.body };
  };

  before(async () => {
    app = await startTestApp({ label: 'alongside', clock });
    trainer = await createPerson({ roles: ['trainer'], language: 'sv' });
    coordinator = await signedInClient(app.url, await createPerson({ roles: ['coordinator'] }));
  });
  after(async () => {
    for (const socket of sockets) socket.disconnect();
    await app?.close();
  });

  it('[along-1] only a certified facilitator who passed the walk-alongside module is offered, and the pair talk privately', async () => {
    const { family, asFamily, request } = await askFor();
    // Asking twice while one is open is refused, and changes nothing.
    const again = await asFamily.post('/alongside/requests', {
      help: 'x',
      helpLang: 'fi',
      languages: ['fi'],
    });
    assert.equal(again.status, 409);
    const invalid = await asFamily.post('/alongside/requests', {
      help: '',
      helpLang: 'fi',
      languages: [],
    });
    assert.equal(invalid.status, 400);

    const volunteer = await qualifiedVolunteer(trainer.id, {
      displayName: 'Amina',
      language: 'fi',
    });
    const certifiedOnly = await createPerson({ roles: ['facilitator'], supervisorId: trainer.id });
    await certify(certifiedOnly.id, trainer.id);
    const passedOnly = await createPerson({ roles: ['facilitator'], supervisorId: trainer.id });
    await passWalkAlongside(passedOnly.id);

    const candidates = await coordinator.get<VolunteerCandidate[]>(
      `/alongside/requests/${request.id}/candidates`,
    );
    const offered = candidates.body.map((c) => c.id);
    assert.ok(offered.includes(volunteer.id));
    assert.ok(!offered.includes(certifiedOnly.id), 'certified without the module: not offered');
    assert.ok(!offered.includes(passedOnly.id), 'the module without a certification: not offered');
    // Pairing someone not offered is refused too (the server decides, not the page).
    const refused = await coordinator.post(`/alongside/requests/${request.id}/pair`, {
      volunteerId: certifiedOnly.id,
    });
    assert.equal(refused.status, 400);
    // Nobody but a coordinator pairs.
    const asVolunteer = await signedInClient(app.url, volunteer);
    const selfPair = await asVolunteer.post(`/alongside/requests/${request.id}/pair`, {
      volunteerId: volunteer.id,
    });
    assert.equal(selfPair.status, 403);

    const paired = await coordinator.post<PairingInfo>(`/alongside/requests/${request.id}/pair`, {
      volunteerId: volunteer.id,
    });
    assert.equal(paired.status, 201, JSON.stringify(paired.body));
    const twice = await coordinator.post(`/alongside/requests/${request.id}/pair`, {
      volunteerId: volunteer.id,
    });
    assert.equal(twice.status, 409);

    // Each hears of it by email in their own language, with the other's chosen name.
    const mail = await OutboxMessage.findOne({
      to: family.email,
      template: 'alongsidePairedFamily',
    });
    const arSubject = (locale('ar', 'email').alongsidePairedFamily as Record<string, string>)
      .subject!;
    assert.equal(mail?.subject, arSubject.replace('{{name}}', 'Amina'));
    const fiMail = await OutboxMessage.findOne({
      to: volunteer.email,
      template: 'alongsidePairedVolunteer',
    });
    assert.ok(fiMail?.subject.includes('Hodan'));

    // Each side sees the other by their chosen name; the volunteer reads the family's words.
    const mine = (await asFamily.get<MyAlongside>('/alongside/mine')).body;
    assert.equal(mine.pairing?.counterpartName, 'Amina');
    const walking = (await asVolunteer.get<VolunteerPairing[]>('/alongside/walking')).body;
    assert.equal(walking[0]?.counterpartName, 'Hodan');
    assert.equal(walking[0]?.helpLang, 'ar');

    // Their private conversation: both can write; the trainer cannot read it.
    const familySocket = await liveSocket(app.url, family);
    const volunteerSocket = await liveSocket(app.url, volunteer);
    const trainerSocket = await liveSocket(app.url, trainer);
    sockets.push(familySocket, volunteerSocket, trainerSocket);
    const channelId = `direct:${mine.pairing!.conversationId}`;
    await must(familySocket, 'chat:send', { channelId, text: 'مرحبا', clientId: 'client-0001' });
    await must(volunteerSocket, 'chat:send', {
      channelId,
      text: 'Hei Hodan!',
      clientId: 'client-0002',
    });
    const history = await must<{ messages: ChatMessage[] }>(familySocket, 'chat:history', {
      channelId,
    });
    assert.deepEqual(
      history.messages.map((m) => m.text),
      ['مرحبا', 'Hei Hodan!'],
    );
    const { conversations } = await must<{ conversations: ConversationSummary[] }>(
      volunteerSocket,
      'chat:conversations',
      {},
    );
    assert.equal(conversations.find((c) => c.channelId === channelId)?.counterpart?.role, 'family');
    await assert.rejects(must(trainerSocket, 'chat:history', { channelId }));

    // They plan a video meeting on the session engine: the family is in it, nobody else.
    const day = helsinkiDay(3, clock.now());
    const meeting = await asVolunteer.post<PairingInfo>(
      `/alongside/pairings/${paired.body.id}/meeting`,
      {
        date: day,
        time: '17:30',
        minutes: 45,
      },
    );
    assert.equal(meeting.status, 200, JSON.stringify(meeting.body));
    assert.ok(meeting.body.nextMeeting);
    const group = await asFamily.get<GroupDetail>(`/groups/${meeting.body.meetingGroupId}`);
    assert.equal(group.status, 200);
    assert.equal(group.body.kind, 'alongside');
    assert.equal(group.body.observationAllowed, false);
    const asTrainer = await signedInClient(app.url, trainer);
    assert.equal((await asTrainer.get(`/groups/${meeting.body.meetingGroupId}`)).status, 404);
    const past = await asVolunteer.post(`/alongside/pairings/${paired.body.id}/meeting`, {
      date: helsinkiDay(-1, clock.now()),
      time: '10:00',
      minutes: 45,
    });
    assert.equal(past.status, 400);

    // The family ends it with one action: the volunteer loses the conversation and the meeting.
    const end = await asFamily.post(`/alongside/pairings/${paired.body.id}/end`, {});
    assert.equal(end.status, 204);
    await assert.rejects(must(volunteerSocket, 'chat:history', { channelId }));
    const kept = await must<{ messages: ChatMessage[] }>(familySocket, 'chat:history', {
      channelId,
    });
    assert.equal(kept.messages.length, 2, 'the family keeps what was said');
    await assert.rejects(
      must(familySocket, 'chat:send', { channelId, text: 'x', clientId: 'client-0003' }),
    );
    const afterEnd = (await asVolunteer.get<VolunteerPairing[]>('/alongside/walking')).body[0]!;
    assert.equal(afterEnd.status, 'ended');
    assert.equal(afterEnd.help, '', "the family's words leave with the pairing");
    assert.equal(afterEnd.nextMeeting, null);
    const log = await asVolunteer.post(`/alongside/pairings/${paired.body.id}/contacts`, {
      date: helsinkiDay(0, clock.now()),
      minutes: 30,
      kind: 'call',
    });
    assert.equal(log.status, 404);
    const notices = await asVolunteer.get<NotificationInfo[]>('/notifications');
    assert.ok(notices.body.some((n) => n.kind === 'alongside-ended'));
  });

  it('[along-1] a partner refers a family to walk-alongside: the request counts for them, and they follow only the stages allowed', async () => {
    const organisation = (
      await coordinator.post<PartnerOrganisationInfo>('/partners', {
        name: 'Vantaan perhekeskus',
        partnerKind: 'wellbeing-county',
        region: 'vantaa-kerava',
        languagesServed: ['fi', 'so'],
      })
    ).body;
    const worker = await createPerson({ roles: ['partner'], organisationId: organisation.id });
    const asPartner = await signedInClient(app.url, worker);
    const referral = await asPartner.post<ReferralInfo>('/referrals', {
      reference: 'PK-22',
      language: 'ar',
      alongside: true,
      familyConsented: true,
    });
    assert.equal(referral.status, 201, JSON.stringify(referral.body));
    assert.equal(referral.body.target.alongside, true);
    const token = new URL(referral.body.link).searchParams.get('token')!;

    const family = await createPerson({ roles: ['family'], displayName: 'Sahra', language: 'ar' });
    const asFamily = await signedInClient(app.url, family);
    assert.equal((await asFamily.get(`/referral-links/${token}`)).status, 200);
    const consent = await asFamily.post(`/referral-links/${token}/consent`, {
      version: REFERRAL_CONSENT_VERSION,
      stages: ['opened', 'enrolled', 'attended', 'left'],
    });
    assert.equal(consent.status, 200, JSON.stringify(consent.body));
    const asked = await asFamily.post<AlongsideRequestInfo>('/alongside/requests', {
      help: 'Tarvitsen apua päiväkotihakemukseen',
      helpLang: 'fi',
      languages: ['so', 'fi'],
    });
    assert.equal(asked.status, 201);
    const listed = (await coordinator.get<AlongsideRequestInfo[]>('/alongside/requests')).body;
    assert.equal(listed.find((r) => r.id === asked.body.id)?.partnerName, 'Vantaan perhekeskus');

    const stages = async () =>
      (await asPartner.get<ReferralPage>('/referrals')).body.referrals
        .find((r) => r.id === referral.body.id)!
        .stages.map((s) => s.stage);
    assert.deepEqual(await stages(), ['opened']);
    const volunteer = await qualifiedVolunteer(trainer.id);
    const paired = await coordinator.post<PairingInfo>(
      `/alongside/requests/${asked.body.id}/pair`,
      {
        volunteerId: volunteer.id,
      },
    );
    assert.equal(paired.status, 201);
    assert.deepEqual(await stages(), ['opened', 'enrolled']);
    const asVolunteer = await signedInClient(app.url, volunteer);
    await asVolunteer.post(`/alongside/pairings/${paired.body.id}/contacts`, {
      date: helsinkiDay(0, clock.now()),
      minutes: 15,
      kind: 'call',
      note: 'Päiväkotihakemus lähetetty',
    });
    assert.deepEqual(await stages(), ['opened', 'enrolled', 'attended']);
    await asFamily.post(`/alongside/pairings/${paired.body.id}/end`, {});
    assert.deepEqual(await stages(), ['opened', 'enrolled', 'attended', 'left']);
    // Nothing of what was said, or of who walked along, reaches the partner.
    const seen = JSON.stringify((await asPartner.get('/referrals')).body);
    for (const secret of ['Sahra', 'päiväkotihakemus', volunteer.displayName, family.id])
      assert.ok(!seen.toLowerCase().includes(secret.toLowerCase()), secret);
  });

  it('[along-1] a family withdraws a waiting request: it can no longer be paired, and they may ask again', async () => {
    const { asFamily, request } = await askFor('fi');
    assert.equal((await asFamily.post('/alongside/requests/not-an-id/withdraw')).status, 404);
    const other = await askFor('fi');
    const foreign = await other.asFamily.post(`/alongside/requests/${request.id}/withdraw`);
    assert.equal(foreign.status, 404, 'another family cannot withdraw it');
    assert.equal((await asFamily.post(`/alongside/requests/${request.id}/withdraw`)).status, 204);
    const volunteer = await qualifiedVolunteer(trainer.id);
    const paired = await coordinator.post(`/alongside/requests/${request.id}/pair`, {
      volunteerId: volunteer.id,
    });
    assert.equal(paired.status, 409);
    const again = await asFamily.post('/alongside/requests', {
      help: 'Uusi pyyntö',
      helpLang: 'fi',
      languages: ['fi'],
    });
    assert.equal(again.status, 201);
  });

  it('[along-3] the volunteer’s logged contacts and led sessions add up in the report; a pairing quiet for four weeks reaches the trainer once per quiet spell', async () => {
    const { request } = await askFor('fi');
    const volunteer = await qualifiedVolunteer(trainer.id, { displayName: 'Sami' });
    const paired = await coordinator.post<PairingInfo>(`/alongside/requests/${request.id}/pair`, {
      volunteerId: volunteer.id,
    });
    const pairingId = paired.body.id;
    const asVolunteer = await signedInClient(app.url, volunteer);
    const today = helsinkiDay(0, clock.now());
    const week = helsinkiDay(-7, clock.now());
    // The funder's report before: what this test adds must show up in it exactly.
    const reportFor = async (from: string, to: string) => {
      const res = await coordinator.get<ReportFigures>(`/report?from=${from}&to=${to}`);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body;
    };
    const hoursBefore = (await reportFor(week, today)).volunteers;
    for (const [minutes, kind] of [
      [40, 'call'],
      [25, 'message'],
    ] as const) {
      const res = await asVolunteer.post(`/alongside/pairings/${pairingId}/contacts`, {
        date: today,
        minutes,
        kind,
        note: 'Kela-hakemus eteni',
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
    const future = await asVolunteer.post(`/alongside/pairings/${pairingId}/contacts`, {
      date: helsinkiDay(2, clock.now()),
      minutes: 10,
      kind: 'call',
    });
    assert.equal(future.status, 400);
    // Another volunteer cannot log for this pairing.
    const other = await signedInClient(app.url, await qualifiedVolunteer(trainer.id));
    const foreign = await other.post(`/alongside/pairings/${pairingId}/contacts`, {
      date: today,
      minutes: 10,
      kind: 'call',
    });
    assert.equal(foreign.status, 404);

    // The volunteer also led a family group's session last week: their hours add up in the report.
    const staff = { coordinator, facilitator: volunteer, trainer };
    const group = await createGroup(staff, {
      schedule: {
        frequency: 'weekly',
        weekday: weekdayOf(week),
        startDate: week,
        startTime: '17:00',
        durationMinutes: 90,
        count: 1,
      },
    });
    const member = await createPerson({ roles: ['family'] });
    const enrolled = await (
      await signedInClient(app.url, member)
    ).post(`/groups/${group.id}/enrolments`, { acceptRules: group.rulesVersion });
    assert.equal(enrolled.status, 201);
    const [held] = (await coordinator.get<UpcomingSession[]>(`/groups/${group.id}/sessions`)).body;
    const marked = await coordinator.put(`/sessions/${held!.id}/attendance`, {
      entries: [{ personId: member.id, present: true }],
    });
    assert.equal(marked.status, 200);
    const report = (await reportFor(week, today)).volunteers;
    assert.equal(report.alongsideMinutes - hoursBefore.alongsideMinutes, 65);
    assert.equal(report.sessionMinutes - hoursBefore.sessionMinutes, 90);
    assert.equal(report.totalMinutes - hoursBefore.totalMinutes, 65 + 90);

    const asTrainer = await new ApiClient(app.url, 'sv').signIn(trainer);
    const load = async () =>
      (await asTrainer.get<VolunteerLoad[]>('/alongside/volunteers')).body.find(
        (l) => l.volunteerId === volunteer.id,
      )!;
    const before = await load();
    assert.equal(before.activePairings, 1);
    assert.equal(before.minutesThisYear, 65);
    assert.deepEqual(before.quietPairings, []);

    const sweep = new QuietPairings({
      clock,
      mailer: createMailer({ smtpUrl: undefined, from: 'test', log: pino({ level: 'silent' }) }),
      log: pino({ level: 'silent' }),
      publicUrl: app.url,
    });
    const quietNotices = () =>
      Notification.countDocuments({ personId: trainer.id, kind: 'alongside-quiet' });
    const start = clock.now();
    try {
      clock.set(new Date(start.getTime() + 27 * DAY));
      await sweep.runDue();
      assert.equal(await quietNotices(), 0, 'not yet four weeks');
      clock.set(new Date(start.getTime() + 29 * DAY));
      await Promise.all([sweep.runDue(), sweep.runDue()]);
      await sweep.runDue();
      assert.equal(await quietNotices(), 1, 'raised once');
      assert.equal((await load()).quietPairings.length, 1);
      // The trainer reads it in their own language (Swedish), naming the volunteer.
      const notice = (await asTrainer.get<NotificationInfo[]>('/notifications')).body.find(
        (n) => n.kind === 'alongside-quiet',
      )!;
      const sv = (locale('sv', 'email').notice as Record<string, string>).alongsideQuiet_other!;
      assert.equal(notice.text, sv.replace('{{volunteer}}', 'Sami').replace('{{count}}', '28'));
      // A new contact starts the clock again; a second quiet spell is raised again, once.
      const res = await asVolunteer.post(`/alongside/pairings/${pairingId}/contacts`, {
        date: helsinkiDay(0, clock.now()),
        minutes: 20,
        kind: 'video',
      });
      assert.equal(res.status, 201);
      assert.deepEqual((await load()).quietPairings, []);
      clock.set(new Date(start.getTime() + 60 * DAY));
      await sweep.runDue();
      await sweep.runDue();
      assert.equal(await quietNotices(), 2);
    } finally {
      clock.set(start);
      await sweep.stop();
    }
  });
});
