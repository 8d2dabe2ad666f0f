// [scale-4] A family whose network lets nothing through but a TURN relay still gets media: the
// browser is forced to relay-only ICE (the client's diagnostics switch), the relay is the
// coturn the project provisions and starts, and the credentials come with the live session.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { turnCredential } from '../../server/media/turn/credentials.ts';
import type { IceServer } from '../../server/protocol/media.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { liveGroup } from '../support/live.ts';
import type { TestPerson } from '../support/people.ts';
import { mediaFlowing, sessionPage } from './liveBrowser.ts';

/** The candidate types of every connected peer connection's selected pair (local/remote). */
async function selectedPairs(page: Page): Promise<{ local: string; remote: string }[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    const pairs: { local: string; remote: string }[] = [];
    for (const pc of pcs) {
      if (pc.connectionState !== 'connected') continue;
      const stats = new Map<string, Record<string, unknown>>();
      (await pc.getStats()).forEach((s: Record<string, unknown>) => stats.set(String(s.id), s));
      for (const stat of stats.values()) {
        if (stat.type !== 'transport' || !stat.selectedCandidatePairId) continue;
        const pair = stats.get(String(stat.selectedCandidatePairId));
        const local = stats.get(String(pair?.localCandidateId));
        const remote = stats.get(String(pair?.remoteCandidateId));
        pairs.push({ local: String(local?.candidateType), remote: String(remote?.candidateType) });
      }
    }
    return pairs;
  });
}

/** Relay candidates a browser gathers with these ICE servers (0 when coturn refuses them). */
function relayCandidates(page: Page, iceServers: IceServer[]) {
  return page.evaluate(async (servers) => {
    const pc = new RTCPeerConnection({ iceServers: servers, iceTransportPolicy: 'relay' });
    const found: string[] = [];
    const errors: number[] = [];
    pc.addEventListener('icecandidate', (e) => {
      if (e.candidate?.type === 'relay') found.push(e.candidate.candidate);
    });
    pc.addEventListener('icecandidateerror', (e) => errors.push(e.errorCode));
    pc.createDataChannel('probe');
    await pc.setLocalDescription(await pc.createOffer());
    // No named functions in here: the test's compiler would wrap them in a helper the page lacks.
    for (let waited = 0; pc.iceGatheringState !== 'complete' && waited < 10_000; waited += 100)
      await new Promise((r) => setTimeout(r, 100));
    pc.close();
    return { relays: found.length, errors };
  }, iceServers);
}

describe('[scale-4] media through the TURN relay', function () {
  this.timeout(120_000);
  let app: TestApp;
  let browser: Browser;
  const pages: Page[] = [];

  /** Joins with relay-only ICE; returns the page and when Join was pressed. */
  const joinRelayOnly = async (person: TestPerson, sessionId: string) => {
    const page = await sessionPage(browser, app.url, person, sessionId);
    pages.push(page);
    // Read when the transports are made (after Join), so setting it on the page is enough.
    await page.evaluate(() => localStorage.setItem('rinnalla.iceTransportPolicy', 'relay'));
    const pressed = Date.now();
    await page.getByTestId('join-button').click();
    await page.locator('[data-testid="live-room"][data-phase="live"]').waitFor();
    return { page, pressed };
  };

  before(async () => {
    app = await startTestApp({ label: 'turn-e2e', turn: true });
    assert.ok(app.turn?.coturn, 'coturn started (Debian package coturn, provisioned by npm test)');
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('[scale-4] a relay-only browser gets media through the provisioned coturn', async () => {
    const live = await liveGroup(app.url, { families: 1 });
    const host = await joinRelayOnly(live.staff.facilitator, live.sessionId);
    const family = await joinRelayOnly(live.families[0]!, live.sessionId);
    // Join pressed → the host's video decoding new frames on the family's page, through the relay.
    await mediaFlowing(family.page, { videos: 1, audio: true, timeoutMs: 30_000 });
    const firstFrameMs = Date.now() - family.pressed;
    await mediaFlowing(host.page, { videos: 1, audio: true, timeoutMs: 30_000 });
    for (const { page } of [host, family]) {
      const pairs = await selectedPairs(page);
      assert.ok(
        pairs.length >= 2,
        `send and receive transports connected: ${JSON.stringify(pairs)}`,
      );
      for (const pair of pairs) assert.equal(pair.local, 'relay', JSON.stringify(pairs));
    }
    console.log(`      join → media flowing through the relay: ${firstFrameMs} ms`);
  });

  it('[scale-4] coturn accepts a fresh credential and refuses an expired or forged one', async () => {
    const page = await (await browser.newContext()).newPage();
    pages.push(page);
    await page.goto(`${app.url}/`);
    const { urls, secret } = app.turn!.coturn!;
    const server = (username: string, credential: string) => [{ urls, username, credential }];
    const fresh = turnCredential(secret, 'probe', 600);
    const valid = await relayCandidates(page, server(fresh.username, fresh.credential));
    assert.ok(valid.relays > 0, `a fresh credential allocates a relay: ${JSON.stringify(valid)}`);
    const old = turnCredential(secret, 'probe', -60);
    const expired = await relayCandidates(page, server(old.username, old.credential));
    assert.equal(expired.relays, 0, `an expired credential is refused: ${JSON.stringify(expired)}`);
    assert.ok(expired.errors.includes(401), `coturn answers 401: ${JSON.stringify(expired)}`);
    const forged = turnCredential('not-the-secret-at-all', 'probe', 600);
    const wrong = await relayCandidates(page, server(forged.username, forged.credential));
    assert.equal(
      wrong.relays,
      0,
      `a credential of another secret is refused: ${JSON.stringify(wrong)}`,
    );
    assert.ok(wrong.errors.includes(401), `coturn answers 401: ${JSON.stringify(wrong)}`);
  });

  it('[scale-4] a coturn that dies is back by itself on its port: a credential handed out before still allocates', async () => {
    const page = await (await browser.newContext()).newPage();
    pages.push(page);
    await page.goto(`${app.url}/`);
    const relay = app.turn!;
    const { urls, secret } = relay.coturn!;
    const before = turnCredential(secret, 'probe', 600);
    const old = relay.coturn!.process;
    const killed = Date.now();
    old.kill('SIGKILL');
    while (!(relay.supervisor!.state === 'running' && relay.supervisor!.current?.process !== old)) {
      assert.ok(Date.now() - killed < 10_000, `restarted within 10 s (${relay.supervisor!.state})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const backMs = Date.now() - killed;
    const server = [{ urls, username: before.username, credential: before.credential }];
    const after = await relayCandidates(page, server);
    assert.ok(after.relays > 0, `the old credential allocates again: ${JSON.stringify(after)}`);
    console.log(`      coturn killed → running again on its port: ${backMs} ms`);
  });
});
