// [phone] What testers checked on a 360 × 740 phone, measured in a real Chromium against the real
// server, database and mediasoup worker: the catalogue shows what a search found at once; in the
// live room the control bar covers neither your own video nor a whisper, every control keeps
// its name in sight, no emoji stands in for a picture, a muted person is never "speaking", and
// Enter sends a whisper. With SCREENSHOTS=<dir>, pictures in Finnish and Arabic to look at.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { createGroup, createStaff, helsinkiDay, weekdayOf } from '../support/groups.ts';
import { liveGroup, type LiveGroup } from '../support/live.ts';
import { createPerson, signedInClient, type TestPerson } from '../support/people.ts';
import { joinSession } from './liveBrowser.ts';
import { locale, text } from '../support/locales.ts';

const fi = { groups: locale('fi', 'groups'), live: locale('fi', 'live') };

const PHONE = { width: 360, height: 740 };
const SOON = { timeout: 10_000 };
/** Emoji and other pictographs: device fonts draw them differently, or not at all. */
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

async function screenshot(page: Page, name: string) {
  if (!process.env.SCREENSHOTS) return;
  await page.waitForTimeout(500); // animations (a reaction popping up) come to rest
  await page.screenshot({ path: join(process.env.SCREENSHOTS, `${name}.png`) });
}

/** A box on the screen in CSS px: x from the window's left edge, whatever the direction. */
interface Box {
  top: number;
  bottom: number;
  x: number;
  width: number;
}
const box = async (locator: Locator): Promise<Box> =>
  locator.evaluate((element) => {
    const { top, bottom, x, width } = element.getBoundingClientRect();
    return { top, bottom, x, width };
  });
/** Overlapping by more than a pixel (scrolling aligns to whole pixels, boxes are fractional). */
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width - 1 &&
  b.x < a.x + a.width - 1 &&
  a.top < b.bottom - 1 &&
  b.top < a.bottom - 1;
const inViewport = (b: Box) => b.top >= 0 && b.bottom <= PHONE.height;

/**
 * Scrolls the element to the bottom of its scrolling box (where a bar stuck to the window's
 * bottom would lie over it), then: its box and the control bar's are apart, and what the page
 * shows at the element's bottom corners is the element itself.
 */
async function assertUncovered(page: Page, element: Locator, what: string) {
  await element.evaluate((e) => e.scrollIntoView({ block: 'end' }));
  const bar = await box(page.locator('.live-controls'));
  const own = await box(element);
  assert.ok(inViewport(own), `${what} is on the screen: ${JSON.stringify(own)}`);
  assert.ok(!overlap(own, bar), `the control bar ${JSON.stringify(bar)} covers ${what}`);
  const seen = await element.evaluate((e) => {
    const { bottom, x, width } = e.getBoundingClientRect();
    const corners = [x + 4, x + width - 4];
    return corners.every((at) => e.contains(document.elementFromPoint(at, bottom - 4)));
  });
  assert.ok(seen, `${what} is drawn on top, nothing over its bottom corners`);
}

describe('[phone] a 360 px phone: the catalogue and the live room', function () {
  this.timeout(180_000);
  let app: TestApp;
  let browser: Browser;

  before(async () => {
    app = await startTestApp({ label: 'phone' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('[phone-1] the filters fold away on a phone (the language stays open, the first group on the first screen) and a search shows its results at once', async () => {
    const staff = await createStaff(app.url);
    const titles = ['Arki', 'Isien ilta', 'Nuorten vanhemmat', 'Kielet kotona', 'Kielikylpy'];
    for (const [i, title] of titles.entries()) {
      const startDate = helsinkiDay(i + 2);
      const weekday = weekdayOf(startDate);
      const schedule = { frequency: 'weekly' as const, weekday, startDate, startTime: '18:00' };
      await createGroup(staff, {
        title: [{ lang: 'fi', text: `${title} – ryhmä ${i + 1}` }],
        sessionLanguages: i === 4 ? ['ar', 'fi'] : ['fi', 'en'],
        schedule: { ...schedule, durationMinutes: 90, count: 6 },
      });
    }
    const open = async (lang: string, width = PHONE.width) => {
      const context = await browser.newContext({
        locale: lang,
        viewport: { ...PHONE, width },
      });
      const page = await context.newPage();
      await page.goto(`${app.url}/groups`);
      await page.getByTestId('result-count').getByText(/\d/).waitFor();
      return page;
    };
    const count = (page: Page) => page.getByTestId('result-count');
    const language = (page: Page) => page.getByLabel(text(fi.groups, 'catalogue.language'));
    const topic = (page: Page) => page.getByLabel(text(fi.groups, 'catalogue.topic'));

    const page = await open('fi-FI');
    await count(page)
      .getByText(text(fi.groups, 'catalogue.count_other', { count: 5 }))
      .waitFor();
    assert.equal(await topic(page).isVisible(), false, 'the filters start folded');
    assert.equal(await language(page).isVisible(), true, 'the language, used most, stays open');
    const firstCard = page.locator('article.group-card').first();
    await firstCard.waitFor();
    const cardTop = (await box(firstCard)).top;
    assert.ok(
      cardTop < PHONE.height - 60,
      `the first group shows on the first screen (${cardTop})`,
    );
    const toggle = page.getByTestId('filters-toggle');
    assert.equal(await toggle.innerText(), text(fi.groups, 'catalogue.filtersToggle'));
    assert.ok((await box(count(page))).bottom <= PHONE.height, 'the count is on the first screen');
    await screenshot(page, 'phone-catalogue-fi');

    // Searching: the count and the first result come into view, focus on the count.
    await page.getByLabel(text(fi.groups, 'catalogue.search'), { exact: true }).fill('Kielikylpy');
    await page
      .getByRole('button', { name: text(fi.groups, 'catalogue.searchButton'), exact: true })
      .click();
    await count(page)
      .getByText(text(fi.groups, 'catalogue.count_one', { count: 1 }))
      .waitFor(SOON);
    await page.waitForFunction(() => document.activeElement?.matches('.result-count'), null, SOON);
    assert.equal(await count(page).getAttribute('role'), 'status', 'read out when it changes');
    assert.ok(inViewport(await box(count(page))), 'the count is in view after searching');
    const first = page.locator('article.group-card').first();
    assert.ok((await box(first)).top < PHONE.height - 80, 'the first result is in view');
    await screenshot(page, 'phone-catalogue-fi-searched');

    // A chosen filter: the fold says how many; "Show … groups" folds it and goes to the results.
    await page.goto(`${app.url}/groups`);
    await language(page).selectOption('ar');
    await count(page)
      .getByText(text(fi.groups, 'catalogue.count_one', { count: 1 }))
      .waitFor(SOON);
    assert.equal(await topic(page).isVisible(), false, 'choosing a language opens no fold');
    await toggle.click();
    // A click, not check(): the box follows the address, which the router updates a moment later.
    await page.getByLabel(text(fi.groups, 'catalogue.freePlaces')).click();
    await toggle.getByText(text(fi.groups, 'catalogue.chosen_one', { count: 1 })).waitFor();
    await screenshot(page, 'phone-catalogue-fi-filters');
    await page
      .getByRole('button', { name: text(fi.groups, 'catalogue.showResults_one', { count: 1 }) })
      .click();
    await page.waitForFunction(() => document.activeElement?.matches('.result-count'), null, SOON);
    assert.equal(await topic(page).isVisible(), false, 'the filters folded again');
    assert.ok(inViewport(await box(count(page))), 'the count is in view');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `the catalogue fits the phone (${overflow} px over)`);
    await page.context().close();

    // Arabic reads right to left; on a wide screen the filters start open.
    const arabic = await open('ar');
    assert.equal(await arabic.locator('html').getAttribute('dir'), 'rtl');
    await screenshot(arabic, 'phone-catalogue-ar');
    await arabic.context().close();
    const wide = await open('fi-FI', 1280);
    assert.equal(await topic(wide).isVisible(), true, 'open at first on a wide screen');
    await screenshot(wide, 'wide-catalogue-fi');
    await wide.context().close();
  });

  describe('the live room', function () {
    let live: LiveGroup;
    let host: Page; // the facilitator on a phone, in Finnish
    let family: Page; // a family on a phone, in Arabic
    let trainer: Page; // observing from a laptop
    let amina!: TestPerson;
    const room = (page: Page) => page.locator('[data-testid="live-room"][data-phase="live"]');
    const whisperLog = (page: Page) => page.getByTestId('whisper');
    const tileOf = (page: Page, name: string) =>
      page.locator(`.live-stage [data-testid="participant-tile"][data-name="${name}"]`).first();
    const selfTile = (page: Page) => page.locator('.live-self [data-testid="participant-tile"]');
    /** Sent: the box empties once the server has taken the whisper. */
    const emptied = async (input: Locator) => {
      for (const started = Date.now(); (await input.inputValue()) !== '';) {
        assert.ok(Date.now() - started < SOON.timeout, 'the whisper box empties once sent');
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    before(async () => {
      live = await liveGroup(app.url, { families: 0, group: { observationAllowed: true } });
      amina = await createPerson({
        roles: ['family'],
        displayName: 'Amina',
        language: 'ar',
      });
      const client = await signedInClient(app.url, amina);
      const enrolled = await client.post<{ status: string }>(
        `/groups/${live.group.id}/enrolments`,
        {
          acceptRules: live.group.rulesVersion,
        },
      );
      assert.equal(enrolled.body.status, 'confirmed');
      host = await joinSession(browser, app.url, live.staff.facilitator, live.sessionId, {
        width: PHONE.width,
      });
      family = await joinSession(browser, app.url, amina, live.sessionId, {
        width: PHONE.width,
        lang: 'ar',
      });
      trainer = await joinSession(browser, app.url, live.staff.trainer, live.sessionId, {
        observer: true,
      });
      for (const page of [host, family, trainer]) await room(page).waitFor();
      for (const page of [host, family]) await page.setViewportSize(PHONE);
      await tileOf(host, 'Amina').waitFor(SOON);
    });
    after(async () => {
      for (const page of [host, family, trainer]) await page?.context().close();
    });

    it('[phone-2] Enter sends a whisper and Shift+Enter starts a new line', async () => {
      const input = trainer.getByTestId('whisper-input');
      await input.fill('Kysy isien kokemuksista.');
      await input.press('Enter');
      await whisperLog(host).filter({ hasText: 'Kysy isien kokemuksista.' }).waitFor(SOON);
      await emptied(input);

      const reply = host.getByTestId('whisper-input');
      await reply.fill('Hyvä ajatus.');
      await reply.press('Shift+Enter');
      await reply.pressSequentially('Kysyn kohta.');
      assert.equal(await reply.inputValue(), 'Hyvä ajatus.\nKysyn kohta.', 'a new line, not sent');
      assert.equal(await whisperLog(trainer).count(), 1, 'nothing sent yet');
      await reply.press('Enter');
      await whisperLog(trainer).filter({ hasText: 'Kysyn kohta.' }).waitFor(SOON);
      await emptied(reply);
    });

    it('[phone-3] every control keeps its name in sight; the bar covers no video and no whisper', async () => {
      for (const [page, lang] of [
        [host, 'fi'],
        [family, 'ar'],
      ] as const) {
        assert.equal(await page.locator('html').getAttribute('lang'), lang);
        const controls = page.locator('.live-controls button:visible, .live-controls label');
        assert.ok((await controls.count()) >= 6, 'the controls are there');
        for (const control of await controls.all()) {
          const name = (await control.innerText()).trim();
          assert.ok(name.length > 1, `a control without words: ${await control.innerHTML()}`);
          const words = control.locator('.live-control-label, span').first();
          const b = await box(words);
          assert.ok(b.width > 10 && b.bottom - b.top > 8, `"${name}" is visible`);
          assert.ok(b.x >= 0 && b.x + b.width <= PHONE.width, `"${name}" is on the screen`);
        }
        await assertUncovered(page, selfTile(page), `${lang}: your own video`);
        const over = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(over <= 0, `${lang}: the room fits the phone (${over} px over)`);
      }
      // Right to left in Arabic: the first control (the microphone) is at the right.
      const [mic, camera] = [family.getByTestId('mic-button'), family.getByTestId('camera-button')];
      assert.ok((await box(mic)).x > (await box(camera)).x, 'the bar mirrors in Arabic');

      await whisperLog(host).first().waitFor(SOON);
      await assertUncovered(host, whisperLog(host).last(), 'the latest whisper');
      await screenshot(host, 'phone-live-fi-whispers');
      await host.locator('.live-scroll').evaluate((e) => e.scrollTo({ top: 0 }));
      await screenshot(host, 'phone-live-fi');
      await screenshot(family, 'phone-live-ar');
      await screenshot(trainer, 'wide-live-observer-fi');
    });

    it('[phone-4] no emoji in the room, with reactions shown and their menu open', async () => {
      const menu = family.getByRole('button', {
        name: text(locale('ar', 'live'), 'controls.reactions'),
      });
      await menu.click();
      await screenshot(family, 'phone-live-ar-reactions');
      await family.locator('[data-reaction="heart"]').click();
      await tileOf(host, 'Amina').locator('.live-reaction').waitFor(SOON);
      await screenshot(host, 'phone-live-fi-reaction');
      await menu.click(); // open again: its list is checked too
      for (const page of [host, family, trainer]) {
        const all = await page.locator('body').evaluate((body) => body.textContent ?? '');
        const found = all.match(PICTOGRAPH);
        assert.equal(found, null, `a pictograph in the room: ${found?.[0]}`);
      }
    });

    it('[phone-5] a muted person is not shown as speaking', async () => {
      const speaking = new RegExp(text(fi.live, 'status.speaking'));
      const session = app.app.live.get(live.sessionId);
      // Looked up each time: a page that reconnects comes back as a new peer.
      const aminaPeer = () =>
        [...(session?.peers.values() ?? [])].find((p) => p.personId === amina.id);
      assert.ok(session && aminaPeer(), 'Amina is in the live session');
      // Who the server tells clients is the active speaker (the SFU's last dominant speaker).
      const activeSpeaker = () => session.admittedState(aminaPeer()!).activeSpeaker;
      const peersNow = () =>
        [...session.peers.values()].map((p) => `${p.name} ${p.peerId} ${p.state}`).join(', ');
      const aminaTile = tileOf(host, 'Amina');

      // The facilitator mutes: her own picture stops saying "speaking", even if the SFU's
      // dominant speaker was her (it keeps naming the last one until someone else speaks).
      await host.getByTestId('mic-button').click();
      await host.locator('[data-testid="mic-button"][aria-pressed="false"]').waitFor();
      await new Promise((r) => setTimeout(r, 2000));
      assert.equal(await selfTile(host).getAttribute('data-speaking'), 'false');

      // Now only Amina's fake microphone beeps: the SFU hears her — as its dominant speaker, or
      // among those whose level is above the threshold (a tile shows either; on a loaded machine
      // the dominant-speaker detector was seen naming nobody for 45 s) — and her tile says so.
      const heard = () => {
        const peerId = aminaPeer()?.peerId;
        const state = session.admittedState(aminaPeer()!);
        return !!peerId && (state.activeSpeaker === peerId || state.speaking.includes(peerId));
      };
      for (const started = Date.now(); !heard();) {
        assert.ok(
          Date.now() - started < 45_000,
          `the SFU hears Amina (it names ${activeSpeaker()}; peers: ${peersNow()})`,
        );
        await new Promise((r) => setTimeout(r, 200));
      }
      await aminaTile.and(host.locator('[data-speaking="true"]')).waitFor(SOON);
      assert.match((await aminaTile.textContent()) ?? '', speaking);

      // She mutes: still the SFU's last dominant speaker, but no longer shown speaking.
      await family.getByTestId('mic-button').click();
      await aminaTile.locator('.live-status-mic').waitFor(SOON);
      // Longer than the SFU's audio-level interval (800 ms): nothing left to clear by itself.
      await new Promise((r) => setTimeout(r, 2000));
      assert.equal(await aminaTile.getAttribute('data-speaking'), 'false');
      assert.doesNotMatch((await aminaTile.textContent()) ?? '', speaking);
      assert.equal(await selfTile(family).getAttribute('data-speaking'), 'false', 'her own tile');
      await screenshot(family, 'phone-live-ar-muted');
    });
  });
});
