// [video-1..5, 7] Live sessions in real browsers (Debian's Chromium with a fake camera and
// microphone) against the real server, database and mediasoup worker.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../server/platform/paths.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { liveGroup, type LiveGroup } from '../support/live.ts';
import type { TestPerson } from '../support/people.ts';
import { joinSession, mediaFlowing } from './liveBrowser.ts';

const errors = JSON.parse(
  // Test people read the app in Finnish (their profile language).
  readFileSync(join(projectRoot, 'locales', 'fi', 'errors.json'), 'utf8'),
) as { live: Record<string, string> };

describe('live sessions in real browsers', function () {
  this.timeout(120_000);
  let app: TestApp;
  let browser: Browser;
  const pages: Page[] = [];
  const enter = async (live: LiveGroup, person: TestPerson, options = {}) => {
    const page = await joinSession(browser, app.url, person, live.sessionId, options);
    pages.push(page);
    return page;
  };
  const room = (page: Page) => page.locator('[data-testid="live-room"][data-phase="live"]');
  const row = (page: Page, person: TestPerson) =>
    page.locator(`[data-testid="participant"][data-name="${person.displayName}"]`);

  /** A facilitator and one family in a session, media flowing. */
  const facilitatorAndFamily = async () => {
    const live = await liveGroup(app.url, { families: 1 });
    const host = await enter(live, live.staff.facilitator);
    const family = await enter(live, live.families[0]!);
    for (const page of [host, family]) await room(page).waitFor();
    await mediaFlowing(family, { videos: 1, audio: true });
    return { live, host, family, session: app.app.live.get(live.sessionId)! };
  };

  before(async () => {
    app = await startTestApp({ label: 'video' });
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('[video-1] a facilitator and two families see and hear each other', async () => {
    const live = await liveGroup(app.url, { families: 2 });
    const host = await enter(live, live.staff.facilitator);
    // The second family is on a phone.
    const families = [
      await enter(live, live.families[0]!),
      await enter(live, live.families[1]!, { width: 360 }),
    ];
    for (const page of [host, ...families]) await room(page).waitFor();
    const phone = families[1]!;
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= 360, `the room fits a 360 px phone (${overflow} px wide)`);
    for (const control of ['mic-button', 'camera-button', 'leave-button']) {
      assert.ok(await phone.getByTestId(control).isVisible(), `${control} on the phone`);
    }
    for (const page of families) {
      await mediaFlowing(page, { videos: 2, audio: true });
      assert.equal(await page.getByTestId('remote-video').count(), 2);
      assert.equal(await page.getByTestId('remote-audio').count(), 2);
    }
    await mediaFlowing(host, { videos: 2, audio: true });
    // The fake microphones beep: the SFU's audio-level observer marks people as speaking.
    await families[0]!.locator('[data-testid="participant"]').first().waitFor();
    await families[0]!.locator('[data-speaking="true"]').first().waitFor({ timeout: 10_000 });
  });

  it('[video-2] with auto-admit off a family waits until the facilitator admits them', async () => {
    const live = await liveGroup(app.url, { families: 1, group: { autoAdmit: false } });
    const host = await enter(live, live.staff.facilitator);
    await room(host).waitFor();
    const family = await enter(live, live.families[0]!);
    await family.getByTestId('lobby-waiting').waitFor();
    const knock = host.getByTestId('lobby-entry');
    await knock.waitFor();
    assert.match(await host.title(), /^\(1\) /, 'the tab title shows the knock');
    assert.equal(await family.getByTestId('remote-video').count(), 0, 'no media while waiting');
    await knock.locator('[data-action="admit"]').click();
    await room(family).waitFor();
    await mediaFlowing(family, { videos: 1, audio: true });
    await host.getByTestId('lobby-entry').waitFor({ state: 'detached' });
  });

  it('[video-3] the facilitator mutes one family and removes another, who cannot rejoin', async () => {
    const live = await liveGroup(app.url, { families: 2 });
    const host = await enter(live, live.staff.facilitator);
    const [muted, removed] = [
      await enter(live, live.families[0]!),
      await enter(live, live.families[1]!),
    ];
    for (const page of [host, muted, removed]) await room(page).waitFor();
    await muted.locator('[data-testid="mic-button"][aria-pressed="true"]').waitFor();

    await row(host, live.families[0]!).locator('[data-action="mute"]').click();
    await muted.locator('[data-testid="notice"][data-notice="mutedByHost"]').waitFor();
    await muted.locator('[data-testid="mic-button"][aria-pressed="false"]').waitFor();
    const session = app.app.live.get(live.sessionId);
    const peer = [...(session?.peers.values() ?? [])].find(
      (p) => p.personId === live.families[0]!.id,
    );
    assert.equal(peer?.media?.producerOf('microphone')?.paused, true, 'paused in the SFU');

    await row(host, live.families[1]!).locator('[data-action="remove"]').click();
    await host.getByTestId('remove-reason').fill('Please rejoin next week.');
    await host.getByTestId('remove-confirm').click();
    await removed.getByTestId('live-removed').waitFor();
    assert.match(
      await removed.getByTestId('live-removed').innerText(),
      /Please rejoin next week\./,
    );
    await row(host, live.families[1]!).waitFor({ state: 'detached' });

    // Told before the device check: no camera test for a session one cannot rejoin.
    await removed.reload();
    const refusal = removed.getByTestId('live-refused');
    await refusal.waitFor();
    assert.match(await refusal.innerText(), new RegExp(errors.live.removed!.slice(0, 30)));
    assert.equal(await removed.getByTestId('join-button').count(), 0, 'no device check offered');
  });

  it('[video-4] a hidden observer: facilitators see them and their whispers, families nothing', async () => {
    const live = await liveGroup(app.url, { families: 2, group: { observationAllowed: true } });
    const host = await enter(live, live.staff.facilitator);
    const families = [await enter(live, live.families[0]!), await enter(live, live.families[1]!)];
    const frames: string[][] = families.map(() => []);
    families.forEach((page, i) =>
      page.on('websocket', (ws) =>
        ws.on('framereceived', ({ payload }) => frames[i]!.push(String(payload))),
      ),
    );
    for (const page of [host, ...families]) await room(page).waitFor();
    // Sockets opened before listening: reload so every frame is seen from the start.
    for (const page of families) {
      await page.reload();
      await page.getByTestId('join-button').click();
      await room(page).waitFor();
    }

    const trainer = await enter(live, live.staff.trainer, { observer: true });
    await room(trainer).waitFor();
    await mediaFlowing(trainer, { videos: 3, audio: true });
    await host
      .getByTestId('observers')
      .filter({ hasText: live.staff.trainer.displayName })
      .waitFor();

    await trainer.getByTestId('whisper-input').fill('Kysy myös isien kokemuksista.');
    await trainer.getByTestId('whisper-send').click();
    await host
      .getByTestId('whisper')
      .filter({ hasText: 'Kysy myös isien kokemuksista.' })
      .waitFor();
    await families[0]!.getByTestId('hand-button').click();
    await new Promise((r) => setTimeout(r, 1000));

    const secrets = [live.staff.trainer.displayName, live.staff.trainer.id, 'Kysy myös isien'];
    for (const [i, page] of families.entries()) {
      const text = await page.locator('body').innerText();
      const heard = frames[i]!.join('\n');
      assert.ok(heard.includes('live:participant'), 'the family page did receive session events');
      for (const secret of secrets) {
        assert.ok(!text.includes(secret), `family page shows ${secret}`);
        assert.ok(!heard.includes(secret), `family socket received ${secret}`);
      }
      assert.equal(await page.getByTestId('whisper').count(), 0);
      assert.equal(await page.getByTestId('observers').count(), 0);
      assert.equal(await page.getByTestId('participant').count(), 3, 'host and two families');
    }
  });

  it('[video-5] a family whose connection drops is back in the same session within 10 s', async () => {
    const { live, host, family, session } = await facilitatorAndFamily();
    const before = [...session.peers.values()].find((p) => p.personId === live.families[0]!.id);

    // Cut the family's connection under the socket (as a network drop would), not a sign-out.
    const cutAt = Date.now();
    for (const socket of app.app.io.of('/').sockets.values()) {
      const actor = socket.data.actor as { personId?: string };
      if (actor.personId === live.families[0]!.id) socket.conn.close();
    }
    await family.getByTestId('reconnecting').waitFor({ timeout: 5000 });
    await room(family).waitFor({ timeout: 10_000 });
    await mediaFlowing(family, {
      videos: 1,
      audio: true,
      timeoutMs: 10_000 - (Date.now() - cutAt),
    });
    const back = Date.now() - cutAt;
    assert.ok(back < 10_000, `back in ${back} ms`);
    if (process.env.DEBUG_LIVE) console.log(`[video-5] back in ${back} ms`);
    const after = [...session.peers.values()].find((p) => p.personId === live.families[0]!.id);
    assert.equal(after, before, 'the same peer, not a new one');
    assert.equal(await host.getByTestId('participant').count(), 2, 'nobody doubled');
  });

  it('[video-7] when the SFU worker dies, media flows again on a new worker within 10 s', async () => {
    const { host, family, session } = await facilitatorAndFamily();
    const oldPid = session.room.host.worker.pid;

    const killedAt = Date.now();
    process.kill(oldPid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 1500));
    await mediaFlowing(family, {
      videos: 1,
      audio: true,
      timeoutMs: 10_000 - (Date.now() - killedAt),
    });
    await mediaFlowing(host, {
      videos: 1,
      audio: true,
      timeoutMs: 10_000 - (Date.now() - killedAt),
    });
    const back = Date.now() - killedAt;
    assert.ok(back < 10_000, `media again after ${back} ms`);
    if (process.env.DEBUG_LIVE) console.log(`[video-7] media again after ${back} ms`);
    assert.notEqual(session.room.host.worker.pid, oldPid, 'on a new worker');
    assert.equal(await family.getByTestId('remote-video').count(), 1);
  });
});
