// [acct-5] "Delete my account" leaves nothing of the person in any collection.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { createGroup, createStaff, helsinkiDay, weekdayOf } from '../../test/support/groups.ts';
import { testRunner } from '../../test/support/runner.ts';
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
});
