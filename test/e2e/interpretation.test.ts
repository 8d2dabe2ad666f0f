// [room-6] An interpreter channel in real browsers: the facilitator names a family member
// interpreter into Arabic; a listener on the Arabic channel hears the interpreter at full volume
// and the floor turned down; a listener on the floor never receives the interpreter's voice.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { liveGroup } from '../support/live.ts';
import type { TestPerson } from '../support/people.ts';
import { enterOnPhone, mediaFlowing } from './liveBrowser.ts';

/** Inbound audio from one peer's <audio>: packets and energy so far, and its volume. */
function heard(page: Page, peerId: string) {
  return page.evaluate(async (peer) => {
    const element = document.querySelector<HTMLAudioElement>(
      `[data-testid="remote-audio"][data-peer-id="${peer}"]`,
    );
    const track = (element?.srcObject as MediaStream | null)?.getAudioTracks()[0];
    if (!element || !track) return null;
    let packets = 0;
    let energy = 0;
    for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((stat: Record<string, unknown>) => {
        if (stat.type !== 'inbound-rtp' || stat.trackIdentifier !== track.id) return;
        packets += Number(stat.packetsReceived ?? 0);
        energy += Number(stat.totalAudioEnergy ?? 0);
      });
    }
    return { packets, energy, volume: element.volume };
  }, peerId);
}

describe('[room-6] an interpreter channel in real browsers', function () {
  this.timeout(180_000);
  let app: TestApp;
  let browser: Browser;
  const pages: Page[] = [];

  before(async () => {
    app = await startTestApp({ label: 'interpret-e2e' });
    browser = await launchBrowser();
  });
  after(async () => {
    for (const page of pages) await page.context().close();
    await browser?.close();
    await app?.close();
  });

  it('[room-6] the Arabic channel hears its interpreter and the floor lower; the floor never gets the interpreter; a switch takes effect within 1 s', async () => {
    const live = await liveGroup(app.url, { families: 3 });
    const [interpreter, arListener, floorListener] = live.families as [
      TestPerson,
      TestPerson,
      TestPerson,
    ];
    const enter = (person: TestPerson, lang = 'fi') =>
      enterOnPhone(browser, app.url, person, live.sessionId, lang, pages);
    const host = await enter(live.staff.facilitator);
    const interpreting = await enter(interpreter, 'ar');
    const listener = await enter(arListener, 'ar');
    const floor = await enter(floorListener);
    await mediaFlowing(listener, { videos: 3, audio: true });

    // The facilitator names the interpreter from the participants list.
    await host.locator('button[aria-controls="live-participants"]').click();
    const row = host.locator(`[data-testid="participant"][data-name="${interpreter.displayName}"]`);
    const interpreterPeer = (await row.getAttribute('data-peer-id'))!;
    const hostPeer = (await host
      .locator(`[data-testid="participant"][data-name="${live.staff.facilitator.displayName}"]`)
      .getAttribute('data-peer-id'))!;
    await row.getByTestId('interpreter-select').selectOption('ar');
    await interpreting.getByTestId('interpreting-self').waitFor();

    // On the floor: the interpreter's voice is gone and never comes back.
    const floorElement = floor.locator(
      `[data-testid="remote-audio"][data-peer-id="${interpreterPeer}"]`,
    );
    await floorElement.waitFor({ state: 'detached' });

    // The listener picks Arabic: the interpreter at full volume, the floor turned down.
    const switched = Date.now();
    await listener.getByTestId('channel-select').selectOption('ar');
    await listener
      .locator(`[data-testid="remote-audio"][data-peer-id="${interpreterPeer}"][data-volume="1"]`)
      .waitFor({ state: 'attached', timeout: 5000 });
    const toChannelMs = Date.now() - switched;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const voice = await heard(listener, interpreterPeer);
    const floorVoice = await heard(listener, hostPeer);
    assert.ok(
      voice && voice.packets > 0 && voice.energy > 0,
      `interpreter heard: ${JSON.stringify(voice)}`,
    );
    assert.equal(voice.volume, 1);
    assert.ok(floorVoice && floorVoice.packets > 0, 'the floor still flows');
    assert.equal(floorVoice.volume, 0.25, 'the floor is turned down, not off');

    // The floor listener has no consumer of the interpreter's microphone, in the SFU either.
    const session = app.app.live.get(live.sessionId)!;
    const interpreterMic = [
      ...session.peerOfPerson(interpreter.id)!.media!.producers.values(),
    ].find((p) => p.kind === 'audio')!;
    const floorConsumers = [...session.peerOfPerson(floorListener.id)!.media!.consumers.values()];
    assert.ok(floorConsumers.length > 0);
    assert.ok(
      !floorConsumers.some((c) => c.producerId === interpreterMic.id),
      'no consumer on the floor',
    );
    assert.equal(await floorElement.count(), 0);

    // Back to the floor: the interpreter's voice stops within a second.
    const back = Date.now();
    await listener.getByTestId('channel-select').selectOption('');
    await listener
      .locator(`[data-testid="remote-audio"][data-peer-id="${interpreterPeer}"]`)
      .waitFor({ state: 'detached', timeout: 5000 });
    const toFloorMs = Date.now() - back;
    console.log(
      `      channel switch: to Arabic ${toChannelMs} ms, back to the floor ${toFloorMs} ms`,
    );
    assert.ok(toChannelMs <= 1000, `switching to the channel took ${toChannelMs} ms`);
    assert.ok(toFloorMs <= 1000, `switching back took ${toFloorMs} ms`);
  });
});
