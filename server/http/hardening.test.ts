// HTTP hardening: security headers, body size limit, rate limits per IP and per account.
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { ApiClient, createPerson } from '../../test/support/people.ts';
import { LoginSession } from '../auth/loginSession.model.ts';
import { hashToken, newToken } from '../auth/tokens.ts';

describe('HTTP hardening', function () {
  this.timeout(60_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp({
      label: 'hardening',
      env: { RATE_LIMIT_AUTH: '3', RATE_LIMIT_WRITE_ACCOUNT: '5' },
    });
  });
  after(() => app?.close());

  it('sends a strict Content-Security-Policy and no framing', async () => {
    const res = await fetch(app.url);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /object-src 'none'/);
    assert.match(csp, /frame-ancestors 'self'/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-powered-by'), null);
  });

  it('refuses bodies over 100 kB with a translated 413', async () => {
    const res = await new ApiClient(app.url, 'en').post<{
      error: { code: string; message: string };
    }>('/auth/sign-in', {
      email: 'a@b.fi',
      password: 'x'.repeat(150_000),
    });
    assert.equal(res.status, 413);
    assert.equal(res.body.error.code, 'tooLarge');
    assert.equal(res.body.error.message, 'What you sent is too large.');
  });

  it('limits sign-in attempts per IP and writes per account', async () => {
    const client = new ApiClient(app.url);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push(
        (await client.post('/auth/password-reset', { email: `x${i}@test.rinnalla.fi` })).status,
      );
    assert.deepEqual(statuses, [202, 202, 202, 429]);
    const limited = await client.post<{ error: { code: string } }>('/auth/sign-up', {});
    assert.equal(limited.body.error.code, 'rateLimited');

    // Sign-in is now limited for this IP, so the session is made in the database directly.
    const person = await createPerson({ roles: ['family'] });
    const writes = await writesUntilLimited(app, person);
    assert.equal(writes, 5);
  });
});

async function writesUntilLimited(
  app: TestApp,
  person: Awaited<ReturnType<typeof createPerson>>,
): Promise<number> {
  const token = newToken();
  const now = new Date();
  await LoginSession.create({
    _id: hashToken(token),
    personId: person.id,
    csrfToken: 'csrf-token-for-test',
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + 3600_000),
  });
  const client = new ApiClient(app.url);
  client.cookie = `rinnalla_sid=${token}`;
  client.csrfToken = 'csrf-token-for-test';
  let ok = 0;
  for (let i = 0; i < 8; i += 1) {
    const res = await client.patch('/me', { displayName: `Name ${i}` });
    if (res.status !== 200) break;
    ok += 1;
  }
  return ok;
}
