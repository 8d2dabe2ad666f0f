// [sec-6] Wrong passwords lock out the client that sent them, never the account: the owner signs
// in from their own device while an attacker is locked out. Two clients are two real source
// addresses (127.0.0.2 and 127.0.0.3 are loopback too), and a client behind the reverse proxy is
// told apart by the X-Forwarded-For that proxy adds — the app trusts it from loopback only.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { createPerson, type TestPerson } from '../../test/support/people.ts';
import { MAX_DELAY_MS, MAX_FAILURES } from './throttle.ts';

interface Answer {
  status: number;
  code: string | undefined;
  cookie: string | undefined;
}

/** A sign-in over a connection from `localAddress`, as a browser on that machine would send it. */
function signInFrom(
  url: string,
  localAddress: string,
  credentials: { email: string; password: string },
  headers: Record<string, string> = {},
): Promise<Answer> {
  const { hostname, port } = new URL(url);
  const body = JSON.stringify(credentials);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: hostname,
        port,
        localAddress,
        method: 'POST',
        path: '/api/auth/sign-in',
        headers: { 'content-type': 'application/json', 'accept-language': 'en', ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const parsed = JSON.parse(text) as { error?: { code: string } };
          resolve({
            status: res.statusCode ?? 0,
            code: parsed.error?.code,
            cookie: res.headers['set-cookie']?.[0]?.split(';')[0],
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** An address of this machine that is not loopback (so not a trusted proxy), if it has one. */
const outsideAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && i.family === 'IPv4')?.address;

describe('[sec-6] sign-in lockout per client', function () {
  this.timeout(120_000);
  let app: TestApp;
  let victim: TestPerson;
  const attacker = '127.0.0.2';
  const victimDevice = '127.0.0.3';

  before(async () => {
    app = await startTestApp({ label: 'sec6lockout' });
    victim = await createPerson({ roles: ['family'] });
  });
  after(() => app?.close());

  const wrong = (i: number) => ({ email: victim.email, password: `wrong guess ${i}` });
  const right = () => ({ email: victim.email, password: victim.password });

  it('[sec-6] an attacker cannot lock a victim out: many wrong passwords from one client, the victim signs in from another', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < MAX_FAILURES + 5; i += 1)
      answers.push(await signInFrom(app.url, attacker, wrong(i)));
    assert.deepEqual(
      answers.slice(0, MAX_FAILURES).map((a) => a.status),
      Array<number>(MAX_FAILURES).fill(401),
    );
    assert.deepEqual(
      answers.slice(MAX_FAILURES).map((a) => a.code),
      Array<string>(5).fill('auth.locked'),
      'brute force is still limited: the attacking client is locked out',
    );
    const attackerRight = await signInFrom(app.url, attacker, right());
    assert.equal(attackerRight.code, 'auth.locked', 'even the right password, from that client');

    const started = Date.now();
    const own = await signInFrom(app.url, victimDevice, right());
    assert.equal(own.status, 200, `the victim signs in from their own device: ${own.code}`);
    assert.ok(own.cookie, 'with a session');
    assert.ok(Date.now() - started < MAX_DELAY_MS + 3_000, 'slowed at most, never shut');

    // Behind the reverse proxy (on loopback) every client arrives from 127.0.0.1: the proxy's
    // X-Forwarded-For tells them apart, so the victim there is not the attacker either.
    const viaProxy = await signInFrom(app.url, '127.0.0.1', right(), {
      'x-forwarded-for': '203.0.113.7',
    });
    assert.equal(viaProxy.status, 200);
  });

  it('[sec-6] a client that is no trusted proxy cannot escape its lock with X-Forwarded-For', async function () {
    if (!outsideAddress) this.skip();
    const from = outsideAddress!;
    const other = await createPerson({ roles: ['family'] });
    const as = (password: string) => ({ email: other.email, password });
    for (let i = 0; i < MAX_FAILURES; i += 1) await signInFrom(app.url, from, as(`wrong ${i}`));
    const spoofed = await signInFrom(app.url, from, as(other.password), {
      'x-forwarded-for': '198.51.100.9',
    });
    assert.equal(spoofed.code, 'auth.locked', 'X-Forwarded-For from outside is ignored');
    assert.equal((await signInFrom(app.url, victimDevice, as(other.password))).status, 200);
  });
});
