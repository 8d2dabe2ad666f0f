// [sec-6] Sign-up and password reset do the same work whether or not the email has an account,
// so their timing tells nothing: the same argon2 hashes and the same number of queued emails
// (counted by the app's own counters), the same answers; only the emails' content differs.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { ApiClient, createPerson, type TestPerson } from '../../test/support/people.ts';
import { OutboxMessage } from '../mail/outbox.model.ts';
import { backgroundSettled } from '../platform/afterResponse.ts';
import { workCounts, type WorkStep } from '../platform/workCounts.ts';
import { PRIVACY_NOTICE_VERSION } from '../protocol/api.ts';

const fresh = () => `nobody-${randomBytes(4).toString('hex')}@test.rinnalla.fi`;

describe('[sec-6] public paths: the same work for known and unknown emails', function () {
  this.timeout(60_000);
  let app: TestApp;
  let known: TestPerson;

  before(async () => {
    app = await startTestApp({ label: 'sec6work' });
    known = await createPerson({ roles: ['family'] });
  });
  after(() => app?.close());

  /** What one request did, its background steps included, and what it answered. */
  async function workOf(path: string, body: Record<string, unknown>) {
    await backgroundSettled();
    const before = workCounts();
    const res = await new ApiClient(app.url, 'en').post(path, body);
    await backgroundSettled();
    const after = workCounts();
    const steps = Object.fromEntries(
      (Object.keys(after) as WorkStep[]).map((step) => [step, after[step] - before[step]]),
    );
    return { answer: { status: res.status, body: res.body }, steps };
  }
  const templatesTo = async (email: string) =>
    (await OutboxMessage.find({ to: email }).lean()).map((m) => m.template);

  it('[sec-6] sign-up and reset do the same work for known and unknown emails', async () => {
    const signUp = (email: string) =>
      workOf('/auth/sign-up', {
        email,
        password: 'a long enough passphrase',
        displayName: 'Someone',
        language: 'en',
        acceptPrivacy: PRIVACY_NOTICE_VERSION,
      });
    const unknown = fresh();
    const [signUpKnown, signUpUnknown] = [await signUp(known.email), await signUp(unknown)];
    assert.deepEqual(signUpKnown, signUpUnknown, 'sign-up: the same steps and the same answer');
    assert.deepEqual(signUpKnown.steps, { 'argon2.hash': 1, 'argon2.verify': 0, 'mail.queued': 1 });
    assert.deepEqual(await templatesTo(known.email), ['alreadyRegistered']);
    assert.deepEqual(await templatesTo(unknown), ['verifyEmail']);

    const reset = (email: string) => workOf('/auth/password-reset', { email });
    const nobody = fresh();
    const [resetKnown, resetUnknown] = [await reset(known.email), await reset(nobody)];
    assert.deepEqual(resetKnown, resetUnknown, 'reset: the same steps and the same answer');
    assert.deepEqual(resetKnown.steps, { 'argon2.hash': 0, 'argon2.verify': 0, 'mail.queued': 1 });
    assert.deepEqual(await templatesTo(known.email), ['alreadyRegistered', 'passwordReset']);
    assert.deepEqual(await templatesTo(nobody), ['passwordResetNoAccount']);
  });
});
