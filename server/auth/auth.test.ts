// Sign-up, verification, sign-in, sign-out (here and everywhere), password reset, CSRF, and
// invitations — through the real routes, with emails read from the outbox.
import assert from 'node:assert/strict';
import { Person } from '../people/person.model.ts';
import { backgroundSettled } from '../platform/afterResponse.ts';
import mongoose from 'mongoose';
import { io as connect } from 'socket.io-client';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import {
  ApiClient,
  createOrganisation,
  createPerson,
  signedInClient,
} from '../../test/support/people.ts';
import { PRIVACY_NOTICE_VERSION, type InvitationInfo, type SessionInfo } from '../protocol/api.ts';

async function lastLink(to: string, path: string): Promise<string> {
  await backgroundSettled(); // a reset's email follows its answer
  const message = await mongoose.connection
    .collection('outbox_messages')
    .find({ to })
    .sort({ sentAt: -1 })
    .limit(1)
    .next();
  const link = (message?.links as string[] | undefined)?.find((l) => new URL(l).pathname === path);
  assert.ok(link, `an email to ${to} with a ${path} link`);
  return link;
}
const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? '';

describe('accounts: sign-up, sign-in and sessions', function () {
  this.timeout(60_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ label: 'auth' });
  });
  after(() => app?.close());

  it('signs up, verifies the email from the outbox in the chosen language, then signs in', async () => {
    const client = new ApiClient(app.url, 'sv');
    const email = 'Perhe.Uusi@Test.Rinnalla.fi';
    const signUp = await client.post('/auth/sign-up', {
      email,
      password: 'tio tecken minst',
      displayName: 'Maria',
      language: 'sv',
      acceptPrivacy: PRIVACY_NOTICE_VERSION,
    });
    assert.equal(signUp.status, 202);
    const refused = await client.post<{ error: { code: string } }>('/auth/sign-in', {
      email,
      password: 'tio tecken minst',
    });
    assert.equal(refused.body.error.code, 'auth.emailNotVerified');
    const message = await mongoose.connection
      .collection('outbox_messages')
      .findOne({ to: email.toLowerCase() });
    assert.match(String(message?.subject), /Bekräfta/, 'the email is in Swedish');
    const verify = await client.post('/auth/verify-email', {
      token: tokenOf(await lastLink(email.toLowerCase(), '/verify-email')),
    });
    assert.equal(verify.status, 200);
    const signIn = await client.post<SessionInfo>('/auth/sign-in', {
      email,
      password: 'tio tecken minst',
    });
    assert.equal(signIn.status, 200);
    assert.equal(signIn.body.person?.displayName, 'Maria');
    assert.deepEqual(signIn.body.person?.roles, ['family']);
    const consent = await mongoose.connection
      .collection('consents')
      .findOne({ kind: 'privacy-notice' });
    assert.equal(consent?.version, PRIVACY_NOTICE_VERSION);
    const setCookie = signIn.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /HttpOnly/i);
    assert.match(setCookie, /SameSite=Lax/i);
  });

  it('a second sign-up with the same email reveals nothing and creates nothing', async () => {
    const person = await createPerson({ roles: ['family'] });
    const client = new ApiClient(app.url);
    const again = await client.post('/auth/sign-up', {
      email: person.email,
      password: 'another passphrase',
      displayName: 'X',
      language: 'fi',
      acceptPrivacy: PRIVACY_NOTICE_VERSION,
    });
    assert.equal(again.status, 202);
    assert.deepEqual(again.body, { status: 'check-email' });
    assert.equal(
      await mongoose.connection.collection('people').countDocuments({ email: person.email }),
      1,
    );
    const reset = await client.post('/auth/password-reset', { email: 'nobody@test.rinnalla.fi' });
    assert.equal(reset.status, 202);
  });

  it('sign-in rotates the session; sign-out ends it; sign-out everywhere ends all and closes live sockets', async () => {
    const person = await createPerson({ roles: ['facilitator'] });
    const phone = await signedInClient(app.url, person);
    const firstCookie = phone.cookie;
    await phone.signIn(person);
    assert.notEqual(phone.cookie, firstCookie, 'a new session on every sign-in');
    const oldSession = new ApiClient(app.url);
    oldSession.cookie = firstCookie;
    assert.equal((await oldSession.get('/me')).status, 401, 'the replaced session is gone');

    const laptop = await signedInClient(app.url, person);
    const socket = connect(app.url, {
      transports: ['websocket'],
      extraHeaders: { cookie: laptop.cookie ?? '' },
      reconnection: false,
    });
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const dropped = new Promise((resolve) => socket.once('disconnect', resolve));
    assert.equal((await phone.post('/auth/sign-out-everywhere')).status, 204);
    await dropped;
    assert.equal((await laptop.get('/me')).status, 401);
    assert.equal((await phone.get('/me')).status, 401);
  });

  it('password reset sets a new password, ends every session, and the link works once', async () => {
    const person = await createPerson({ roles: ['family'] });
    const other = await signedInClient(app.url, person);
    const client = new ApiClient(app.url);
    await client.post('/auth/password-reset', { email: person.email });
    const token = tokenOf(await lastLink(person.email, '/reset-password'));
    assert.equal(
      (
        await client.post('/auth/password-reset/complete', {
          token,
          password: 'a brand new passphrase',
        })
      ).status,
      200,
    );
    assert.equal(
      (
        await client.post('/auth/password-reset/complete', {
          token,
          password: 'a brand new passphrase',
        })
      ).status,
      400,
    );
    assert.equal((await other.get('/me')).status, 401);
    await client.signIn({ email: person.email, password: 'a brand new passphrase' });
  });

  it('refuses state changes without the CSRF token or from another origin', async () => {
    const person = await createPerson({ roles: ['family'] });
    const client = await signedInClient(app.url, person);
    const token = client.csrfToken;
    client.csrfToken = null;
    const missing = await client.patch<{ error: { code: string } }>('/me', {
      displayName: 'Changed',
    });
    assert.equal(missing.status, 403);
    assert.equal(missing.body.error.code, 'csrf');
    client.csrfToken = token;
    const crossSite = await fetch(`${app.url}/api/me`, {
      method: 'PATCH',
      headers: {
        cookie: client.cookie ?? '',
        'x-csrf-token': token ?? '',
        origin: 'https://evil.example',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ displayName: 'Changed' }),
    });
    assert.equal(crossSite.status, 403);
    assert.equal(
      (await client.get<{ displayName: string }>('/me')).body.displayName,
      person.displayName,
    );
    assert.equal((await client.patch('/me', { displayName: 'Changed' })).status, 200);
  });

  it('an invitation creates a verified account with the invited roles, once', async () => {
    const coordinator = await signedInClient(
      app.url,
      await createPerson({ roles: ['coordinator'] }),
    );
    const organisationId = await createOrganisation('central', 'Keskusjärjestö');
    const created = await coordinator.post<InvitationInfo>('/invitations', {
      email: 'new.trainer@test.rinnalla.fi',
      roles: ['trainer'],
      organisationId,
      language: 'fi',
    });
    assert.equal(created.status, 201);
    const token = tokenOf(await lastLink('new.trainer@test.rinnalla.fi', '/invitation'));
    const invited = new ApiClient(app.url);
    const view = await invited.get<InvitationInfo>(`/invitations/${token}`);
    assert.equal(view.body.organisationName, 'Keskusjärjestö');
    const incomplete = await invited.post<{ error: { fields: Record<string, string> } }>(
      `/invitations/${token}/accept`,
      { acceptPrivacy: PRIVACY_NOTICE_VERSION },
    );
    assert.deepEqual(Object.keys(incomplete.body.error.fields).sort(), ['displayName', 'password']);
    const accepted = await invited.post<SessionInfo>(`/invitations/${token}/accept`, {
      password: 'trainer passphrase',
      displayName: 'Tiina',
      acceptPrivacy: PRIVACY_NOTICE_VERSION,
    });
    assert.equal(accepted.status, 200);
    assert.deepEqual(accepted.body.person?.roles, ['trainer']);
    assert.equal(accepted.body.person?.emailVerified, true);
    assert.equal((await invited.get(`/invitations/${token}`)).status, 404, 'used up');
    const audit = await coordinator.get<{ action: string }[]>('/audit');
    assert.ok(audit.body.some((e) => e.action === 'invitation.accepted'));
  });

  it("an invitation completes an applicant's interview-only account (no password, no roles)", async () => {
    const coordinator = await signedInClient(
      app.url,
      await createPerson({ roles: ['coordinator'] }),
    );
    const applicant = await Person.create({
      email: 'applicant@test.rinnalla.fi',
      displayName: 'Hakija',
      roles: [],
    });
    await coordinator.post('/invitations', {
      email: 'applicant@test.rinnalla.fi',
      roles: ['facilitator'],
      organisationId: await createOrganisation('central'),
      language: 'fi',
    });
    const token = tokenOf(await lastLink('applicant@test.rinnalla.fi', '/invitation'));
    const invited = new ApiClient(app.url);
    const accepted = await invited.post<SessionInfo>(`/invitations/${token}/accept`, {
      password: 'volunteer passphrase',
      displayName: 'Hanna',
      acceptPrivacy: PRIVACY_NOTICE_VERSION,
    });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    assert.equal(accepted.body.person?.id, String(applicant._id), 'the same account, completed');
    assert.deepEqual(accepted.body.person?.roles, ['facilitator']);
    const again = await new ApiClient(app.url).signIn({
      email: 'applicant@test.rinnalla.fi',
      password: 'volunteer passphrase',
    });
    assert.ok(again.cookie);
  });
});
