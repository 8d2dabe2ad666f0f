// [room-7] The live room with each of its tools open, on 360 px phones, in Finnish and in Arabic
// (right to left): axe-core finds no serious or critical violation on the facilitator's screen
// or a family's, and neither scrolls sideways. The facilitator opens every tool from the room
// itself: the plan, a speaking round and a check-in, an interpreter channel, breakout rooms.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { Person } from '../../server/people/person.model.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { liveGroup, liveSocket, must, type TestSocket } from '../support/live.ts';
import { locale, text } from '../support/locales.ts';
import { signedInClient, type TestPerson } from '../support/people.ts';
import { axeFindings, injectAxe } from './axe.ts';
import { enterOnPhone } from './liveBrowser.ts';

const LANGUAGES = ['fi', 'ar'] as const;

describe('[room-7] the live room with each tool open, at 360 px, in Finnish and Arabic', function () {
  this.timeout(300_000);
  let app: TestApp;
  let browser: Browser;
  const pages: Page[] = [];
  const sockets: TestSocket[] = [];

  before(async () => {
    app = await startTestApp({ label: 'room-axe' });
    browser = await launchBrowser();
  });
  after(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    for (const page of pages.splice(0)) await page.context().close();
    await browser?.close();
    await app?.close();
  });

  /** axe on each page, and no sideways scrolling; every finding named with where it was. */
  async function check(found: string[], where: string, ...screens: [string, Page][]) {
    for (const [who, page] of screens) {
      await injectAxe(page);
      const place = `${where}, ${who}`;
      found.push(...(await axeFindings(page, place)).map((f) => f.line));
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 360) found.push(`${place}: the page is ${width} px wide on a 360 px phone`);
    }
  }

  for (const lang of LANGUAGES) {
    it(`[room-7] plan, round, check-in, interpreter channel and breakouts in ${lang}: 0 serious or critical`, async () => {
      const live = await liveGroup(app.url, { families: 3 });
      const [family, partner, interpreter] = live.families as [TestPerson, TestPerson, TestPerson];
      for (const person of [live.staff.facilitator, family])
        await Person.updateOne({ _id: person.id }, { language: lang });
      const facilitator = await signedInClient(app.url, live.staff.facilitator);
      const plan = await facilitator.put(`/groups/${live.group.id}/plan`, {
        items: [
          { title: lang === 'ar' ? 'الترحيب' : 'Tervetuloa', minutes: 5 },
          { title: lang === 'ar' ? 'جولة الافتتاح' : 'Avauskierros', minutes: 15 },
        ],
      });
      assert.equal(plan.status, 200);

      const enter = (person: TestPerson) =>
        enterOnPhone(browser, app.url, person, live.sessionId, lang, pages);
      const host = await enter(live.staff.facilitator);
      const phone = await enter(family);
      assert.equal(await phone.evaluate(() => document.documentElement.lang), lang);
      // Two more families over plain sockets: a partner for the breakout, and the interpreter.
      for (const person of [partner, interpreter]) {
        const socket = await liveSocket(app.url, person);
        sockets.push(socket);
        await must(socket, 'live:join', { sessionId: live.sessionId });
      }
      const liveWords = locale(lang, 'live');
      const found: string[] = [];
      const both = (where: string) => check(found, where, ['facilitator', host], ['family', phone]);

      // The facilitator's tools, unfolded; the plan started, a round, a check-in asked.
      await host.getByTestId('host-tools').locator('summary').click();
      await both('tools unfolded');
      await host.getByTestId('plan-start').click();
      await phone.getByTestId('plan-strip').waitFor();
      await host.getByTestId('round-start').click();
      await phone.getByTestId('round-speaker').waitFor();
      await host.getByTestId('check-in-kind').selectOption('pace');
      await host.getByTestId('check-in-ask').click();
      await phone.getByTestId('check-in').waitFor();
      await both('plan, round and check-in running');
      await phone.getByTestId('check-in-choice-1').click();
      await phone.getByTestId('check-in-thanks').waitFor();
      await both('check-in answered');

      // An interpreter for Arabic, named from the participants list; the family's channel choice.
      await host.locator('button[aria-controls="live-participants"]').click();
      await host
        .locator(`[data-testid="participant"][data-name="${interpreter.displayName}"]`)
        .getByTestId('interpreter-select')
        .selectOption('ar');
      await phone.getByTestId('channel-select').waitFor();
      await both('participants list and interpreter channel');
      await phone.getByTestId('channel-select').selectOption('ar');
      await both('listening to the Arabic channel');

      // Breakouts: the form unfolded, rooms chosen by hand (the family with its partner, the
      // interpreter alone), then open.
      await host.getByTestId('breakout-toggle').click();
      await host.getByTestId('breakout-open').waitFor();
      await both('breakout form');
      await host.locator('input[type="radio"][value="hand"]').click();
      const hand = host.getByTestId('breakout-hand');
      const roomFor = (person: TestPerson) =>
        hand.getByLabel(text(liveWords, 'breakout.roomFor', { name: person.displayName }));
      await roomFor(family).selectOption('1');
      await roomFor(partner).selectOption('1');
      await roomFor(interpreter).selectOption('2');
      await both('breakout rooms chosen by hand');
      await host.getByTestId('breakout-open').click();
      const banner = phone.getByTestId('breakout-banner');
      await banner.waitFor();
      assert.match(await banner.innerText(), new RegExp(partner.displayName));
      assert.doesNotMatch(await banner.innerText(), new RegExp(interpreter.displayName));
      await both('breakout rooms open');

      assert.deepEqual(found, [], found.join('\n'));
    });
  }
});
