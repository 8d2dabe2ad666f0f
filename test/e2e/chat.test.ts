// [chat-6] The group chat in real browsers: a family on a 360 px phone and the group's
// facilitator on a laptop, each on the group's page. Messages and a reply arrive without
// reloading, text that looks like HTML stays text, the family's navigation counts the unread
// reply on another page, and the count clears once the family opens the conversation.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { liveGroup, liveSocket, must, recordEvents } from '../support/live.ts';
import { signInCookie, type TestPerson } from '../support/people.ts';
import { locale, text } from '../support/locales.ts';

const chat = locale('fi', 'chat');
const common = locale('fi', 'common');

/** Every wait is bounded: a live update that does not come fails the test in seconds. */
const SOON = { timeout: 10_000 };

const FAMILY_TEXT = 'Hei kaikki! <img src=x onerror=alert(1)> Onko ensi viikon tapaaminen?';
const REPLY_TEXT = 'Kyllä on, tervetuloa! Ohjeet: https://rinnalla.fi/ohjeet.';

describe('[chat-6] group chat in real browsers: live messages, unread badge, plain text', function () {
  this.timeout(120_000);
  let app: TestApp;
  let browser: Browser;
  const pages: Page[] = [];

  before(async () => {
    app = await startTestApp({ label: 'chat6' });
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A signed-in page at a width; alert() and friends are recorded, never answered. */
  const open = async (person: TestPerson, path: string, width: number) => {
    const cookie = await signInCookie(app.url, person);
    const context = await browser.newContext({
      locale: 'fi-FI',
      viewport: { width, height: 740 },
    });
    await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
    const page = await context.newPage();
    pages.push(page);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${app.url}${path}`);
    // Set once: still there at the end means the page was never reloaded.
    await page.evaluate(() => ((window as unknown as { __sameLoad: boolean }).__sameLoad = true));
    return { page, dialogs };
  };
  const sameLoad = (page: Page) =>
    page.evaluate(() => (window as unknown as { __sameLoad?: boolean }).__sameLoad === true);
  const overflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const panel = (page: Page) => page.getByTestId('chat-panel');
  /** Polls until `check` holds, for at most ten seconds. */
  const eventually = async (what: string, check: () => boolean | Promise<boolean>) => {
    const until = Date.now() + SOON.timeout;
    while (!(await check())) {
      if (Date.now() > until) throw new Error(`not in time: ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const message = (page: Page, hasText: string) =>
    panel(page).getByTestId('chat-message').filter({ hasText });

  it('[chat-6] a family and the facilitator talk; the unread reply is counted, then read', async () => {
    const live = await liveGroup(app.url, { families: 1, startsInMinutes: 24 * 60 });
    const family = live.families[0]!;
    const groupPath = `/groups/${live.group.id}`;
    const phone = await open(family, groupPath, 360);
    const laptop = await open(live.staff.facilitator, groupPath, 1280);
    for (const { page } of [phone, laptop]) await page.getByTestId('chat-composer').waitFor(SOON);
    assert.ok((await overflow(phone.page)) <= 0, 'the group page with its chat fits 360 px');

    // The family writes; the facilitator sees them typing, then the message, as plain text.
    const input = phone.page.getByTestId('chat-input');
    await input.pressSequentially('Hei', { delay: 30 });
    await laptop.page
      .getByTestId('chat-typing')
      .filter({ hasText: text(chat, 'typing.one', { name: `\u2068${family.displayName}\u2069` }) })
      .waitFor(SOON);
    await input.fill(FAMILY_TEXT);
    await input.press('Enter');
    assert.equal(await input.inputValue(), '', 'Enter sent the message and emptied the field');
    await phone.page
      .locator('[data-testid="chat-message"][data-own="true"]')
      .filter({ hasText: 'Onko ensi viikon' })
      .waitFor(SOON);
    await phone.page.getByTestId('chat-pending').waitFor({ state: 'detached', ...SOON });

    const received = message(laptop.page, 'Onko ensi viikon');
    await received.waitFor(SOON);
    assert.equal(
      (await received.locator('.chat-text').textContent())?.trim(),
      FAMILY_TEXT,
      'the tag is shown as the text it is',
    );
    assert.equal(await panel(laptop.page).locator('img').count(), 0, 'no image element');
    assert.equal(await panel(phone.page).locator('img').count(), 0, 'no image element');
    assert.deepEqual(laptop.dialogs, [], 'no script ran');

    // The family looks at the top of the page: the chat is below, out of sight.
    await phone.page.evaluate(() => window.scrollTo(0, 0));
    const logTop = await phone.page
      .getByTestId('chat-log')
      .evaluate((log) => log.getBoundingClientRect().top - window.innerHeight);
    assert.ok(logTop > 0, 'on the phone the chat starts below the first screen');

    // The facilitator replies; the reply appears for the family without reloading.
    const reply = laptop.page.getByTestId('chat-input');
    await reply.fill(REPLY_TEXT);
    await reply.press('Enter');
    await message(laptop.page, 'Kyllä on').waitFor(SOON);
    const arrived = message(phone.page, 'Kyllä on');
    await arrived.waitFor(SOON);
    assert.equal(
      await arrived.locator('.chat-role').textContent(),
      text(chat, 'roles.facilitator'),
      'a badge names the facilitator',
    );
    const link = arrived.locator('a');
    assert.equal(await link.count(), 1, 'the address, and only it, is a link');
    assert.equal(await link.getAttribute('href'), 'https://rinnalla.fi/ohjeet');
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.equal(await link.getAttribute('rel'), 'noopener noreferrer nofollow');

    // On another page the navigation counts the unread reply: on the menu button, and on
    // "Messages", with the count read out with the name.
    const menu = phone.page.getByRole('button', { name: new RegExp(text(common, 'nav.menu')) });
    await menu.click();
    const nav = phone.page.getByRole('navigation', { name: text(common, 'nav.label') });
    await nav.getByRole('link', { name: text(common, 'nav.myGroups'), exact: true }).click();
    const badge = phone.page.getByTestId('messages-badge');
    await phone.page.getByTestId('menu-badge').filter({ hasText: '1' }).waitFor(SOON);
    await menu.click();
    await badge.waitFor(SOON);
    assert.equal(await badge.locator('[aria-hidden="true"]').textContent(), '1');
    const unreadName = `${text(chat, 'nav.messages')} ${text(chat, 'nav.unread_one', { count: '1' })}`;
    await nav.getByRole('link', { name: unreadName }).waitFor(SOON);

    // The conversations list shows the group's chat as unread; opening it reads the reply.
    await nav.getByRole('link', { name: unreadName }).click();
    const listed = phone.page.locator(
      `[data-testid="conversation"][data-channel="group:${live.group.id}"]`,
    );
    await listed.waitFor(SOON);
    assert.equal(await listed.getAttribute('data-unread'), '1');
    assert.equal(
      await listed.locator('.chat-conversation-preview').textContent(),
      text(chat, 'conversations.preview', {
        name: live.staff.facilitator.displayName,
        text: REPLY_TEXT,
      }),
      'the last message is previewed',
    );
    assert.equal(
      await listed.getByTestId('conversation-unread').locator('.visually-hidden').textContent(),
      text(chat, 'conversations.unread_one', { count: '1' }),
    );
    await listed.getByRole('link').click();
    const shown = message(phone.page, 'Kyllä on');
    await shown.waitFor(SOON);
    await shown.scrollIntoViewIfNeeded();
    await badge.waitFor({ state: 'detached', ...SOON });
    await phone.page.getByTestId('menu-badge').waitFor({ state: 'detached', ...SOON });
    assert.equal(await listed.getAttribute('data-unread'), '0', 'the list follows the marker');
    assert.equal(
      (await message(phone.page, 'Onko ensi viikon').locator('.chat-text').textContent())?.trim(),
      FAMILY_TEXT,
    );
    assert.equal(await panel(phone.page).locator('img').count(), 0);
    assert.ok((await overflow(phone.page)) <= 0, 'the conversation fits 360 px');

    assert.ok(await sameLoad(phone.page), 'the family never reloaded');
    assert.ok(await sameLoad(laptop.page), 'the facilitator never reloaded');
    assert.deepEqual(phone.dialogs, [], 'no script ran for the family');
  });

  it('[chat-6] what was written offline, or left unsent before a reload, arrives once', async () => {
    const live = await liveGroup(app.url, { families: 1, startsInMinutes: 24 * 60 });
    const family = live.families[0]!;
    const channelId = `group:${live.group.id}`;
    const facilitator = await liveSocket(app.url, live.staff.facilitator);
    await must(facilitator, 'chat:subscribe', { channelIds: [channelId] });
    const events = recordEvents(facilitator);
    const received = (text: string) =>
      events.filter(
        (e) => e.name === 'chat:message' && (e.payload as { text?: string }).text === text,
      ).length;
    try {
      // A message still in the outbox when the tab was closed: the next load sends it.
      const outboxKey = `rinnalla.chat.outbox.${family.id}`;
      const leftover = 'Jäi lähtemättä ennen sivun lataamista uudelleen';
      const cookie = await signInCookie(app.url, family);
      const context = await browser.newContext({
        locale: 'fi-FI',
        viewport: { width: 360, height: 740 },
      });
      await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
      await context.addInitScript(
        ({ key, entry }) => {
          if (sessionStorage.getItem('seeded')) return;
          sessionStorage.setItem('seeded', 'yes');
          localStorage.setItem(key, JSON.stringify([entry]));
        },
        {
          key: outboxKey,
          entry: {
            clientId: 'left-before-reload',
            channelId,
            text: leftover,
            mentionFacilitators: false,
            createdAt: new Date().toISOString(),
            status: 'sending',
            error: null,
          },
        },
      );
      const page = await context.newPage();
      pages.push(page);
      const outbox = () => page.evaluate((key) => localStorage.getItem(key), outboxKey);
      await page.goto(`${app.url}/groups/${live.group.id}`);
      await eventually('the leftover reaches the facilitator', () => received(leftover) === 1);
      await message(page, leftover).waitFor(SOON);
      await eventually('the outbox is empty', async () => (await outbox()) === null);

      // Offline: the message waits in the outbox (and says so), the others write meanwhile.
      await page.context().setOffline(true);
      await page.locator('.chat-offline').waitFor(SOON);
      const meanwhile = await must<{ seq: number }>(facilitator, 'chat:send', {
        channelId,
        clientId: 'written-meanwhile',
        text: 'Kirjoitin tämän, kun yhteytesi oli poikki.',
      });
      const offline = 'Kirjoitettu ilman yhteyttä';
      await page.getByTestId('chat-input').fill(offline);
      await page.getByTestId('chat-input').press('Enter');
      await page.locator('[data-testid="chat-pending"][data-status="retrying"]').waitFor(SOON);
      assert.match((await outbox()) ?? '', new RegExp(offline), 'kept in localStorage');
      assert.equal(received(offline), 0, 'nothing left the browser');

      // Back online: sent once, and what was missed is caught up.
      await page.context().setOffline(false);
      await page.getByTestId('chat-pending').waitFor({ state: 'detached', ...SOON });
      await message(page, 'yhteytesi oli poikki').waitFor(SOON);
      await eventually('the offline message arrives', () => received(offline) === 1);
      await eventually('the outbox is empty again', async () => (await outbox()) === null);

      // A reload shows each message once (kept by seq, whatever path it came by).
      await page.reload();
      await message(page, offline).waitFor(SOON);
      for (const text of [leftover, offline, 'yhteytesi oli poikki']) {
        assert.equal(await message(page, text).count(), 1, `${text} once`);
      }
      assert.equal(
        await page.locator(`[data-testid="chat-message"][data-seq="${meanwhile.seq}"]`).count(),
        1,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(received(offline), 1, 'the server stored and broadcast it once');
      assert.equal(received(leftover), 1);
    } finally {
      facilitator.close();
    }
  });
});
