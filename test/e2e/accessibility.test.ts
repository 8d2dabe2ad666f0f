// [reach-2] Every page of the product as each role sees it, in Finnish and in Persian (right to
// left), on a 360 px phone and a 1280 px screen, in a real Chromium against the real server:
// axe-core finds no serious or critical violation, <html> carries the page's language and
// direction, and a phone never scrolls sideways. Then the keyboard: a dialog opened from the
// keyboard keeps focus inside, Escape closes it and focus goes back to what opened it.
// One browser; one context per role and language; each page is checked wide, then narrowed.
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AXE, axeFindings } from './axe.ts';
import { Person } from '../../server/people/person.model.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { locale, text } from '../support/locales.ts';
import { liveSocket, must } from '../support/live.ts';
import { signInCookie } from '../support/people.ts';
import {
  LOADING_KEYS,
  seedEveryRoute,
  type RouteVisit,
  type Seeded,
  type Walker,
} from './everyRoute.ts';

const LANGUAGES = [
  { lang: 'fi', dir: 'ltr' },
  { lang: 'fa', dir: 'rtl' },
] as const;
type Language = (typeof LANGUAGES)[number]['lang'];
const WIDE = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };
const SOON = { timeout: 15_000 };
const WALKERS: Walker[] = ['visitor', 'family', 'facilitator', 'trainer', 'coordinator', 'partner'];

const loadingTexts = (language: Language) =>
  LOADING_KEYS.map(([ns, key]) => text(locale(language, ns), key));

/** Two animation frames: a resize has been laid out and measured. */
const settle = (page: Page) =>
  page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );

describe('[reach-2] every page, as every role, in fi and fa, at 360 px and 1280 px', function () {
  this.timeout(600_000);
  let app: TestApp;
  let browser: Browser;
  let seeded: Seeded;
  /** Every finding of the run, by rule: printed at the end to see what is left. */
  const tally = new Map<string, number>();

  before(async () => {
    app = await startTestApp({ label: 'reach2' });
    browser = await launchBrowser();
    seeded = await seedEveryRoute(app.url);
  });
  after(async () => {
    if (tally.size > 0)
      console.log('[reach-2] serious/critical by rule:', Object.fromEntries(tally));
    await browser?.close();
    await app?.close();
  });

  /** A context in `language`, signed in as the role's person (their profile language wins). */
  async function contextAs(walker: Walker, language: Language): Promise<BrowserContext> {
    const context = await browser.newContext({ locale: 'fi-FI', viewport: WIDE });
    // Injected into every page before the app's scripts (and past its Content-Security-Policy).
    await context.addInitScript({ path: AXE });
    if (walker === 'visitor') {
      await context.addInitScript((l) => localStorage.setItem('rinnalla.lang', l), language);
    } else {
      const person = seeded.people[walker];
      await Person.updateOne({ _id: person.id }, { language });
      const cookie = await signInCookie(app.url, person);
      await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
    }
    return context;
  }

  /**
   * Opens the route and waits until its content is there, in the language. Past a context's
   * first page the app moves as a click on a link would (history and popstate), without
   * reloading: each page then costs what it costs a person, not a new start of the app.
   */
  async function open(page: Page, route: RouteVisit, language: Language, signedIn: boolean) {
    const target = new URL(route.path, app.url);
    if (page.url() === 'about:blank') {
      await page.goto(target.href);
      // Signed in: the menu offers to sign out once the app knows who this is.
      if (signedIn)
        await page.locator('#main-menu button.link-button').waitFor({ state: 'attached', ...SOON });
    } else
      await page.evaluate((path) => {
        // The page being left: its heading is not the new page's.
        (window as unknown as { leftHeading: unknown }).leftHeading =
          document.querySelector('main h1');
        history.pushState(null, '', path);
        dispatchEvent(new PopStateEvent('popstate'));
      }, route.path);
    await page.waitForFunction(
      ({ path, lang, loading }) => {
        const main = document.querySelector('main');
        const heading = main?.querySelector('h1');
        const shown = main?.textContent ?? '';
        return (
          location.pathname + location.search === path &&
          document.documentElement.lang === lang &&
          !!heading &&
          heading !== (window as unknown as { leftHeading: unknown }).leftHeading &&
          !loading.some((l) => shown.includes(l))
        );
      },
      {
        path: route.lands ?? target.pathname + target.search,
        lang: language,
        loading: loadingTexts(language),
      },
      SOON,
    );
    if (route.join) {
      await page.getByTestId('join-button').click(SOON);
      await page.locator('[data-testid="live-room"][data-phase="live"]').waitFor(SOON);
      await page.locator('[data-testid="participant-tile"]').first().waitFor(SOON);
    }
    if (route.ready)
      await page
        .locator(route.ready)
        .first()
        .waitFor({ state: 'attached', ...SOON });
    await settle(page);
  }

  /** What one walk found and how long it took. */
  interface Walk {
    problems: string[];
    checks: number;
    spent: { open: number; axe: number };
  }

  /** One route in one language: opened wide, checked, narrowed to a phone, checked again. */
  async function checkRoute(
    page: Page,
    route: RouteVisit,
    walker: Walker,
    language: Language,
    walk: Walk,
  ) {
    const { dir } = LANGUAGES.find((l) => l.lang === language)!;
    const name = `${route.path}${route.join ? ' (joined)' : ''} ${language}`;
    await page.setViewportSize(WIDE);
    let at = Date.now();
    try {
      await open(page, route, language, walker !== 'visitor');
      walk.spent.open += Date.now() - at;
    } catch (error) {
      const seen = await page.evaluate(() => ({
        at: location.pathname,
        lang: document.documentElement.lang,
        main: (document.querySelector('main')?.textContent ?? '').slice(0, 160),
      }));
      walk.problems.push(
        `${name}: the page did not show its content (${String(error).split('\n')[0]}); it showed ${JSON.stringify(seen)}`,
      );
      return;
    }
    const html = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
    }));
    if (html.lang !== language || html.dir !== dir)
      walk.problems.push(
        `${name}: <html lang="${html.lang}" dir="${html.dir}">, not ${language} ${dir}`,
      );
    for (const size of [WIDE, PHONE]) {
      if (size === PHONE) {
        await page.setViewportSize(PHONE);
        await settle(page);
      }
      at = Date.now();
      const findings = await axeFindings(page, `${name} ${size.width}px`);
      walk.spent.axe += Date.now() - at;
      for (const finding of findings) {
        walk.problems.push(finding.line);
        tally.set(finding.rule, (tally.get(finding.rule) ?? 0) + 1);
      }
      walk.checks += 1;
    }
    const sideways = await page.evaluate(() => {
      const root = document.scrollingElement ?? document.documentElement;
      return root.scrollWidth - root.clientWidth;
    });
    if (sideways > 0) walk.problems.push(`${name} 360px: scrolls sideways by ${sideways} px`);
  }

  for (const walker of WALKERS) {
    it(`[reach-2] as ${walker}: no serious axe violation, lang and dir on <html>, nothing wider than a phone`, async () => {
      const walk: Walk = { problems: [], checks: 0, spent: { open: 0, axe: 0 } };
      const started = Date.now();
      const routes = seeded.routes[walker];
      const [first, ...rest] = routes.filter((r) => !r.join);
      // One context per language. The profile language is read as the app starts, so the
      // contexts start one after the other; then both walk at once (the machine has two cores).
      const walkers: { page: Page; lang: Language }[] = [];
      for (const { lang } of LANGUAGES) {
        const page = await (await contextAs(walker, lang)).newPage();
        await checkRoute(page, first!, walker, lang, walk);
        walkers.push({ page, lang });
      }
      await Promise.all(
        walkers.map(async ({ page, lang }) => {
          for (const route of rest) await checkRoute(page, route, walker, lang, walk);
        }),
      );
      // The live room one language at a time: a second join would take the first one's place.
      for (const { page, lang } of walkers) {
        for (const route of routes.filter((r) => r.join))
          await checkRoute(page, route, walker, lang, walk);
        await page.context().close();
      }
      const seconds = (ms: number) => Math.round(ms / 1000);
      console.log(
        `      ${walker}: ${walk.checks} checks of ${routes.length} routes in ${seconds(Date.now() - started)} s (opening ${seconds(walk.spent.open)} s, axe ${seconds(walk.spent.axe)} s, both languages at once)`,
      );
      assert.deepEqual(
        walk.problems,
        [],
        `${walk.problems.length} problems as ${walker}:\n${walk.problems.join('\n')}`,
      );
    });
  }

  /** Whether focus is inside the element the locator finds. */
  const focusInside = (page: Page, selector: string) =>
    page.evaluate(
      (selector) => !!document.querySelector(selector)?.contains(document.activeElement),
      selector,
    );

  /** Tab and Shift+Tab round a dialog more times than it has controls: focus never leaves. */
  async function assertTrapped(page: Page, selector: string, what: string) {
    assert.ok(await focusInside(page, selector), `${what}: focus moves into the dialog`);
    for (const key of [...Array<string>(12).fill('Tab'), ...Array<string>(12).fill('Shift+Tab')]) {
      await page.keyboard.press(key);
      assert.ok(await focusInside(page, selector), `${what}: ${key} keeps focus in the dialog`);
    }
  }

  it('[reach-2] a dialog opened from the keyboard keeps focus inside; Escape closes it and focus goes back', async () => {
    const fi = { chat: locale('fi', 'chat') };
    // A family reports another family's message: "⋯", then "Report", all from the keyboard.
    const context = await contextAs('family', 'fi');
    const page = await context.newPage();
    await open(
      page,
      { path: `/groups/${seeded.groupId}`, ready: '[data-testid="chat-message"]' },
      'fi',
      true,
    );
    const opener = page.getByTestId('chat-message').first().getByTestId('message-actions');
    await opener.focus();
    await page.keyboard.press('Enter');
    const report = page.getByRole('button', { name: text(fi.chat, 'message.report') });
    await report.waitFor(SOON);
    for (let i = 0; i < 5 && !(await report.evaluate((b) => b === document.activeElement)); i += 1)
      await page.keyboard.press('Tab');
    assert.ok(await report.evaluate((b) => b === document.activeElement), 'Tab reaches Report');
    await page.keyboard.press('Enter');
    const dialog = '[data-testid="report-dialog"]';
    await page.locator(dialog).waitFor(SOON);
    await assertTrapped(page, dialog, 'the report dialog');
    await page.keyboard.press('Escape');
    await page.locator(dialog).waitFor({ state: 'detached', ...SOON });
    assert.ok(await opener.evaluate((o) => o === document.activeElement), 'focus is back on "⋯"');
    await context.close();

    // The facilitator in the live room: "End for everyone" asks first, in a dialog.
    const host = await contextAs('facilitator', 'fi');
    const room = await host.newPage();
    const session = seeded.routes.facilitator.find((r) => r.join)!;
    await open(room, session, 'fi', true);
    const end = room.getByTestId('end-for-all');
    await end.focus();
    await room.keyboard.press('Enter');
    const confirm = 'dialog[open]';
    await room.locator(confirm).waitFor(SOON);
    await assertTrapped(room, confirm, 'the end-for-everyone dialog');
    await room.keyboard.press('Escape');
    await room.locator(confirm).waitFor({ state: 'detached', ...SOON });
    assert.ok(await end.evaluate((b) => b === document.activeElement), 'focus is back on End');
    assert.equal(
      await room.locator('[data-testid="live-room"]').getAttribute('data-phase'),
      'live',
      'Escape ended nothing',
    );

    // Every tile is a group named by its label: whose video it is, their role and state.
    const tiles = room.locator('[data-testid="participant-tile"]');
    for (const tile of await tiles.all()) {
      const named = await tile.evaluate((element) => ({
        role: element.getAttribute('role'),
        name: document.getElementById(element.getAttribute('aria-labelledby') ?? '')?.textContent,
        shown: element.querySelector('.live-tile-name')?.textContent,
      }));
      assert.equal(named.role, 'group');
      assert.ok(
        named.shown && named.name?.includes(named.shown),
        `the tile is named: ${named.name}`,
      );
    }

    // The chat panel is closed; a family writes in the session's chat: the room says so.
    assert.equal(await room.getByTestId('chat-button').getAttribute('aria-expanded'), 'false');
    const words = 'Kuuluuko ääneni?';
    const socket = await liveSocket(app.url, seeded.people.family);
    await must(socket, 'chat:send', {
      channelId: `session:${session.path.split('/').pop()}`,
      clientId: `reach-2-${Date.now()}`,
      text: words,
    });
    socket.close();
    const news = room.locator('[data-testid="chat-news"][aria-live="polite"]');
    await news.getByText(words, { exact: false }).waitFor({ state: 'attached', ...SOON });
    assert.equal(
      await news.evaluate((region) => region.closest('[hidden]') === null),
      true,
      'the live region is not inside the closed panel',
    );
    // A facilitator is told when someone knocks; what a host did to one's microphone is told.
    assert.equal(await room.locator('[aria-live="assertive"]').count(), 1, 'knocks are announced');
    assert.equal(await room.locator('.live-notice-area[aria-live="polite"]').count(), 1);
    await host.close();
  });
});
