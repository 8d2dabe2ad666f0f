// [ctl-1..6] A facilitator's controls in the live room, end to end in real browsers (Debian's
// Chromium, fake camera, microphone and screen) against the real server and SFU: spotlight,
// simulcast layers, stop-camera, ask-unmute, screen share and the lock. One browser and one
// session for the whole file: a facilitator and two families in the room, a third family who
// comes later. Each test leaves the room as it found it.
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LivePeer } from '../../server/live/LivePeer.ts';
import type { LiveSession } from '../../server/live/LiveSession.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { liveGroup, type LiveGroup } from '../support/live.ts';
import type { TestPerson } from '../support/people.ts';
import { locale, text } from '../support/locales.ts';
import { joinSession, mediaFlowing } from './liveBrowser.ts';
import { video, videoRising, untilTrue } from './liveMediaStats.ts';

// Test people read the app in Finnish (their profile language).
const fi = locale('fi', 'live');

describe('live room controls in real browsers', function () {
  this.timeout(60_000);
  let app: TestApp;
  let browser: Browser;
  let live: LiveGroup;
  let session: LiveSession;
  let host: Page;
  let famA: Page;
  let famB: Page;
  const pages: Page[] = [];

  const room = (page: Page) => page.locator('[data-testid="live-room"][data-phase="live"]');
  const row = (page: Page, person: TestPerson) =>
    page.locator(`[data-testid="participant"][data-name="${person.displayName}"]`);
  const tile = (page: Page, person: TestPerson) =>
    page.locator(`[data-testid="participant-tile"][data-name="${person.displayName}"]`);
  const peerOf = (person: TestPerson): LivePeer => {
    const peer = [...session.peers.values()].find((p) => p.personId === person.id);
    if (!peer) throw new Error(`${person.displayName} is not in the session`);
    return peer;
  };
  const cameraOf = (person: TestPerson) => peerOf(person).media?.producerOf('camera');
  /** The SFU consumer through which `viewer` receives `person`'s camera. */
  const consumerOf = (viewer: TestPerson, person: TestPerson) => {
    const producerId = cameraOf(person)?.id;
    return [...(peerOf(viewer).media?.consumers.values() ?? [])].find(
      (c) => c.producerId === producerId,
    );
  };
  const [facilitator, a, b] = [
    () => live.staff.facilitator,
    () => live.families[0]!,
    () => live.families[1]!,
  ];

  // While false, the first family's browser asks the SFU to close a producer that is not theirs
  // instead of their own: only the server can then close their camera (ctl-3). The request
  // still goes out and is answered, so the page does not wait for a lost answer.
  let ownCloseReaches = true;
  const rewriteOwnClose = (context: BrowserContext) =>
    context.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        const frame = String(message);
        const own = frame.includes('"media:closeProducer"');
        server.send(
          own && !ownCloseReaches
            ? frame.replace(/"producerId":"[^"]*"/, '"producerId":"none-of-theirs"')
            : message,
        );
      });
    });

  before(async function () {
    this.timeout(120_000);
    app = await startTestApp({ label: 'ctl' });
    browser = await launchBrowser();
    live = await liveGroup(app.url, { families: 3 });
    host = await joinSession(browser, app.url, facilitator(), live.sessionId);
    pages.push(host);
    // The families come in together (a page left by a failed join closes with the browser).
    [famA, famB] = await Promise.all([
      joinSession(browser, app.url, a(), live.sessionId, { prepare: rewriteOwnClose }),
      joinSession(browser, app.url, b(), live.sessionId),
    ]);
    pages.push(famA, famB);
    for (const page of [host, famA, famB]) await room(page).waitFor();
    await mediaFlowing(famB, { videos: 2, audio: true });
    session = app.app.live.get(live.sessionId)!;
  });
  after(async () => {
    for (const page of pages.splice(0)) await page.context().close();
    await browser?.close();
    await app?.close();
  });

  it('[ctl-1] simulcast: low bandwidth mode brings the smallest layer, and turning it off a larger one', async () => {
    const hostCamera = () => cameraOf(facilitator())!.id;
    // At first a desktop tile: a layer above the smallest (the fake camera is 640×480).
    const normal = await untilTrue(async () => {
      const seen = await video(famB, hostCamera());
      return seen && seen.width > 160 ? seen : null;
    }, 'the facilitator decoded above 160 px wide');
    assert.ok(
      (consumerOf(b(), facilitator())?.preferredLayers?.spatialLayer ?? 0) >= 1,
      'the SFU prefers a larger layer for a desktop tile',
    );

    await famB.getByTestId('low-bandwidth').check();
    // Only one video then (the spotlight or the latest speaker, which may change meanwhile), at
    // the smallest layer in the SFU and 160 px wide as decoded, frames still coming.
    await untilTrue(async () => {
      const forwarded = [...(peerOf(b()).media?.consumers.values() ?? [])].filter(
        (c) => c.kind === 'video' && !c.paused,
      );
      const [one] = forwarded;
      if (
        forwarded.length !== 1 ||
        one!.preferredLayers?.spatialLayer !== 0 ||
        one!.currentLayers?.spatialLayer !== 0
      )
        return false;
      const seen = await video(famB, one!.producerId);
      return seen?.width === 160 && (await videoRising(famB, one!.producerId));
    }, 'one video forwarded to the family, on layer 0, decoded 160 px wide');

    await famB.getByTestId('low-bandwidth').uncheck();
    const back = await untilTrue(async () => {
      const seen = await video(famB, hostCamera());
      return seen && seen.width > 160 && (await videoRising(famB, hostCamera())) ? seen : null;
    }, 'a larger layer again');
    assert.ok(back.width >= normal.width / 2, `${back.width} px after, ${normal.width} before`);
  });

  it('[ctl-2] spotlight: every screen shows the family, and the SFU forwards them first', async () => {
    // The second family receives one video only (low bandwidth): the SFU must choose.
    await famB.getByTestId('low-bandwidth').check();
    await row(host, a()).locator('[data-action="spotlight"]').click();
    const spotlit = text(fi, 'room.spotlighted');
    for (const page of [host, famB]) {
      await page
        .locator('.live-main [data-testid="participant-tile"]', { hasText: spotlit })
        .filter({ hasText: a().displayName })
        .waitFor();
      assert.equal(await page.locator('.live-stage').getAttribute('data-layout'), 'focus');
    }
    await famA.locator('.live-self', { hasText: spotlit }).waitFor(); // "you" are spotlit
    assert.equal(await tile(host, b()).filter({ hasText: spotlit }).count(), 0);
    // The SFU: the second family's one video is the spotlit family's camera, decoding.
    await untilTrue(async () => {
      const toA = consumerOf(b(), a());
      const toHost = consumerOf(b(), facilitator());
      return toA && !toA.paused && toHost?.paused === true;
    }, "the family's one video is the spotlit camera");
    await untilTrue(() => videoRising(famB, cameraOf(a())!.id), 'spotlit frames decode');

    // Moved to the facilitator: the forwarding follows.
    await row(host, facilitator()).locator('[data-action="spotlight"]').click();
    await untilTrue(async () => {
      const toA = consumerOf(b(), a());
      const toHost = consumerOf(b(), facilitator());
      return toHost && !toHost.paused && toA?.paused === true;
    }, 'the forwarded video follows the spotlight');
    await untilTrue(() => videoRising(famB, cameraOf(facilitator())!.id), 'host frames decode');
    await tile(famB, facilitator()).filter({ hasText: spotlit }).waitFor();

    await row(host, facilitator()).locator('[data-action="spotlight"]').click(); // off again
    await famB.locator('.live-stage[data-layout="grid"]').waitFor();
    await famB.getByTestId('low-bandwidth').uncheck();
    assert.equal(session.settings.spotlight, null);
  });

  it('[ctl-3] stop-camera: the family camera is closed in the SFU and nobody receives it', async () => {
    const before = cameraOf(a());
    assert.ok(before, 'the family sends a camera');
    for (const page of [host, famB]) {
      await untilTrue(() => videoRising(page, before.id), 'their camera decodes first');
    }
    // The family's own browser does not close it (see rewriteOwnClose): the server must.
    ownCloseReaches = false;
    try {
      await row(host, a()).locator('[data-action="stop-camera"]').click();
      await famA.locator('[data-testid="notice"][data-notice="cameraStopped"]').waitFor();
    } finally {
      ownCloseReaches = true;
    }
    // Shown at once: the button and the self-view say the camera is off.
    await famA
      .locator('[data-testid="camera-button"][aria-pressed="false"]')
      .waitFor({ timeout: 5000 });
    await famA.locator('.live-self video').waitFor({ state: 'detached', timeout: 5000 });
    await untilTrue(async () => before.closed && !cameraOf(a()), 'the producer is closed');
    for (const page of [host, famB]) {
      await page.locator(`video[data-producer-id="${before.id}"]`).waitFor({ state: 'detached' });
      assert.equal(await videoRising(page, before.id), false, 'no frames of it any more');
    }
    // The stopped button stays, disabled.
    await row(host, a()).locator('[data-action="stop-camera"][aria-disabled="true"]').waitFor();
    // Theirs to turn on again.
    await famA.getByTestId('camera-button').click();
    await untilTrue(async () => {
      const camera = cameraOf(a());
      return camera && camera.id !== before.id && (await videoRising(famB, camera.id));
    }, 'the family turned the camera back on');
  });

  it('[ctl-4] ask-unmute: the family is asked and unmutes themselves; nothing unmutes them by force', async () => {
    const mic = () => peerOf(b()).media?.producerOf('microphone');
    await row(host, b()).locator('[data-action="mute"]').click();
    await famB.locator('[data-testid="mic-button"][aria-pressed="false"]').waitFor();
    await untilTrue(async () => mic()?.paused === true, 'muted in the SFU');
    await famB.locator('[data-testid="notice"][data-notice="mutedByHost"] button').click();

    await row(host, b()).locator('[data-action="ask-unmute"]').click();
    const notice = famB.locator('[data-testid="notice"][data-notice="unmuteRequested"]');
    await notice.waitFor();
    // Asked, not done: the microphone stays paused in the SFU and in the browser.
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(mic()?.paused, true, 'still paused in the SFU after the request');
    assert.equal(await famB.getByTestId('mic-button').getAttribute('aria-pressed'), 'false');
    // The family's own choice, from the notice.
    await notice.getByRole('button').first().click();
    await famB.locator('[data-testid="mic-button"][aria-pressed="true"]').waitFor();
    await untilTrue(async () => mic()?.paused === false, 'unmuted in the SFU');
    await row(host, b()).locator('[data-action="mute"]').waitFor();
    await notice.waitFor({ state: 'detached' });
  });

  it("[ctl-5] a facilitator's screen share: the families decode it in the main area", async () => {
    await host.getByTestId('screen-button').click();
    await host.locator('[data-testid="screen-button"][aria-pressed="true"]').waitFor();
    const screen = await untilTrue(
      async () => peerOf(facilitator()).media?.producerOf('screen'),
      'a screen producer in the SFU',
    );
    // Both families at once.
    await Promise.all(
      [famA, famB].map(async (page) => {
        await page.locator(`.live-screen video[data-producer-id="${screen.id}"]`).waitFor();
        await untilTrue(async () => {
          const seen = await video(page, screen.id);
          return seen && seen.width > 0 && (await videoRising(page, screen.id));
        }, 'screen frames decode');
        assert.equal(await page.locator('.live-stage').getAttribute('data-layout'), 'focus');
      }),
    );
    await host.getByTestId('screen-button').click();
    for (const page of [famA, famB])
      await page.locator('.live-screen').waitFor({ state: 'detached' });
    assert.equal(peerOf(facilitator()).media?.producerOf('screen'), undefined);
  });

  it('[ctl-6] lock: a newcomer waits in the lobby while locked, and unlocking lets them in', async function () {
    // A new page loads the app and checks its devices first: the slowest step on a busy machine.
    this.timeout(90_000);
    const late = live.families[2]!;
    // The switch shows the server's state: it turns once the server has it.
    await host.getByTestId('lock-switch').click();
    await host.locator('[data-testid="lock-switch"]:checked').waitFor();
    for (const page of [famA, famB]) await page.locator('.live-locked').waitFor();
    const newcomer = await joinSession(browser, app.url, late, live.sessionId);
    pages.push(newcomer);
    await newcomer.getByTestId('lobby-waiting').waitFor();
    await host.getByTestId('lobby-entry').waitFor();
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(await room(newcomer).count(), 0, 'not in the room while locked');
    assert.equal(await row(famA, late).count(), 0, 'not listed to the others');
    assert.ok(!peerOf(late).media, 'no media in the SFU');

    await host.getByTestId('lock-switch').click();
    await room(newcomer).waitFor();
    await mediaFlowing(newcomer, { videos: 1, audio: true });
    await row(famA, late).waitFor();
    await host.getByTestId('lobby-entry').waitFor({ state: 'detached' });
    for (const page of [famA, famB])
      await page.locator('.live-locked').waitFor({ state: 'detached' });
  });
});
