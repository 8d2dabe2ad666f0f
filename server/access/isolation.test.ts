// [acct-2] Nobody reaches other people's data with ids guessed or taken from elsewhere.
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import {
  ApiClient,
  createOrganisation,
  createPerson,
  signedInClient,
  type TestPerson,
} from '../../test/support/people.ts';
import type { ReferralInfo, ReferralPage } from '../protocol/referrals.ts';
import { PRIVACY_NOTICE_VERSION, type PersonSummary } from '../protocol/api.ts';

describe('[acct-2] isolation between people', function () {
  this.timeout(60_000);
  let app: TestApp;
  let familyA: TestPerson;
  let familyB: TestPerson;
  let trainer: TestPerson;
  let otherTrainer: TestPerson;
  let facilitator: TestPerson;
  let othersFacilitator: TestPerson;
  let partnerA: TestPerson;
  let partnerB: TestPerson;

  before(async () => {
    app = await startTestApp({ label: 'acct2' });
    const [orgA, orgB] = [await createOrganisation('partner'), await createOrganisation('partner')];
    familyA = await createPerson({ roles: ['family'] });
    familyB = await createPerson({ roles: ['family'] });
    trainer = await createPerson({ roles: ['trainer'] });
    otherTrainer = await createPerson({ roles: ['trainer'] });
    facilitator = await createPerson({ roles: ['facilitator'], supervisorId: trainer.id });
    othersFacilitator = await createPerson({
      roles: ['facilitator'],
      supervisorId: otherTrainer.id,
    });
    partnerA = await createPerson({ roles: ['partner'], organisationId: orgA });
    partnerB = await createPerson({ roles: ['partner'], organisationId: orgB });
  });
  after(() => app?.close());

  it('[acct-2] a family cannot read or change another family', async () => {
    const a = await signedInClient(app.url, familyA);
    assert.equal((await a.get(`/people/${familyB.id}`)).status, 404);
    assert.equal((await a.get(`/people/${familyA.id}`)).status, 200, 'but sees itself');
    assert.equal((await a.get('/people')).status, 403);
    assert.equal((await a.put(`/people/${familyB.id}/roles`, { roles: [] })).status, 403);
    // /me is always the signed-in person: an id in the body is refused, not obeyed.
    const sneaky = await a.patch('/me', { id: familyB.id, displayName: 'Hijacked' });
    assert.equal(sneaky.status, 400);
    const b = await signedInClient(app.url, familyB);
    assert.equal(
      (await b.get<{ displayName: string }>('/me')).body.displayName,
      familyB.displayName,
    );
    const exported = JSON.stringify((await a.get('/me/export')).body);
    assert.ok(exported.includes(familyA.email));
    assert.ok(!exported.includes(familyB.email), 'the export holds nobody else');
  });

  it('[acct-2] a facilitator sees no other people; a trainer only the facilitators they supervise', async () => {
    const f = await signedInClient(app.url, facilitator);
    assert.equal((await f.get('/people')).status, 403);
    assert.equal((await f.get(`/people/${othersFacilitator.id}`)).status, 404);
    assert.equal((await f.get(`/people/${familyA.id}`)).status, 404);

    const t = await signedInClient(app.url, trainer);
    const visible = (await t.get<PersonSummary[]>('/people')).body.map((p) => p.id);
    assert.deepEqual(visible, [facilitator.id]);
    assert.equal((await t.get(`/people/${facilitator.id}`)).status, 200);
    assert.equal((await t.get(`/people/${othersFacilitator.id}`)).status, 404);
    assert.equal((await t.get(`/people/${familyA.id}`)).status, 404);
    assert.equal((await t.get('/people?role=family')).body.length, 0);
  });

  it('[acct-2] a partner sees only its own referrals and no people or group content', async () => {
    const pa = await signedInClient(app.url, partnerA);
    const pb = await signedInClient(app.url, partnerB);
    const created = await pa.post<ReferralInfo>('/referrals', {
      reference: 'ASIA-123',
      language: 'fi',
      familyConsented: true,
    });
    assert.equal(created.status, 201);
    assert.match(created.body.link, /\/referral\?token=/);
    assert.deepEqual(
      (await pb.get<ReferralPage>('/referrals')).body.referrals.map((r) => r.id),
      [],
      "another organisation's partner sees none of them",
    );
    const own = (await pa.get<ReferralPage>('/referrals')).body.referrals;
    assert.deepEqual(
      own.map((r) => [r.reference, r.consent, r.link]),
      [['ASIA-123', 'pending', '']],
      'the list shows status, never the link again',
    );
    for (const path of [
      '/people',
      `/people/${familyA.id}`,
      '/audit',
      '/invitations',
      '/dev/outbox',
    ]) {
      assert.ok([403, 404].includes((await pa.get(path)).status), path);
    }
  });

  it('[acct-2] a referred family shows up to the partner only as the stages they allowed', async () => {
    const pa = await signedInClient(app.url, partnerA);
    const referral = (
      await pa.post<ReferralInfo>('/referrals', {
        reference: 'ASIA-456',
        language: 'ar',
        familyConsented: true,
      })
    ).body;
    const token = new URL(referral.link).searchParams.get('token');
    const signUp = await new ApiClient(app.url).post('/auth/sign-up', {
      email: 'referred-family@test.rinnalla.fi',
      password: 'a long enough passphrase',
      displayName: 'Noor',
      language: 'ar',
      acceptPrivacy: PRIVACY_NOTICE_VERSION,
      referral: token,
    });
    assert.equal(signUp.status, 202);
    const listed = (await pa.get<ReferralPage>('/referrals')).body.referrals.find(
      (r) => r.id === referral.id,
    );
    // Signed up without answering the consent question: the partner sees that it waits, no stage.
    assert.equal(listed?.consent, 'pending');
    assert.deepEqual(listed?.stages, []);
    assert.ok(
      !JSON.stringify(listed).includes('Noor') &&
        !JSON.stringify(listed).includes('referred-family'),
    );
  });
});
