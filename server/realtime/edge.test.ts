// [sec-3] The handshake: no anonymous sockets, no foreign pages, only so many per person.
// [sec-4] The live edge: transport and consumer caps, and floods of events refused and counted.
// Real server, real sockets, real mediasoup worker.
import assert from 'node:assert/strict';
import { io as connect } from 'socket.io-client';
import type { JoinResult } from '../protocol/live.ts';
import type { TransportInfo } from '../protocol/media.ts';
import { counterValue } from '../platform/metrics.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { ask, liveGroup, liveSocket, must, type TestSocket } from '../../test/support/live.ts';
import { createPerson, signedInClient } from '../../test/support/people.ts';

const OPUS = {
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
  encodings: [{ ssrc: 22222222 }],
};

/** Connects and answers what the handshake said: 'connected', or the refusal's message. */
function handshake(url: string, headers: Record<string, string>): Promise<string> {
  const socket = connect(url, {
    transports: ['websocket'],
    extraHeaders: headers,
    reconnection: false,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      resolve('connected');
      socket.disconnect();
    });
    socket.once('connect_error', (error: Error) => {
      resolve(error.message);
      socket.disconnect();
    });
  });
}

describe('[sec-3] [sec-4] the real-time edge', function () {
  this.timeout(60_000);
  let app: TestApp;
  const sockets: TestSocket[] = [];
  before(async () => {
    app = await startTestApp({ label: 'edge', env: { SOCKETS_PER_PERSON: '3' } });
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.disconnect();
  });
  after(() => app?.close());

  it('[sec-3] refuses an anonymous socket, a foreign Origin and the per-person cap', async () => {
    assert.equal(await handshake(app.url, {}), 'unauthenticated');
    const person = await createPerson({ roles: ['family'] });
    const { cookie = '' } = await signedInClient(app.url, person);
    assert.notEqual(
      await handshake(app.url, { cookie, origin: 'https://evil.example' }),
      'connected',
    );
    assert.equal(counterValue('socket_refused_total', { why: 'origin' }) > 0, true);
    // The app's own origin (and none at all, as non-browser clients) is fine.
    assert.equal(await handshake(app.url, { cookie, origin: app.url }), 'connected');
    for (let i = 0; i < 3; i += 1) sockets.push(await liveSocket(app.url, person));
    assert.equal(await handshake(app.url, { cookie }), 'tooManyConnections');
    // A place frees when a socket goes.
    sockets.pop()!.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(await handshake(app.url, { cookie }), 'connected');
  });

  it('[sec-4] an admitted peer cannot exceed the transport and consumer caps; floods are refused and counted', async () => {
    const live = await liveGroup(app.url, { families: 1 });
    const host = await liveSocket(app.url, live.staff.facilitator);
    sockets.push(host);
    await must(host, 'live:join', { sessionId: live.sessionId });
    const hostSend = await must<TransportInfo>(host, 'media:createTransport', {
      direction: 'send',
    });
    const { producerId } = await must<{ producerId: string }>(host, 'media:produce', {
      transportId: hostSend.id,
      kind: 'audio',
      source: 'microphone',
      rtpParameters: OPUS,
    });
    const family = await liveSocket(app.url, live.families[0]!);
    sockets.push(family);
    const joined = await must<JoinResult>(family, 'live:join', { sessionId: live.sessionId });
    assert.equal(joined.state, 'admitted');
    const { routerRtpCapabilities } = await must<{ routerRtpCapabilities: unknown }>(
      family,
      'media:capabilities',
      {},
    );

    // 30 receive transports asked for at once: two exist, the rest are refused.
    const asks = await Promise.all(
      Array.from({ length: 30 }, () =>
        ask<TransportInfo>(family, 'media:createTransport', { direction: 'recv' }),
      ),
    );
    const made = asks.filter((a) => a.ok);
    assert.equal(made.length, 2);
    for (const refused of asks.filter((a) => !a.ok))
      assert.ok(!refused.ok && ['media.too-many', 'rateLimited'].includes(refused.error.code));
    const session = app.app.live.get(live.sessionId)!;
    const peer = [...session.peers.values()].find((p) => p.personId === live.families[0]!.id)!;
    assert.equal(peer.media!.transports.size, 2, 'the worker holds two transports for the peer');

    // One consumer per producer, however often it is asked for.
    const recv = made[0]!.ok ? made[0]!.data : undefined;
    const consumes = await Promise.all(
      Array.from({ length: 10 }, () =>
        ask(family, 'media:consume', {
          transportId: recv!.id,
          producerId,
          rtpCapabilities: routerRtpCapabilities,
        }),
      ),
    );
    assert.equal(consumes.filter((c) => c.ok).length, 1);
    assert.equal(peer.media!.consumers.size, 1);

    // 200 raised hands in a burst: a few pass, the rest are refused, translated, and counted.
    const before = counterValue('socket_rate_limited_total', { request: 'live:hand' });
    const hands = await Promise.all(
      Array.from({ length: 200 }, (_, i) => ask(family, 'live:hand', { raised: i % 2 === 0 })),
    );
    const accepted = hands.filter((h) => h.ok).length;
    assert.ok(accepted >= 1 && accepted <= 6, `${accepted} hands accepted`);
    const refusal = hands.find((h) => !h.ok);
    assert.ok(refusal && !refusal.ok && refusal.error.code === 'rateLimited');
    assert.match(refusal.error.message, /Too many requests|Liian monta/);
    assert.equal(
      counterValue('socket_rate_limited_total', { request: 'live:hand' }) - before,
      200 - accepted,
    );
    // Viewport reports too; and the server still answers normally afterwards.
    const viewports = await Promise.all(
      Array.from({ length: 100 }, () =>
        ask(family, 'live:viewport', {
          audioOnly: false,
          maxVideos: 4,
          downlinkKbps: 800,
          tiles: [],
        }),
      ),
    );
    assert.ok(viewports.filter((v) => v.ok).length <= 8);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await must(family, 'live:hand', { raised: false });
    assert.equal(peer.media!.transports.size, 2);
    assert.equal(session.room.peers.size, 2, 'the room holds the two peers and no more');
  });

  it('[sec-4] chat edits spend the same budget as messages', async () => {
    const small = await startTestApp({
      label: 'edge-chat',
      env: { CHAT_MESSAGES_PER_MINUTE: '6' },
    });
    try {
      const live = await liveGroup(small.url, { families: 1 });
      const family = await liveSocket(small.url, live.families[0]!);
      sockets.push(family);
      const channelId = `group:${live.group.id}`;
      const sent = await must<{ seq: number }>(family, 'chat:send', {
        channelId,
        clientId: 'edge-edit-1',
        text: 'Hei',
      });
      const edits = [];
      for (let i = 0; i < 20; i += 1)
        edits.push(await ask(family, 'chat:edit', { channelId, seq: sent.seq, text: `Hei ${i}` }));
      // A burst of a third of the minute's six: the message and one edit, then refusals.
      assert.ok(edits.filter((e) => e.ok).length <= 2, 'edits are limited');
      assert.ok(edits.some((e) => !e.ok && e.error.code === 'rateLimited'));
    } finally {
      await small.close();
    }
  });
});
