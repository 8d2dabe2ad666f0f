// Referrals that follow through with the family's consent, the partner's reminder, and the
// partner's view of their region's reach: aggregates only, small cells hidden, no family ever.
import assert from 'node:assert/strict';
import pino from 'pino';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { TestClock } from '../../test/support/clock.ts';
import {
  createGroup,
  createStaff,
  helsinkiDay,
  type GroupStaff,
} from '../../test/support/groups.ts';
import { locale } from '../../test/support/locales.ts';
import {
  ApiClient,
  createPerson,
  signedInClient,
  type ApiResponse,
  type TestPerson,
} from '../../test/support/people.ts';
import { createMailer } from '../mail/mailer.ts';
import { OutboxMessage } from '../mail/outbox.model.ts';
import type {
  GroupDetail,
  NotificationInfo,
  Region,
  Topic,
  UpcomingSession,
} from '../protocol/groups.ts';
import type { PartnerOrganisationInfo, PartnerReach } from '../protocol/partners.ts';
import {
  REFERRAL_CONSENT_VERSION,
  type MyReferralInfo,
  type ReferralInfo,
  type ReferralPage,
  type ReferralLinkInfo,
} from '../protocol/referrals.ts';
import { Notification } from '../reminders/notification.model.ts';
import { Referral } from './referral.model.ts';
import { suppressed } from '../partners/reach.ts';
import { ReferralReminders } from './reminders.ts';
import { REFERRAL_PAGE_SIZE } from './views.ts';

/** A partner's client that keeps every answer, to scan them all for families' traces. */
class RecordingClient extends ApiClient {
  readonly seen: string[] = [];
  override async request<T>(method: string, path: string, body?: unknown) {
    const res: ApiResponse<T> = await super.request<T>(method, path, body);
    this.seen.push(JSON.stringify(res.body));
    return res;
  }
}

describe('referrals and partners’ figures', function () {
  this.timeout(180_000);
  let app: TestApp;
  let staff: GroupStaff;
  let partner: TestPerson;
  let asPartner: RecordingClient;
  let organisation: PartnerOrganisationInfo;
  const families: TestPerson[] = [];

  const tokenOf = (referral: ReferralInfo) => new URL(referral.link).searchParams.get('token')!;
  const refer = async (body: Record<string, unknown>) => {
    const res = await asPartner.post<ReferralInfo>('/referrals', {
      reference: `CASE-${families.length}-${Date.now() % 1000}`,
      language: 'ar',
      familyConsented: true,
      ...body,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  };
  const listed = async (id: string) =>
    (await asPartner.get<ReferralPage>('/referrals')).body.referrals.find((r) => r.id === id)!;
  const family = async (name: string) => {
    const person = await createPerson({ roles: ['family'], displayName: name, language: 'ar' });
    families.push(person);
    return person;
  };
  const enrol = async (client: ApiClient, group: GroupDetail) => {
    const res = await client.post(`/groups/${group.id}/enrolments`, {
      acceptRules: group.rulesVersion,
    });
    assert.ok([200, 201].includes(res.status), JSON.stringify(res.body));
  };
  const firstSession = async (group: GroupDetail) =>
    (await staff.coordinator.get<UpcomingSession[]>(`/groups/${group.id}/sessions`)).body[0]!;
  /** These families were at the group's first session (the facilitator's attendance list). */
  const attended = async (group: GroupDetail, people: TestPerson[]) => {
    const session = await firstSession(group);
    const entries = people.map((p) => ({ personId: p.id, present: true }));
    const res = await staff.coordinator.put(`/sessions/${session.id}/attendance`, { entries });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  };
  const regionalGroup = (topic: Topic, region: Region = 'pirkanmaa') =>
    createGroup(staff, {
      region,
      topics: [topic],
      capacity: 12,
      schedule: {
        frequency: 'weekly',
        weekday: 'mo',
        startDate: helsinkiDay(-14),
        startTime: '18:00',
        durationMinutes: 90,
        count: 6,
      },
    });

  before(async () => {
    app = await startTestApp({ label: 'referrals' });
    staff = await createStaff(app.url);
    organisation = (
      await staff.coordinator.post<PartnerOrganisationInfo>('/partners', {
        name: 'Pirkanmaan hyvinvointialue, perhekeskus',
        partnerKind: 'wellbeing-county',
        region: 'pirkanmaa',
        languagesServed: ['fi', 'ar'],
      })
    ).body;
    partner = await createPerson({ roles: ['partner'], organisationId: organisation.id });
    asPartner = await new RecordingClient(app.url, 'ar').signIn(partner);
  });
  after(() => app?.close());

  it('[partner-1] the partner sees only the stages the family allowed, and after withdrawal only that', async () => {
    const group = await regionalGroup('small-children');
    const familyEmail = 'noor.family@test.rinnalla.fi';
    const referral = await refer({ groupId: group.id, familyEmail });
    assert.equal(referral.target.groupId, group.id);
    // The family got the link by email, in Arabic; the address was not kept.
    const mail = await OutboxMessage.findOne({ to: familyEmail, template: 'referralLink' }).lean();
    const arEmail = locale('ar', 'email').referralLink as Record<string, string>;
    assert.equal(mail?.subject, arEmail.subject!.replaceAll('{{organisation}}', organisation.name));
    assert.deepEqual(mail?.links, [referral.link]);
    const stored = await Referral.findById(referral.id).lean();
    assert.ok(!JSON.stringify(stored).includes(familyEmail), 'the address is not stored');
    const invalid = await asPartner.post('/referrals', {
      reference: 'X-1',
      language: 'ar',
      familyEmail: 'not an address',
      familyConsented: true,
    });
    assert.equal(invalid.status, 400);
    assert.equal((await listed(referral.id)).consent, 'pending');

    // The family opens the link in Arabic: the partner's organisation and the group, in Arabic.
    const noor = await family('نور');
    const asNoor = await new ApiClient(app.url, 'ar').signIn(noor);
    const opened = await asNoor.get<ReferralLinkInfo>(`/referral-links/${tokenOf(referral)}`);
    assert.equal(opened.status, 200);
    assert.equal(opened.body.organisationName, organisation.name);
    assert.equal(opened.body.target.groupTitle, 'الحياة اليومية بين ثقافتين');
    assert.deepEqual((await listed(referral.id)).stages, [], 'nothing before consent');

    // A consent of another version, or with an unknown stage, is refused and changes nothing.
    for (const bad of [
      { version: 'old', stages: ['opened'] },
      { version: REFERRAL_CONSENT_VERSION, stages: ['messages'] },
    ]) {
      const refused = await asNoor.post(`/referral-links/${tokenOf(referral)}/consent`, bad);
      assert.equal(refused.status, 400);
      assert.equal(
        (refused.body as { error?: { message?: string } }).error?.message,
        locale('ar', 'errors').invalid,
      );
    }
    assert.equal((await listed(referral.id)).consent, 'pending');

    // The link proves nothing of who holds it (the partner saw it too): sharing needs the
    // family's own account. Signed out, or as the partner, it is refused.
    const share = { version: REFERRAL_CONSENT_VERSION, stages: ['opened', 'enrolled'] };
    for (const client of [new ApiClient(app.url, 'ar'), asPartner]) {
      const refused = await client.post(`/referral-links/${tokenOf(referral)}/consent`, share);
      assert.equal(refused.status, 401);
      assert.equal(
        (refused.body as { error?: { message?: string } }).error?.message,
        (locale('ar', 'errors').referral as Record<string, string>).signInToShare,
      );
    }
    assert.equal((await listed(referral.id)).consent, 'pending');

    // Allowed: opened, enrolled, attended — not "signed up", not "no longer taking part".
    const consent = await asNoor.post<ReferralLinkInfo>(
      `/referral-links/${tokenOf(referral)}/consent`,
      { version: REFERRAL_CONSENT_VERSION, stages: ['opened', 'enrolled', 'attended'] },
    );
    assert.equal(consent.status, 200, JSON.stringify(consent.body));
    assert.equal(consent.body.consent, 'given');
    await enrol(asNoor, group);
    await attended(group, [noor]);
    const followed = await listed(referral.id);
    assert.equal(followed.consent, 'given');
    assert.deepEqual(
      followed.stages.map((s) => s.stage),
      ['opened', 'enrolled', 'attended'],
    );

    // She leaves the group: "no longer taking part" was not allowed, so it does not show.
    await asNoor.delete(`/groups/${group.id}/enrolments/me`);
    assert.deepEqual(
      (await listed(referral.id)).stages.map((s) => s.stage),
      ['opened', 'enrolled', 'attended'],
    );

    // Her own page lists the referral; she withdraws: the partner sees only that.
    const mine = (await asNoor.get<MyReferralInfo[]>('/me/referrals')).body;
    assert.deepEqual(
      mine.map((r) => [r.organisationName, r.consent]),
      [[organisation.name, 'given']],
    );
    const stranger = await signedInClient(app.url, await family('Stranger family'));
    assert.equal((await stranger.post(`/me/referrals/${referral.id}/withdraw`)).status, 404);
    assert.equal((await asNoor.post(`/me/referrals/${referral.id}/withdraw`)).status, 204);
    const withdrawn = await listed(referral.id);
    assert.equal(withdrawn.consent, 'withdrawn');
    assert.deepEqual(withdrawn.stages, []);
  });

  it('[partner-1] a referral the family has not answered in 14 days reminds its holder once, in the app and by email', async () => {
    const clock = new TestClock();
    const log = pino({ level: 'silent' });
    const sweep = () =>
      new ReferralReminders({
        clock,
        log,
        publicUrl: app.url,
        mailer: createMailer({ smtpUrl: undefined, from: 'test', log }),
      }).runDue();
    const waiting = await refer({ groupLanguage: 'ar', region: 'pirkanmaa' });
    const answered = await refer({ groupLanguage: 'so' });
    await new ApiClient(app.url).post(`/referral-links/${tokenOf(answered)}/consent`, {
      version: REFERRAL_CONSENT_VERSION,
      stages: [],
    });
    const emails = () =>
      OutboxMessage.find({ to: partner.email, template: 'referralReminder' }).lean();

    clock.set(new Date(Date.now() + 13 * 86_400_000));
    await sweep();
    assert.equal((await emails()).length, 0, 'not yet after 13 days');
    clock.set(new Date(Date.now() + 15 * 86_400_000));
    await Promise.all([sweep(), sweep()]);
    await sweep();
    const sent = await emails();
    assert.equal(sent.length, 1, 'one email, for the unanswered referral only');
    assert.ok(sent[0]?.subject.includes(waiting.reference), sent[0]?.subject);
    assert.equal(
      await Notification.countDocuments({ personId: partner.id, kind: 'referral-reminder' }),
      1,
    );
    const notice = (await asPartner.get<NotificationInfo[]>('/notifications')).body.find(
      (n) => n.kind === 'referral-reminder',
    );
    assert.equal(notice?.link, '/referrals');
    assert.ok(notice?.text.includes(waiting.reference), notice?.text);
    assert.ok((await listed(waiting.id)).remindedAt);
    assert.equal((await listed(answered.id)).remindedAt, null);
  });

  it('[partner-4] a region’s figures for partners: a cell of 3 people is suppressed, and no partner response carries a family', async () => {
    // Three groups in Pirkanmaa: 6, 3 and 5 families at their first session; one elsewhere.
    const sizes: [Topic, number][] = [
      ['fathers', 6],
      ['mothers', 3],
      ['teenagers', 5],
    ];
    for (const [topic, size] of sizes) {
      const group = await regionalGroup(topic);
      const members: TestPerson[] = [];
      for (let i = 0; i < size; i++) {
        const person = await family(`${topic} ${i}`);
        await enrol(await signedInClient(app.url, person), group);
        members.push(person);
      }
      await attended(group, members);
    }
    const elsewhere = await regionalGroup('school-age', 'lappi');
    const lapland = await family('Lapland family');
    await enrol(await signedInClient(app.url, lapland), elsewhere);
    await attended(elsewhere, [lapland]);

    const year = helsinkiDay(0).slice(0, 4);
    const query = `from=${year}-01-01&to=${helsinkiDay(30)}`;
    let reach = await asPartner.get<PartnerReach>(`/partners/reach?${query}`);
    for (let i = 0; i < 20 && !reach.body.byTopic?.length; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250)); // counted in the background
      reach = await asPartner.get<PartnerReach>(`/partners/reach?${query}`);
    }
    assert.equal(reach.status, 200, JSON.stringify(reach.body));
    assert.equal(reach.body.region, 'pirkanmaa');
    const topic = (key: string) => reach.body.byTopic.find((r) => r.key === key);
    assert.equal(topic('fathers')?.uniqueFamilies, 6);
    assert.equal(topic('mothers')?.uniqueFamilies, null, 'three people: suppressed');
    assert.equal(topic('mothers')?.suppressed, true);
    // Two cells hidden (the first test's group had one family): 5 shows.
    assert.equal(topic('small-children')?.suppressed, true);
    assert.equal(topic('teenagers')?.uniqueFamilies, 5);
    // Were one cell alone hidden, the next smallest would be too: it could be worked out.
    const row = (key: string, n: number) => ({
      key,
      sessionsHeld: 1,
      attendances: n,
      uniqueFamilies: n,
    });
    assert.deepEqual(
      suppressed([row('a', 6), row('b', 3), row('c', 5)]).map((r) => r.uniqueFamilies),
      [6, null, null],
    );
    assert.equal(topic('school-age'), undefined, 'another region is not counted');
    assert.ok((reach.body.totals.uniqueFamilies ?? 0) >= 14);

    // Nothing else of the family side for the partner; every answer scanned for a family.
    const asFamily = await signedInClient(app.url, families[0]!);
    assert.equal((await asFamily.get('/partners/reach?' + query)).status, 403);
    await asPartner.get('/referrals');
    await asPartner.get('/partners');
    const everything = asPartner.seen.join('\n');
    for (const person of [...families, lapland]) {
      assert.ok(!everything.includes(person.id), `a family's id in a partner response`);
      assert.ok(!everything.includes(person.email), `a family's email in a partner response`);
      assert.ok(!everything.includes(person.displayName), `a family's name in a partner response`);
    }
    assert.equal(await Referral.countDocuments({ organisationId: organisation.id }), 3);
  });

  it('[partner-1] a partner’s referrals come a page at a time, newest first', async () => {
    const before = (await asPartner.get<ReferralPage>('/referrals')).body.referrals.length;
    for (let i = before; i <= REFERRAL_PAGE_SIZE; i += 1) await refer({ groupLanguage: 'fi' });
    const first = (await asPartner.get<ReferralPage>('/referrals')).body;
    assert.equal(first.referrals.length, REFERRAL_PAGE_SIZE);
    assert.ok(first.nextCursor);
    const rest = (await asPartner.get<ReferralPage>(`/referrals?cursor=${first.nextCursor}`)).body;
    assert.equal(rest.nextCursor, null);
    const all = [...first.referrals, ...rest.referrals];
    assert.equal(new Set(all.map((r) => r.id)).size, REFERRAL_PAGE_SIZE + 1);
    const created = all.map((r) => r.createdAt);
    assert.deepEqual(created, [...created].sort().reverse(), 'newest first');
    assert.equal((await asPartner.get('/referrals?cursor=nonsense')).status, 400);
  });
});
