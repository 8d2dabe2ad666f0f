// [reach-5] What people write keeps its own direction: an Arabic message in a Finnish page reads
// right to left on its own element, while the page around it stays left to right.
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { liveGroup, liveSocket, must } from '../support/live.ts';
import { signInCookie } from '../support/people.ts';

const ARABIC = 'مرحبا بالجميع، هل لقاء الأسبوع القادم في موعده؟';

describe('[reach-5] a message keeps its own direction', function () {
  this.timeout(120_000);
  let app: TestApp;
  let browser: Browser;

  before(async () => {
    app = await startTestApp({ label: 'reach5' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('[reach-5] an Arabic message in a Finnish page is right to left on its element, with lang="ar"', async () => {
    const live = await liveGroup(app.url, { families: 2, startsInMinutes: 24 * 60 });
    const [reader, writer] = live.families;
    const socket = await liveSocket(app.url, writer!);
    try {
      // The writer's UI is Arabic: the message records it and the reader's page marks it so.
      await must(socket, 'session:language', { lang: 'ar' });
      await must(socket, 'chat:send', {
        channelId: `group:${live.group.id}`,
        text: ARABIC,
        clientId: 'reach5-message-1',
      });
    } finally {
      socket.disconnect();
    }
    const cookie = await signInCookie(app.url, reader!);
    const context = await browser.newContext({
      locale: 'fi-FI',
      viewport: { width: 360, height: 740 },
    });
    await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
    const page = await context.newPage();
    await page.goto(`${app.url}/groups/${live.group.id}`);
    const message = page
      .getByTestId('chat-message')
      .filter({ hasText: 'مرحبا' })
      .locator('.chat-text');
    await message.waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('html').getAttribute('dir'), 'ltr', 'the page is Finnish');
    assert.equal(await page.locator('html').getAttribute('lang'), 'fi');
    assert.equal(
      await message.evaluate((el) => getComputedStyle(el).direction),
      'rtl',
      'the Arabic message reads right to left',
    );
    assert.equal(
      await message.getAttribute('lang'),
      'ar',
      "the message names its writer's language",
    );
    assert.equal(await message.getAttribute('dir'), 'auto');
    await context.close();
  });
});
