// [scale-4] (socket side) TURN credentials go only to admitted participants of a live session;
// a credential is what coturn's `use-auth-secret` checks (HMAC-SHA1 of the username under the
// shared secret) and stops working at its expiry. Real server, database, mediasoup and coturn.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JoinResult } from '../../protocol/live.ts';
import type { TransportInfo } from '../../protocol/media.ts';
import { projectRoot } from '../../platform/paths.ts';
import { startTestApp, type TestApp } from '../../../test/support/app.ts';
import { ask, liveGroup, liveSocket, must, type TestSocket } from '../../../test/support/live.ts';
import pino from 'pino';
import { ConfigError, loadConfig } from '../../config.ts';
import { turnCredential, verifyTurnCredential } from './credentials.ts';
import { startTurn } from './index.ts';

const errors = JSON.parse(
  readFileSync(join(projectRoot, 'locales', 'en', 'errors.json'), 'utf8'),
) as { media: Record<string, string> };

describe('[scale-4] TURN credentials', function () {
  this.timeout(60_000);
  let app: TestApp;
  let secret: string;
  const sockets: TestSocket[] = [];
  const open = async (...args: Parameters<typeof liveSocket>) => {
    const socket = await liveSocket(...args);
    sockets.push(socket);
    return socket;
  };

  before(async () => {
    app = await startTestApp({ label: 'turn', turn: true });
    const coturn = app.turn?.coturn;
    assert.ok(coturn, 'coturn started (the Debian package coturn, provisioned by `npm test`)');
    secret = coturn.secret;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  after(() => app?.close());

  it('[scale-4] a credential verifies (HMAC-SHA1, base64) and expires', () => {
    const now = Date.UTC(2026, 11, 7, 9, 0, 0);
    const issued = turnCredential('a-shared-secret-of-length', 'peer1', 3600, now);
    assert.equal(issued.username, `${now / 1000 + 3600}:peer1`);
    assert.equal(issued.expiresAt, now / 1000 + 3600);
    assert.equal(issued.credential.length, 28, 'base64 of a 20-byte SHA-1 HMAC');
    const check = (at: number, key = 'a-shared-secret-of-length', credential = issued.credential) =>
      verifyTurnCredential(key, issued.username, credential, at);
    assert.equal(check(now), true);
    assert.equal(check(now + 3599_000), true, 'valid until its expiry');
    assert.equal(check(now + 3600_000), false, 'expired');
    assert.equal(check(now, 'another-secret-of-length'), false, 'another secret');
    assert.equal(check(now, undefined, turnCredential('x'.repeat(20), 'peer1').credential), false);
    // The expiry is part of what is signed: moving it forward breaks the HMAC.
    const forged = issued.username.replace(/^\d+/, String(now / 1000 + 99_999));
    assert.equal(
      verifyTurnCredential('a-shared-secret-of-length', forged, issued.credential, now),
      false,
    );
  });

  it('[scale-4] a socket not admitted (lobby, or not joined) gets no TURN credentials', async () => {
    const live = await liveGroup(app.url, { families: 1, group: { autoAdmit: false } });
    const host = await open(app.url, live.staff.facilitator);
    const hostJoin = await must<JoinResult>(host, 'live:join', { sessionId: live.sessionId });
    assert.equal(hostJoin.state, 'admitted');

    const family = await open(app.url, live.families[0]!);
    const refusedBeforeJoin = await ask<TransportInfo>(family, 'media:createTransport', {
      direction: 'recv',
    });
    assert.ok(!refusedBeforeJoin.ok);
    assert.equal(refusedBeforeJoin.error.code, 'media.not-in-room');
    assert.equal(refusedBeforeJoin.error.message, errors.media['not-in-room']);

    const waiting = await must<JoinResult>(family, 'live:join', { sessionId: live.sessionId });
    assert.equal(waiting.state, 'lobby');
    for (const [name, payload] of [
      ['media:createTransport', { direction: 'recv' }],
      ['media:restartIce', { transportId: 'x' }],
    ] as const) {
      const refused = await ask<TransportInfo>(family, name, payload);
      assert.ok(!refused.ok, `${name} refused in the lobby`);
      assert.equal(refused.error.code, 'media.not-in-room');
      assert.equal(refused.error.message, errors.media['not-in-room']);
      assert.ok(!JSON.stringify(refused).includes('turn:'), 'nothing of the relay is revealed');
    }

    // Admitted: now the family gets a relay and credentials of its own.
    const admitted = new Promise<void>((resolve) => family.once('live:admitted', () => resolve()));
    const peerId = waiting.state === 'lobby' ? waiting.peerId : '';
    await must(host, 'live:admit', { peerId });
    await admitted;
    const info = await must<TransportInfo>(family, 'media:createTransport', { direction: 'recv' });
    assert.equal(info.iceServers.length, 1);
    const [server] = info.iceServers;
    assert.deepEqual(server!.urls, app.turn!.coturn!.urls);
    assert.match(server!.urls[0]!, /^turn:127\.0\.0\.1:\d+\?transport=udp$/);
    const [expiry, id] = server!.username.split(':');
    const ttl = Number(expiry) - Date.now() / 1000;
    assert.ok(ttl > 3500 && ttl <= 3600, `an hour's credential (${Math.round(ttl)} s)`);
    assert.ok(id && !id.includes(live.families[0]!.id), 'the id is opaque, not the person');
    assert.equal(verifyTurnCredential(secret, server!.username, server!.credential), true);

    // Another participant's credential is their own.
    const hostInfo = await must<TransportInfo>(host, 'media:createTransport', {
      direction: 'send',
    });
    assert.notEqual(hostInfo.iceServers[0]!.username, server!.username);
    // An ICE restart hands out fresh ones.
    const restarted = await must<{ iceServers: TransportInfo['iceServers'] }>(
      family,
      'media:restartIce',
      { transportId: info.id },
    );
    assert.equal(
      verifyTurnCredential(
        secret,
        restarted.iceServers[0]!.username,
        restarted.iceServers[0]!.credential,
      ),
      true,
    );
  });

  it("[scale-4] TURN_URLS + TURN_SECRET: the operator's relay, no coturn of our own", async () => {
    const env = { NODE_ENV: 'test' as const };
    const urls = 'turn:turn.example.fi:3478?transport=udp,turn:turn.example.fi:3478?transport=tcp';
    assert.throws(() => loadConfig({ ...env, TURN_URLS: urls }), ConfigError, 'both or neither');
    assert.throws(() => loadConfig({ ...env, TURN_RELAY_PORTS: '5000-4000' }), ConfigError);
    const config = loadConfig({ ...env, TURN_URLS: urls, TURN_SECRET: 'an-operators-own-secret' });
    const relay = await startTurn(config, pino({ level: 'silent' }));
    assert.equal(relay.coturn, undefined);
    const [server] = relay.service!.iceServers('peer42');
    assert.deepEqual(server!.urls, urls.split(','));
    assert.match(server!.username, /^\d+:peer42$/);
    assert.ok(
      verifyTurnCredential('an-operators-own-secret', server!.username, server!.credential),
    );
  });
});
