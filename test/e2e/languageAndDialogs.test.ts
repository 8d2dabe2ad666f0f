// [reach-fix] Two findings of the read of today's languages, in a real browser: a browser in a
// language Rinnalla has opens in it before sign-in (the profile's language wins after), and a
// confirm dialog opens on its safe choice and gives focus back to what opened it.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { liveGroup, liveSocket, must } from '../support/live.ts';
import { locale, text } from '../support/locales.ts';

const ar = { account: locale('ar', 'account') };
const fi = { chat: locale('fi', 'chat') };

/** The page's language and direction as `<html>` says them. */
const htmlLanguage = (page: Page) =>
  page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);

describe('[reach-fix] language before sign-in, and confirm dialogs', function () {
  this.timeout(120_000);
  let app: TestApp;
  let browser: Browser;

  before(async () => {
    app = await startTestApp({ label: 'languageDialogs' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('[reach-fix] an Arabic browser signs in in Arabic; a Finnish profile then turns the page Finnish; deleting a message asks with Cancel focused, Escape closes and focus returns', async () => {
    const live = await liveGroup(app.url, { families: 1, startsInMinutes: 24 * 60 });
    const family = live.families[0]!; // profile language: Finnish (test/support/people.ts)
    const socket = await liveSocket(app.url, family);
    try {
      await must(socket, 'chat:send', {
        channelId: `group:${live.group.id}`,
        text: 'Hei kaikki, nähdään torstaina!',
        clientId: 'reach-fix-dialog-1',
      });
    } finally {
      socket.disconnect();
    }

    const context = await browser.newContext({
      locale: 'ar',
      viewport: { width: 360, height: 740 },
    });
    try {
      const page = await context.newPage();
      await page.goto(`${app.url}/sign-in`);
      await page.getByRole('button', { name: text(ar.account, 'signIn.submit') }).waitFor();
      assert.deepEqual(await htmlLanguage(page), ['ar', 'rtl'], 'an Arabic browser: Arabic');
      await page.getByLabel(text(ar.account, 'fields.email')).fill(family.email);
      await page.getByLabel(text(ar.account, 'fields.password')).fill(family.password);
      await page.getByRole('button', { name: text(ar.account, 'signIn.submit') }).click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.waitForFunction(() => document.documentElement.lang === 'fi');
      assert.deepEqual(await htmlLanguage(page), ['fi', 'ltr'], 'the profile language wins');

      // Deleting one's own message: the dialog opens on Cancel.
      await page.goto(`${app.url}/groups/${live.group.id}`);
      const message = page.getByTestId('chat-message').filter({ hasText: 'nähdään torstaina' });
      const opener = message.getByTestId('message-actions');
      await opener.click();
      await message.locator('[data-action="delete"]').click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      const cancel = dialog.getByRole('button', { name: text(fi.chat, 'dialog.cancel') });
      await page.waitForFunction(() => document.activeElement?.closest('dialog, [role="dialog"]'));
      assert.ok(
        await cancel.evaluate((el) => el === document.activeElement),
        'Cancel has focus, not Delete',
      );
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await page.waitForFunction(() => document.activeElement?.tagName === 'SUMMARY');
      assert.ok(
        await opener.evaluate((el) => el === document.activeElement),
        'focus returns to the button that opened the menu',
      );
      assert.equal(await message.count(), 1, 'Escape deleted nothing');
    } finally {
      await context.close();
    }
  });
});
