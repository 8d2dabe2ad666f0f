// [net-1] A real, silent network loss in the middle of a live session. The family's browser runs
// in a network namespace joined to the server only by a link this test controls
// (test/support/weakLink); cutting it drops every packet both ways, so neither end is told —
// no FIN, no RST, the server still believes the socket open. After 5 s the network is given
// back, twice: once as it was (the open connections resume), once on a "new path" where the
// connections open before stay dead, as when a phone moves between networks — only the
// heartbeat (server/realtime/io.ts HEARTBEAT) notices that. Each time, within 10 s of the
// return: the same peer (nobody doubled), video and audio decoding again both ways, and chat
// both ways, including a message the family wrote while offline, arriving once.
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.ts';
import { CHROMIUM_FLAGS, chromePath } from '../support/browser.ts';
import { liveGroup, type LiveGroup } from '../support/live.ts';
import {
  openWeakLink,
  weakLinkUnavailable,
  type LinkCounts,
  type WeakLink,
} from '../support/weakLink/weakLink.ts';
import { joinSession, mediaFlowing } from './liveBrowser.ts';

const CUT_MS = 5000;
const BACK_WITHIN_MS = 10_000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('[net-1] the network taken away silently mid-session, then given back', function () {
  this.timeout(180_000);
  let link: WeakLink;
  let app: TestApp;
  let goodBrowser: Browser;
  let cutBrowser: Browser;
  let live: LiveGroup;
  let host: Page;
  let family: Page;

  const room = (page: Page) => page.locator('[data-testid="live-room"][data-phase="live"]');
  /** The family's sockets as the server holds them. */
  const familySockets = () =>
    [...app.app.io.of('/').sockets.values()].filter(
      (s) => (s.data.actor as { personId?: string }).personId === live.families[0]!.id,
    );
  const familyPeer = () =>
    [...app.app.live.get(live.sessionId)!.peers.values()].find(
      (p) => p.personId === live.families[0]!.id,
    );
  const say = async (page: Page, text: string) => {
    await page.getByTestId('chat-input').fill(text);
    await page.getByTestId('chat-input').press('Enter');
  };
  const shown = (page: Page, text: string) =>
    page.getByTestId('chat-message').filter({ hasText: text });

  before(async function () {
    const missing = weakLinkUnavailable();
    // CI runs as root on the machine this was made for: there the link must be made.
    if (missing && !process.env.CI) this.skip();
    if (missing) throw new Error(`cannot make the link: ${missing}`);
    link = await openWeakLink(chromePath());
    app = await startTestApp({
      label: 'net',
      host: link.hostAddress,
      env: { SFU_LISTEN_IP: link.hostAddress },
    });
    // Media devices need a secure context: this origin is not localhost, so say it is one.
    const args = [...CHROMIUM_FLAGS, `--unsafely-treat-insecure-origin-as-secure=${app.url}`];
    goodBrowser = await chromium.launch({ executablePath: chromePath(), args, headless: true });
    cutBrowser = await chromium.launch({ executablePath: link.browserPath, args, headless: true });

    live = await liveGroup(app.url, { families: 1 });
    host = await joinSession(goodBrowser, app.url, live.staff.facilitator, live.sessionId);
    family = await joinSession(cutBrowser, app.url, live.families[0]!, live.sessionId, {
      width: 360,
    });
    for (const page of [host, family]) await room(page).waitFor();
    await mediaFlowing(family, { videos: 1, audio: true });
    await mediaFlowing(host, { videos: 1, audio: true });
    for (const page of [host, family]) await page.getByTestId('chat-button').click();
    await say(host, 'Tervetuloa!');
    await shown(family, 'Tervetuloa!').waitFor({ timeout: 10_000 });
  });
  after(async () => {
    // Whatever happened, the link goes (the namespace and its devices with it).
    await cutBrowser?.close().catch(() => undefined);
    await goodBrowser?.close().catch(() => undefined);
    await app?.close();
    await link?.close();
  });

  /** Whether the socket answers a ping within 5 s (both ends' heartbeat timers start anew). */
  const answersPing = (socket: ReturnType<typeof familySockets>[number]) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => done(false), 5000);
      const onPacket = (packet: { type: string }) => packet.type === 'pong' && done(true);
      function done(ok: boolean) {
        clearTimeout(timer);
        socket.conn.off('packet', onPacket);
        resolve(ok && socket.connected);
      }
      socket.conn.on('packet', onPacket);
    });

  /**
   * Waits until the family's page is settled: in the room, its peer on a live socket, and each
   * of its sockets (live and chat) has just answered a ping. The previous cut's aftermath (a
   * late ping timeout, a reconnect under way) is over: cutting in the middle of a reconnect
   * would leave its half-open attempt dead on a "new path" until the client's connect timeout.
   */
  async function settled() {
    const by = Date.now() + 20_000;
    for (;;) {
      const socket = familyPeer()?.socket;
      const connected = familySockets().filter((s) => s.connected);
      if (socket?.connected && connected.includes(socket)) {
        const answered = await Promise.all(connected.map(answersPing));
        if (answered.every(Boolean) && (await room(family).count()) === 1) return;
      }
      if (Date.now() > by) throw new Error('the family never settled on its live sockets');
      await pause(200);
    }
  }

  /** Cuts for 5 s, gives the network back; resolves with ms from the return to all well. */
  async function cutAndReturn(newPath: boolean, label: string) {
    await settled();
    const peer = familyPeer();
    assert.ok(peer, 'the family is in the session');
    const socketsBefore = familySockets();
    const disconnected: string[] = [];
    for (const s of socketsBefore) s.once('disconnect', (why) => disconnected.push(why));
    const offline = `Olin hetken poissa (${label})`;
    const cutAt = Date.now();
    link.cut();
    let during: LinkCounts;
    let atCut: LinkCounts;
    try {
      // Asked after the cut (the emulator takes its commands in order): the counts at the cut.
      atCut = await link.counts();
      // Written while offline: it waits (in TCP's buffers, or the outbox) and must arrive once.
      await say(family, offline);
      await pause(3000);
      // Silent: three seconds in, the server has heard nothing of the loss.
      assert.deepEqual([...disconnected], [], 'no disconnect seen by the server in the first 3 s');
      assert.ok(
        socketsBefore.every((s) => s.connected),
        'the server still holds the sockets open',
      );
      await pause(CUT_MS - (Date.now() - cutAt));
      during = await link.counts();
    } finally {
      // Always given back, even when an assertion above failed.
      link.heal(newPath);
    }
    const backAt = Date.now();
    assert.equal(during.up.passed, atCut.up.passed, 'nothing got out during the cut');
    assert.equal(during.down.passed, atCut.down.passed, 'nothing got in during the cut');
    assert.ok(during.up.cut > atCut.up.cut && during.down.cut > atCut.down.cut, 'both ways cut');

    // Each part timed on its own (waits longer than 10 s, so a failure says how late it was).
    const stages: Record<string, number> = {};
    const timed = async (name: string, part: () => Promise<unknown>) => {
      await part();
      stages[name] = Date.now() - backAt;
    };
    const wait = { timeout: 3 * BACK_WITHIN_MS };
    const media = { videos: 1, audio: true, timeoutMs: 3 * BACK_WITHIN_MS, intervalMs: 300 };
    const reply = `Kuuluu taas (${label})`;
    await say(host, reply);
    await Promise.all([
      timed('family in the room', () => room(family).waitFor(wait)),
      // The server holds the family's peer on a working socket again.
      timed('live socket', async () => {
        // On a new path the old socket is dead even while the server still holds it: a new one.
        const fresh = () => !newPath || !socketsBefore.includes(peer.socket!);
        while (!peer.socket?.connected || !fresh()) {
          if (Date.now() - backAt > wait.timeout) throw new Error('the live socket is not back');
          await pause(50);
        }
      }),
      timed('family media', () => mediaFlowing(family, media)),
      timed('host media', () => mediaFlowing(host, media)),
      timed('offline message at the host', () => shown(host, offline).waitFor(wait)),
      timed('reply at the family', () => shown(family, reply).waitFor(wait)),
    ]);
    const recoveredMs = Math.max(...Object.values(stages));
    const figures = Object.entries(stages)
      .map(([name, ms]) => `${name} ${ms} ms`)
      .join(', ');
    assert.ok(recoveredMs < BACK_WITHIN_MS, `all well within 10 s of the return: ${figures}`);
    assert.equal(familyPeer(), peer, 'the same peer, not a new one');
    assert.equal(await host.getByTestId('participant').count(), 2, 'nobody doubled');
    assert.equal(await shown(host, offline).count(), 1, 'the offline message arrived once');
    return { recoveredMs, figures, disconnected, socketsBefore };
  }

  it('[net-1] given back as it was: the same peer, media and chat again within 10 s', async () => {
    const { figures, disconnected } = await cutAndReturn(false, 'sama verkko');
    console.log(
      `      [net-1] 5 s cut, same path, after the return: ${figures} ` +
        `(server saw ${disconnected.length ? disconnected.join(', ') : 'no disconnect'})`,
    );
  });

  it('[net-1] given back on a new path (old connections dead): the heartbeat notices, same peer, media and chat within 10 s', async () => {
    const { figures, disconnected, socketsBefore } = await cutAndReturn(true, 'uusi verkko');
    // Nothing of the old connections got through: the server had to notice by itself.
    // The browser may notice first and be back before the server's own timeout has run (at
    // most 3 + 7 s after the cut, i.e. 5 s after the return): wait for it, up to 8 s.
    const closedBy = Date.now() + 8000;
    while (!socketsBefore.every((s) => s.disconnected) && Date.now() < closedBy) await pause(100);
    assert.ok(
      socketsBefore.every((s) => s.disconnected),
      'the old sockets were closed by the heartbeat',
    );
    assert.ok(disconnected.includes('ping timeout'), `closed by ping timeout: ${disconnected}`);
    const peer = familyPeer()!;
    assert.ok(peer.socket && !socketsBefore.includes(peer.socket), 'the peer is on a new socket');
    console.log(
      `      [net-1] 5 s cut, new path, after the return: ${figures} ` +
        `(server saw ${disconnected.join(', ')})`,
    );
  });
});
