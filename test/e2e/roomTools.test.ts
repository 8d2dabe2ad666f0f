// [room-3] [room-4] [room-5] The room's tools in real browsers against the real server and SFU:
// a facilitator on a laptop, two families on 360 px phones, one reading Finnish and one Arabic
// (right to left). The plan's time left agrees on every screen, a round spotlights and passes
// by keyboard, a check-in is asked in each reader's own language and shows only its totals.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { Person } from '../../server/people/person.model.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { liveGroup } from '../support/live.ts';
import { locale, text } from '../support/locales.ts';
import { signedInClient, signInCookie } from '../support/people.ts';
import { SessionPlan } from '../../server/live/tools/plan.model.ts';
import { joinSession } from './liveBrowser.ts';

const fi = locale('fi', 'live');
const ar = locale('ar', 'live');
const arGroups = locale('ar', 'groups');

describe('room tools in real browsers', function () {
  this.timeout(180_000);
  let app: TestApp;
  let browser: Browser;
  const pages: Page[] = [];

  before(async () => {
    app = await startTestApp({ label: 'roomtools-e2e' });
    browser = await launchBrowser();
  });
  after(async () => {
    for (const page of pages.splice(0)) await page.context().close();
    await browser?.close();
    await app?.close();
  });

  const room = (page: Page) => page.locator('[data-testid="live-room"][data-phase="live"]');
  const fits = async (page: Page) => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the room fits a 360 px phone (${width} px wide)`);
  };
  const secondsLeft = async (page: Page) =>
    Number(await page.getByTestId('plan-time').getAttribute('data-left'));

  it('[room-3] [room-4] [room-5] plan, round and check-in on 360 px phones in Finnish and Arabic, by keyboard', async () => {
    const live = await liveGroup(app.url, { families: 2 });
    const [finnish, arabic] = live.families as [
      (typeof live.families)[0],
      (typeof live.families)[0],
    ];
    await Person.updateOne({ _id: arabic.id }, { language: 'ar' });
    const facilitator = await signedInClient(app.url, live.staff.facilitator);
    const saved = await facilitator.put(`/groups/${live.group.id}/plan`, {
      items: [
        { title: 'Tervetuloa', minutes: 5 },
        { title: 'Avauskierros', minutes: 15 },
      ],
    });
    assert.equal(saved.status, 200);

    const host = await joinSession(browser, app.url, live.staff.facilitator, live.sessionId);
    const phoneFi = await joinSession(browser, app.url, finnish, live.sessionId, { width: 360 });
    const phoneAr = await joinSession(browser, app.url, arabic, live.sessionId, {
      width: 360,
      lang: 'ar',
    });
    pages.push(host, phoneFi, phoneAr);
    for (const page of [host, phoneFi, phoneAr]) await room(page).waitFor();
    assert.equal(await phoneAr.evaluate(() => document.documentElement.dir), 'rtl');

    // The host opens the tools and starts the plan with the keyboard.
    await host.getByTestId('host-tools').locator('summary').focus();
    await host.keyboard.press('Enter');
    await host.getByTestId('plan-start').focus();
    await host.keyboard.press('Enter');
    for (const page of [host, phoneFi, phoneAr]) await page.getByTestId('plan-strip').waitFor();
    const left = [await secondsLeft(host), await secondsLeft(phoneFi), await secondsLeft(phoneAr)];
    assert.ok(Math.max(...left) - Math.min(...left) <= 1, `the same time left: ${left}`);
    assert.ok(
      left.every((s) => s > 280 && s <= 300),
      `about five minutes: ${left}`,
    );
    assert.ok((await phoneFi.getByTestId('plan-time').innerText()).startsWith('Aikaa jäljellä'));
    assert.ok(
      (await phoneAr.getByTestId('plan-time').innerText()).includes(
        text(ar, 'tools.plan.timeLeft', { time: '' }).trim(),
      ),
    );
    // Said once to screen readers, not each second.
    const announced = phoneFi.getByTestId('tools-announce');
    assert.equal(
      (await announced.innerText()).trim(),
      text(fi, 'tools.plan.announce_other', { title: 'Tervetuloa', count: 5 }),
    );
    await host.getByTestId('plan-skip').click();
    await phoneAr.locator('[data-testid="plan-strip"][data-index="1"]').waitFor({ timeout: 5000 });
    await phoneFi.getByTestId('plan-title').filter({ hasText: 'Avauskierros' }).waitFor();

    // A speaking round by seat: the host first, then the Finnish family, who passes by keyboard.
    await host.getByTestId('round-start').click();
    const spotFi = text(fi, 'room.spotlighted');
    await phoneFi.getByTestId('round-speaker').waitFor();
    await host.getByTestId('round-pass').click();
    await phoneFi
      .getByTestId('round-speaker')
      .filter({ hasText: text(fi, 'tools.round.yourTurn') })
      .waitFor();
    await phoneAr
      .locator('[data-testid="participant-tile"]', { hasText: text(ar, 'room.spotlighted') })
      .filter({ hasText: finnish.displayName })
      .waitFor();
    assert.ok(
      (await phoneFi.getByTestId('tools-announce').innerText()).includes(
        text(fi, 'tools.round.yourTurn'),
      ),
    );
    // The Arabic family raises a hand meanwhile: queued, shown to all.
    await phoneAr.getByTestId('hand-button').click();
    await host.getByTestId('round-queued').waitFor();
    await phoneFi.getByTestId('round-pass').focus();
    await phoneFi.keyboard.press('Enter');
    await phoneAr
      .getByTestId('round-speaker')
      .filter({ hasText: text(ar, 'tools.round.yourTurn') })
      .waitFor();
    await fits(phoneFi);
    await fits(phoneAr);
    await phoneAr.getByTestId('round-pass').click();
    await phoneFi.getByTestId('hands-after-round').waitFor();
    assert.equal(
      await phoneFi.locator('[data-testid="participant-tile"]', { hasText: spotFi }).count(),
      0,
      'the spotlight is as it was before the round',
    );

    // A check-in, each in their own language; three answers, then the totals only.
    await host.getByTestId('check-in-kind').selectOption('pace');
    await host.getByTestId('check-in-ask').click();
    await phoneAr
      .getByTestId('check-in')
      .getByText(text(ar, 'tools.checkIn.pace.question'))
      .waitFor();
    await phoneFi
      .getByTestId('check-in')
      .getByText(text(fi, 'tools.checkIn.pace.question'))
      .waitFor();
    await phoneFi.getByTestId('check-in-choice-1').focus();
    await phoneFi.keyboard.press('Enter');
    await phoneFi.getByTestId('check-in-thanks').waitFor();
    await phoneAr.getByTestId('check-in-choice-1').click();
    await host.getByTestId('check-in-choice-2').click();
    await host.getByTestId('check-in-close').click();
    for (const page of [phoneFi, phoneAr]) {
      const result = page.getByTestId('check-in-result');
      await result.waitFor();
      assert.equal(await result.locator('li').count(), 3);
    }
    const arResult = await phoneAr.getByTestId('check-in-result').innerText();
    assert.ok(arResult.includes(text(ar, 'tools.checkIn.pace.choice2')), arResult);
    assert.ok(arResult.includes(text(ar, 'tools.checkIn.count_two')), arResult);
    await fits(phoneFi);
    await fits(phoneAr);
  });

  it('[room-3] the facilitator writes the plan on the group page at 360 px in Arabic, by keyboard', async () => {
    const live = await liveGroup(app.url, { families: 0 });
    const person = live.staff.facilitator;
    await Person.updateOne({ _id: person.id }, { language: 'ar' });
    const cookie = await signInCookie(app.url, person);
    const context = await browser.newContext({
      locale: 'ar',
      viewport: { width: 360, height: 800 },
    });
    await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
    const page = await context.newPage();
    pages.push(page);
    await page.goto(`${app.url}/groups/${live.group.id}/manage`);
    const editor = page.getByTestId('plan-editor');
    await editor.waitFor();
    await page.getByTestId('plan-add').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const title = (n: number) =>
      editor.getByLabel(text(arGroups, 'plan.itemTitle', { number: n }), { exact: true });
    const minutes = (n: number) =>
      editor.getByLabel(text(arGroups, 'plan.itemMinutes', { number: n }), { exact: true });
    await title(1).fill('الترحيب');
    await minutes(1).fill('5');
    await title(2).fill('جولة الافتتاح');
    await minutes(2).fill('15');
    await editor.getByText(text(arGroups, 'plan.total_other', { count: 20 })).waitFor();
    await minutes(2).press('Enter'); // submits the form
    await editor.getByText(text(arGroups, 'plan.saved')).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the page fits a 360 px phone (${width} px wide)`);
    const stored = await SessionPlan.findById(live.group.id).lean();
    assert.deepEqual(
      stored?.items.map((i) => [i.title, i.minutes]),
      [
        ['الترحيب', 5],
        ['جولة الافتتاح', 15],
      ],
    );
  });
});
