// [ctl-7] [ctl-8] How media reaches the SFU when the network is hard, in real browsers against
// the real server and SFU. The browser runs in a network namespace joined to the server by a
// link (test/support/weakLink) that drops every UDP packet both ways, as a firewall that allows
// only TCP would: media must come over ICE-TCP to the SFU's TCP candidates. And when the
// connection drops and comes back, the product restarts ICE on the same peer and transports, and
// media goes on. One browser and one session. Needs root (as [reach-4]); skipped without it
// except on CI.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { types } from 'mediasoup';
import type { LivePeer } from '../../server/live/LivePeer.ts';
import type { LiveSession } from '../../server/live/LiveSession.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { CHROMIUM_FLAGS, chromePath } from '../support/browser.ts';
import { openWeakLink, weakLinkUnavailable, type WeakLink } from '../support/weakLink/weakLink.ts';
import { liveGroup, type LiveGroup } from '../support/live.ts';
import type { TestPerson } from '../support/people.ts';
import { joinSession, mediaFlowing } from './liveBrowser.ts';
import { selectedPairs, untilTrue } from './liveMediaStats.ts';

const run = promisify(execFile);

/**
 * Every UDP packet leaving `device` is dropped: u32 sorts IP protocol 17 into a class whose
 * queue holds nothing (this kernel has no tc actions). The device has weakLink's htb root 1:.
 */
async function dropUdp(device: string, namespace?: string): Promise<void> {
  const tc = (...args: string[]) =>
    run('tc', [...(namespace ? ['-n', namespace] : []), ...args.join(' ').split(' ')]);
  await tc(`class add dev ${device} parent 1: classid 1:20 htb rate 8kbit`);
  await tc(`qdisc add dev ${device} parent 1:20 handle 20: pfifo limit 0`);
  await tc(
    `filter add dev ${device} parent 1: protocol ip prio 1 u32 match ip protocol 17 0xff flowid 1:20`,
  );
}

describe('live media transport in real browsers', function () {
  this.timeout(60_000);
  let app: TestApp;
  let browser: Browser;
  let link: WeakLink;
  let live: LiveGroup;
  let session: LiveSession;
  let host: Page;
  let family: Page;

  const room = (page: Page) => page.locator('[data-testid="live-room"][data-phase="live"]');
  const peerOf = (person: TestPerson): LivePeer => {
    const peer = [...session.peers.values()].find((p) => p.personId === person.id);
    if (!peer) throw new Error(`${person.displayName} is not in the session`);
    return peer;
  };
  const transportsOf = (person: TestPerson): types.WebRtcTransport[] => [
    ...(peerOf(person).media?.transports.values() ?? []),
  ];

  before(async function () {
    this.timeout(120_000);
    const missing = weakLinkUnavailable();
    if (missing && !process.env.CI) this.skip();
    if (missing) throw new Error(`cannot make the link: ${missing}`);
    link = await openWeakLink(chromePath());
    // The link's two ends, named as weakLink.ts names them (by this process's id).
    const id = process.pid % 10_000;
    await dropUdp(`rwn${id}`, `rinnalla-weak-${id}`);
    await dropUdp(`rwh${id}`);
    app = await startTestApp({
      label: 'ctl-transport',
      host: link.hostAddress,
      env: { SFU_LISTEN_IP: link.hostAddress },
    });
    // Media devices need a secure context: this origin is not localhost, so say it is one.
    const args = [...CHROMIUM_FLAGS, `--unsafely-treat-insecure-origin-as-secure=${app.url}`];
    browser = await chromium.launch({ executablePath: link.browserPath, args, headless: true });
    live = await liveGroup(app.url, { families: 1 });
    host = await joinSession(browser, app.url, live.staff.facilitator, live.sessionId);
    family = await joinSession(browser, app.url, live.families[0]!, live.sessionId);
    for (const page of [host, family]) await room(page).waitFor();
    session = app.app.live.get(live.sessionId)!;
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await link?.close();
  });

  it('[ctl-7] TCP fallback: with UDP unavailable, media flows over ICE-TCP both ways', async () => {
    await mediaFlowing(family, { videos: 1, audio: true });
    await mediaFlowing(host, { videos: 1, audio: true });
    for (const page of [family, host]) {
      const pairs = await selectedPairs(page);
      assert.ok(pairs.length >= 2, `a send and a receive connection: ${JSON.stringify(pairs)}`);
      for (const pair of pairs) {
        assert.equal(pair.protocol, 'tcp', `the selected pair is TCP: ${JSON.stringify(pairs)}`);
      }
    }
    // The SFU agrees: every transport of the family's peer is on a TCP tuple.
    const tuples = transportsOf(live.families[0]!).map((t) => t.iceSelectedTuple?.protocol);
    assert.deepEqual(tuples, ['tcp', 'tcp']);
  });

  it('[ctl-8] ICE restart: after a dropped connection, the same peer and transports restart ICE and media goes on', async () => {
    const person = live.families[0]!;
    await mediaFlowing(family, { videos: 1, audio: true });
    const peer = peerOf(person);
    const transports = transportsOf(person);
    const ufrags = transports.map((t) => t.iceParameters.usernameFragment);
    const producers = [...(peer.media?.producers.keys() ?? [])].sort();
    const before = await selectedPairs(family);

    // The family's socket is cut (the server closes it, as a network drop would end it).
    for (const socket of app.app.io.of('/').sockets.values()) {
      if ((socket.data.actor as { personId?: string }).personId === person.id) socket.conn.close();
    }
    await family.getByTestId('reconnecting').waitFor({ timeout: 5000 });
    await room(family).waitFor({ timeout: 10_000 });
    // New ICE credentials on the SFU's side of the same transports, and in the browser.
    await untilTrue(
      () => transports.every((t, i) => t.iceParameters.usernameFragment !== ufrags[i]),
      'the SFU restarted ICE on both transports',
    );
    const after = await untilTrue(async () => {
      const pairs = await selectedPairs(family);
      return pairs.length === before.length &&
        pairs.every((p, i) => p.remoteUfrag !== before[i]!.remoteUfrag && p.state === 'connected')
        ? pairs
        : null;
    }, "the browser's connections took the new credentials");
    assert.ok(
      after.every((p) => p.protocol === 'tcp'),
      'still over TCP',
    );
    await mediaFlowing(family, { videos: 1, audio: true, timeoutMs: 10_000 });
    await mediaFlowing(host, { videos: 1, audio: true, timeoutMs: 10_000 });
    assert.equal(peerOf(person), peer, 'the same peer');
    assert.deepEqual(
      transportsOf(person).map((t) => t.id),
      transports.map((t) => t.id),
      'the same transports',
    );
    assert.deepEqual([...(peer.media?.producers.keys() ?? [])].sort(), producers, 'same producers');
  });
});
