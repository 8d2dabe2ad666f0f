// [room-1] (browser side) A family in a breakout room sees the banner and the countdown and
// decodes only their partner's video; at the end they are back in the main room with everyone's
// video. Three Chromium pages; the facilitator opens the rooms over a plain socket.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { liveGroup, liveSocket, must, type TestSocket } from '../support/live.ts';
import type { TestPerson } from '../support/people.ts';
import { enterOnPhone, mediaFlowing } from './liveBrowser.ts';

describe('[room-1] a breakout room in real browsers', function () {
  this.timeout(180_000);
  let app: TestApp;
  let browser: Browser;
  let host: TestSocket | undefined;
  const pages: Page[] = [];

  before(async () => {
    app = await startTestApp({ label: 'breakouts-e2e' });
    browser = await launchBrowser();
  });
  after(async () => {
    host?.disconnect();
    for (const page of pages) await page.context().close();
    await browser?.close();
    await app?.close();
  });

  it('[room-1] a pair sees its room and countdown, decodes only each other, and is back with everyone at the end', async () => {
    const live = await liveGroup(app.url, { families: 3 });
    const [a, b, c] = live.families as [TestPerson, TestPerson, TestPerson];
    host = await liveSocket(app.url, live.staff.facilitator);
    await must(host, 'live:join', { sessionId: live.sessionId });
    const enter = (person: TestPerson, lang: string) =>
      enterOnPhone(browser, app.url, person, live.sessionId, lang, pages);
    const pageA = await enter(a, 'ar');
    await enter(b, 'fi');
    await enter(c, 'fi');
    await mediaFlowing(pageA, { videos: 2, audio: true });

    const session = app.app.live.get(live.sessionId)!;
    const peerOf = (p: TestPerson) => session.peerOfPerson(p.id)!.peerId;
    await must(host, 'live:breakoutOpen', {
      minutes: 0.25,
      split: { by: 'hand', rooms: [[peerOf(a), peerOf(b)], [peerOf(c)]] },
    });

    // The banner names the room and the partner, in Arabic, with a countdown.
    const banner = pageA.getByTestId('breakout-banner');
    await banner.waitFor();
    assert.match(await banner.innerText(), new RegExp(b.displayName));
    assert.match(
      (await pageA.getByTestId('breakout-countdown').innerText()).trim(),
      /^0:[0-5][0-9]$/,
    );
    // Only the partner's video: one tile with video, theirs, decoding.
    const videos = pageA.locator('[data-testid="remote-video"]');
    await pageA.waitForFunction(
      () => document.querySelectorAll('[data-testid="remote-video"]').length === 1,
    );
    assert.equal(await videos.first().getAttribute('data-peer-id'), peerOf(b));
    await mediaFlowing(pageA, { videos: 1, audio: true });
    const consumed = [...session.peerOfPerson(a.id)!.media!.consumers.values()];
    const fromB = new Set([...session.peerOfPerson(b.id)!.media!.producers.keys()]);
    assert.ok(consumed.length > 0 && consumed.every((x) => fromB.has(x.producerId)));

    // At the end: back in the main room, both others' video decoding within 3 s.
    const endsAt = new Date(session.breakouts.endsAt!).getTime();
    await banner.waitFor({ state: 'detached', timeout: 20_000 });
    const bannerGone = Date.now() - endsAt;
    await pageA.waitForFunction(
      () => document.querySelectorAll('[data-testid="remote-video"]').length === 2,
      undefined,
      { timeout: 3000 },
    );
    const tiles = Date.now() - endsAt;
    await mediaFlowing(pageA, { videos: 2, audio: true, timeoutMs: 5000, intervalMs: 200 });
    console.log(
      `      back in the main room after the end: banner gone ${bannerGone} ms, both videos ` +
        `shown ${tiles} ms, decoding ${Date.now() - endsAt} ms`,
    );
  });
});
