// [acct-5] "Delete my account" leaves nothing of the person in any collection: neither of a
// person who only signed up, nor of one who did a bit of everything (test/support/activity.ts);
// what stays stays as the product promises (account.json's deleteAccount), pointing at nobody.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { createGroup, createStaff, helsinkiDay, weekdayOf } from '../../test/support/groups.ts';
import { testRunner } from '../../test/support/runner.ts';
import { activity } from '../../test/support/activity.ts';
import type { EnrolmentInfo, UpcomingSession } from '../protocol/groups.ts';
import {
  ApiClient,
  createOrganisation,
  createPerson,
  signedInClient,
} from '../../test/support/people.ts';
import type { ReferralInfo, ReferralPage } from '../protocol/referrals.ts';
import { PRIVACY_NOTICE_VERSION, type SessionInfo } from '../protocol/api.ts';

async function everyDocument(): Promise<Record<string, string>> {
  const db = mongoose.connection.db;
  assert.ok(db);
  const dump: Record<string, string> = {};
  for (const { name } of await db.listCollections().toArray()) {
    dump[name] = JSON.stringify(await db.collection(name).find().toArray());
  }
  return dump;
}

describe('[acct-5] erasure', function () {
  this.timeout(60_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ label: 'acct5' });
  });
  after(() => app?.close());

  it('[acct-5] deleting my account leaves no email, name or id of mine in any collection', async () => {
    // A family referred by a partner, who signs up, verifies, fills in a profile, exports its data.
    const partner = await signedInClient(
      app.url,
      await createPerson({
        roles: ['partner'],
        organisationId: await createOrganisation('partner'),
      }),
    );
    const referral = (
      await partner.post<ReferralInfo>('/referrals', {
        reference: 'K-77',
        language: 'fi',
        familyConsented: true,
      })
    ).body;
    const email = 'zuleikha.erasure@test.rinnalla.fi';
    const displayName = 'Zuleikha-Qx7';
    const family = new ApiClient(app.url);
    const password = 'my family passphrase';
    await family.post('/auth/sign-up', {
      email,
      password,
      displayName,
      language: 'fi',
      acceptPrivacy: PRIVACY_NOTICE_VERSION,
      referral: new URL(referral.link).searchParams.get('token'),
    });
    const verifyLink = (
      await mongoose.connection.collection('outbox_messages').findOne({ to: email })
    )?.links[0] as string;
    await family.post('/auth/verify-email', {
      token: new URL(verifyLink).searchParams.get('token'),
    });
    const session = await family.post<SessionInfo>('/auth/sign-in', { email, password });
    family.csrfToken = session.body.csrfToken;
    const id = session.body.person?.id ?? '';
    assert.match(id, /^[a-f0-9]{24}$/);
    await family.patch('/me', {
      languagesSpoken: ['fi', 'ar', 'so'],
      municipality: 'Kajaani',
      childrenAgeRanges: ['3-6'],
    });
    const exported = await family.get<Record<string, unknown>>('/me/export');
    assert.equal(exported.status, 200);
    assert.ok(
      ['profile', 'consents', 'sessions', 'emails', 'auditLog', 'referral'].every(
        (k) => k in exported.body,
      ),
    );
    await family.post('/auth/password-reset', { email });

    const traces = (dump: Record<string, string>) =>
      Object.entries(dump).flatMap(([name, json]) =>
        [email, displayName, id, 'Kajaani']
          .filter((needle) => json.includes(needle))
          .map((needle) => `${name}: ${needle}`),
      );
    assert.ok(
      traces(await everyDocument()).length >= 5,
      'the person is all over the database before',
    );

    const wrong = await family.delete('/me', { password: 'not my password' });
    assert.equal(wrong.status, 400);
    assert.equal((await family.delete('/me', { password })).status, 204);

    assert.deepEqual(traces(await everyDocument()), []);
    // What may stay stays, without the person: the partner's referral status and the audit trail.
    const [status] = (await partner.get<ReferralPage>('/referrals')).body.referrals;
    assert.equal(status?.consent, 'pending');
    assert.equal(
      await mongoose.connection
        .collection('audit_entries')
        .countDocuments({ action: 'account.erased' }),
      1,
    );
    assert.equal((await family.get('/me')).status, 401);
    assert.equal(
      (await new ApiClient(app.url).post('/auth/sign-in', { email, password })).status,
      401,
    );
  });

  it('[acct-5] erasing an enrolled family frees its place, keeps attendance only as an anonymous count', async () => {
    const staff = await createStaff(app.url);
    const past = helsinkiDay(-14);
    const group = await createGroup(staff, {
      capacity: 2,
      schedule: {
        frequency: 'weekly',
        weekday: weekdayOf(past),
        startDate: past,
        startTime: '18:00',
        durationMinutes: 60,
        count: 4,
      },
    });
    const leaving = await createPerson({ roles: ['family'], displayName: 'Yasmin-Erase-Me' });
    const staying = await createPerson({ roles: ['family'] });
    const waiting = await createPerson({ roles: ['family'] });
    const leavingClient = await signedInClient(app.url, leaving);
    await leavingClient.post(`/groups/${group.id}/enrolments`, { acceptRules: group.rulesVersion });
    for (const family of [staying, waiting]) {
      const client = await signedInClient(app.url, family);
      await client.post(`/groups/${group.id}/enrolments`, { acceptRules: group.rulesVersion });
    }
    const facilitator = await signedInClient(app.url, staff.facilitator);
    const [held] = (await facilitator.get<UpcomingSession[]>(`/groups/${group.id}/sessions`)).body;
    await facilitator.put(`/sessions/${held?.id}/attendance`, {
      entries: [{ personId: leaving.id, present: true }],
    });
    await testRunner(app.url).runDue(); // notices and reminders exist for the person too

    assert.equal((await leavingClient.delete('/me', { password: leaving.password })).status, 204);

    const dump = await everyDocument();
    const traces = Object.entries(dump).flatMap(([name, json]) =>
      [leaving.email, leaving.displayName, leaving.id]
        .filter((needle) => json.includes(needle))
        .map((needle) => `${name}: ${needle}`),
    );
    assert.deepEqual(traces, []);
    const roster = (await facilitator.get<EnrolmentInfo[]>(`/groups/${group.id}/enrolments`)).body;
    assert.deepEqual(
      roster.map((e) => [e.personId, e.status]),
      [
        [staying.id, 'confirmed'],
        [waiting.id, 'confirmed'],
      ],
      'the waitlisted family got the place',
    );
    const attendance = await mongoose.connection
      .collection('attendance')
      .find({ sessionId: new mongoose.Types.ObjectId(held?.id) })
      .toArray();
    assert.equal(attendance.filter((a) => a.present).length, 1, 'the attendance still counts');
  });
  it('[acct-5] erasing a person who chatted, reported, applied, enrolled, attended, was referred and walked alongside: every trace gone or anonymised', async () => {
    const act = await activity(app.url);
    const { subject } = act;
    const db = mongoose.connection;
    const personId = new mongoose.Types.ObjectId(subject.id);
    const familySession = new mongoose.Types.ObjectId(act.family.sessionId);
    const familyChannel = `group:${act.family.group.id}`;
    const tag = subject.displayName.replace('Saana-', '');
    // What the person wrote or gave about themselves (activity.ts), beside who they are.
    const needles = [
      subject.id,
      subject.email,
      subject.displayName,
      act.pauseNote,
      'Voisiko ohjaaja kertoa lisää?',
      'Saisinko työnohjausta ensi viikolla?',
      'Kysyn aina luvan ennen kuin kerron.',
      '+358 40 123 4567',
      'Haluan tukea muita kahden kulttuurin perheitä.',
      `Kela-hakemus ${tag}`,
      `Neuvola ${tag}`,
      `Kalliontie ${tag}`,
      `Soitto ${tag}`,
    ];
    const traces = async () =>
      Object.entries(await everyDocument()).flatMap(([name, json]) =>
        needles.filter((needle) => json.includes(needle)).map((needle) => `${name}: ${needle}`),
      );
    const before = await traces();
    assert.deepEqual(
      needles.filter((needle) => !before.some((trace) => trace.endsWith(`: ${needle}`))),
      [],
      'every needle is in the database before (else its absence after proves nothing)',
    );
    const count = (collection: string, filter: Record<string, unknown>) =>
      db.collection(collection).countDocuments(filter);
    const familyMessages = await count('chat_messages', { channelId: familyChannel });
    const reports = await count('chat_reports', {});
    const present = await count('attendance', { sessionId: familySession, present: true });
    assert.equal(await count('enrolments', { personId }), 1, 'enrolled before');
    assert.equal(await count('volunteer_applications', { personId }), 1, 'applied before');
    assert.equal(await count('referrals', { familyId: personId }), 1, 'referred before');
    assert.ok(await count('chat_reports', { reporterId: personId }), 'reported before');
    assert.ok(await count('attendance', { personId, present: true }), 'attended before');
    const erasures = await count('audit_entries', { action: 'account.erased' });

    for (const socket of act.sockets.splice(0)) socket.disconnect();
    const erased = await act.client.delete('/me', { password: subject.password });
    assert.equal(erased.status, 204, JSON.stringify(erased.body));

    assert.deepEqual(await traces(), [], 'nothing of the person, in any collection');
    // Gone: the enrolment (its place freed), the application, the walk-alongside request.
    assert.equal(await count('enrolments', { personId }), 0);
    const facilitator = await signedInClient(app.url, act.staff.facilitator);
    const roster = await facilitator.get<EnrolmentInfo[]>(
      `/groups/${act.family.group.id}/enrolments`,
    );
    assert.equal(roster.status, 200);
    assert.ok(!roster.body.some((e) => e.personId === subject.id), 'no longer on the roster');
    assert.equal(await count('volunteer_applications', { personId }), 0);
    // Anonymised, as promised: their messages stay in the thread as "—", the others' intact.
    assert.equal(await count('chat_messages', { channelId: familyChannel }), familyMessages);
    const thread = await db
      .collection('chat_messages')
      .find({ channelId: familyChannel })
      .toArray();
    assert.ok(
      thread.some((m) => m.text === 'Meillä puhutaan kotona kolmea kieltä.'),
      "the other family's message stays",
    );
    assert.ok(
      thread.some((m) => m.senderId === null && m.senderName === '—' && m.text === '—'),
      'their own message stays only as a dash',
    );
    // Reports stay for the moderators (the one they made, the one about their words), nameless.
    assert.equal(await count('chat_reports', {}), reports);
    assert.equal(await count('chat_reports', { reporterId: null }), 1);
    assert.equal(await count('chat_reports', { senderId: null, textAtReport: '—' }), 1);
    // Attendance only as an anonymous count.
    assert.equal(
      await count('attendance', { sessionId: familySession, present: true }),
      present,
      'the attendance still counts',
    );
    // The partner still sees their referral, signed up, but not who it was.
    const referral = await db.collection('referrals').findOne({ reference: `K-${tag}` });
    assert.equal(referral?.status, 'signed-up');
    assert.equal(referral?.familyId ?? null, null);
    // The session report they filed as co-facilitator stays for the organisation, authorless.
    assert.equal(await count('session_reports', { authorId: personId }), 0);
    assert.equal(await count('audit_entries', { action: 'account.erased' }), erasures + 1);
    const { email, password } = subject;
    assert.equal(
      (await new ApiClient(app.url).post('/auth/sign-in', { email, password })).status,
      401,
      'the account is gone',
    );
  });
});
