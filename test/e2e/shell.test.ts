// [boot-3] The built client, served by the server, in a real headless Chromium: Finnish first,
// English on request, Arabic right-to-left, and a layout that fits a 360 px phone.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { projectRoot } from '../../server/platform/paths.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';

const homeTitle = (language: string): string =>
  (
    JSON.parse(readFileSync(join(projectRoot, 'locales', language, 'common.json'), 'utf8')) as {
      home: { title: string };
    }
  ).home.title;

describe('[boot-3] the client shell in a real browser', function () {
  this.timeout(60_000);
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  before(async () => {
    app = await startTestApp({ label: 'boot3' });
    browser = await launchBrowser();
    const context = await browser.newContext({
      locale: 'fi-FI',
      viewport: { width: 360, height: 740 },
    });
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  const heading = () => page.locator('h1').first().textContent();
  const html = (attribute: string) => page.locator('html').getAttribute(attribute);

  it('[boot-3] renders in Finnish, switches to English, and Arabic sets dir="rtl"', async () => {
    await page.goto(app.url);
    await page.locator('h1').first().waitFor();
    assert.equal(await heading(), homeTitle('fi'));
    assert.equal(await html('lang'), 'fi');
    assert.equal(await html('dir'), 'ltr');

    await page.getByRole('combobox').selectOption('en');
    await page.waitForFunction(
      (title) => document.querySelector('h1')?.textContent === title,
      homeTitle('en'),
    );
    assert.equal(await html('lang'), 'en');

    await page.getByRole('combobox').selectOption('ar');
    await page.waitForFunction(
      (title) => document.querySelector('h1')?.textContent === title,
      homeTitle('ar'),
    );
    assert.equal(await html('lang'), 'ar');
    assert.equal(await html('dir'), 'rtl');

    // The choice is remembered on the next visit.
    await page.reload();
    await page.waitForFunction(
      (title) => document.querySelector('h1')?.textContent === title,
      homeTitle('ar'),
    );
    assert.equal(await html('dir'), 'rtl');
  });

  it('[boot-3] fits a 360 px wide phone and serves client routes from index.html', async () => {
    await page.goto(`${app.url}/ryhmat/ei-ole`);
    await page.locator('h1').first().waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
    assert.equal(
      (await fetch(`${app.url}/api/nothing-here`)).status,
      404,
      '/api paths never fall back to the page',
    );
  });
});
