// [acct-6] A family's first steps in a real headless Chromium on a phone-sized screen: sign up
// in Finnish, confirm the email (a coordinator sees it on the development outbox page, without
// its secret link), sign in, switch to Arabic, and find the profile page right-to-left in Arabic.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { OutboxMessage } from '../../server/mail/outbox.model.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { createPerson, signInCookie } from '../support/people.ts';
import { locale, text } from '../support/locales.ts';

const fi = { common: locale('fi', 'common'), account: locale('fi', 'account') };
const ar = { common: locale('ar', 'common'), account: locale('ar', 'account') };
const fiEmail = locale('fi', 'email');

describe('[acct-6] a family signs up, confirms, signs in and reads its profile in Arabic', function () {
  this.timeout(90_000);
  let app: TestApp;
  let browser: Browser;

  before(async () => {
    app = await startTestApp({ label: 'acct6' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  /**
   * The verification link. A coordinator finds the email on the development outbox page, in the
   * language chosen at sign-up, but without its link: that is the family's secret. The family
   * has it in their mailbox — here, the stored email.
   */
  async function verificationLinkFromOutbox(to: string): Promise<string> {
    const coordinator = await createPerson({ roles: ['coordinator'] });
    const cookie = await signInCookie(app.url, coordinator);
    const context = await browser.newContext({ locale: 'fi-FI' });
    await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
    const page = await context.newPage();
    await page.goto(`${app.url}/admin/outbox`);
    const message = page.locator('li.card', { hasText: to });
    await message.waitFor();
    assert.equal(
      await message.locator('h2').textContent(),
      text(fiEmail, 'verifyEmail.subject'),
      'the email is in the language chosen at sign-up',
    );
    await message.getByText(text(fi.account, 'outbox.withheldNote')).waitFor();
    assert.equal(await message.locator('a[href*="token="]').count(), 0, 'no link for others');
    assert.ok(!(await message.innerText()).includes('token='), 'not in the text either');
    await context.close();
    const stored = await OutboxMessage.findOne({ to, template: 'verifyEmail' }).lean();
    const link = stored?.links.find((l) => l.includes('/verify-email?token='));
    assert.ok(link, 'the email carries a verification link');
    return link;
  }

  const htmlAttribute = (page: Page, name: string) => page.locator('html').getAttribute(name);

  it('[acct-6] sign-up in Finnish, email link, sign-in, Arabic profile right-to-left', async () => {
    const email = `perhe-${randomBytes(4).toString('hex')}@test.rinnalla.fi`;
    const password = 'kymmenen merkkiä ainakin';
    const context = await browser.newContext({
      locale: 'fi-FI',
      viewport: { width: 360, height: 740 },
    });
    const page = await context.newPage();

    // Sign up in Finnish, the default.
    await page.goto(`${app.url}/sign-up`);
    await page.getByRole('heading', { level: 1, name: text(fi.account, 'signUp.title') }).waitFor();
    assert.equal(await htmlAttribute(page, 'lang'), 'fi');
    await page.getByLabel(text(fi.account, 'fields.displayName')).fill('Amina');
    await page.getByLabel(text(fi.account, 'fields.email')).fill(email);
    await page.getByLabel(text(fi.account, 'fields.password'), { exact: true }).fill(password);
    await page
      .getByLabel(text(fi.account, 'signUp.acceptPrivacy').replace(/<\/?privacyLink>/g, ''))
      .check();
    await page.getByRole('button', { name: text(fi.account, 'signUp.submit') }).click();
    await page
      .getByRole('heading', { level: 1, name: text(fi.account, 'checkEmail.title') })
      .waitFor();

    // The link from the email confirms the address.
    const link = await verificationLinkFromOutbox(email);
    await page.goto(link);
    await page.getByText(text(fi.account, 'verify.done')).waitFor();

    // Sign in.
    await page.getByRole('link', { name: text(fi.account, 'verify.signIn') }).click();
    await page.getByLabel(text(fi.account, 'fields.email')).fill(email);
    await page.getByLabel(text(fi.account, 'fields.password')).fill(password);
    await page.getByRole('button', { name: text(fi.account, 'signIn.submit') }).click();
    await page.getByRole('heading', { level: 1, name: text(fi.common, 'home.title') }).waitFor();

    // Switch the UI to Arabic: the choice is saved to the profile too.
    const saved = page.waitForResponse(
      (response) =>
        new URL(response.url()).pathname === '/api/me' && response.request().method() === 'PATCH',
    );
    await page
      .getByRole('combobox', { name: text(fi.common, 'language.label') })
      .selectOption('ar');
    assert.equal((await saved).status(), 200);
    await page.getByRole('heading', { level: 1, name: text(ar.common, 'home.title') }).waitFor();

    // On a phone the menu is folded behind its button: open it, then the profile.
    await page.getByRole('button', { name: text(ar.common, 'nav.menu') }).click();
    await page.getByRole('link', { name: text(ar.common, 'nav.profile') }).click();
    await page
      .getByRole('heading', { level: 1, name: text(ar.account, 'profile.title') })
      .waitFor();

    assert.equal(await htmlAttribute(page, 'lang'), 'ar');
    assert.equal(await htmlAttribute(page, 'dir'), 'rtl');
    assert.equal(
      await page.getByLabel(text(ar.account, 'fields.displayName')).inputValue(),
      'Amina',
    );
    await page.getByText(text(ar.account, 'profile.childrenAgeRangesHint')).waitFor();
    await page.getByRole('heading', { level: 2, name: text(ar.account, 'myData.title') }).waitFor();
    await page.getByRole('button', { name: text(ar.account, 'deleteAccount.submit') }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    assert.ok(overflow <= 0, `the profile page is ${overflow} px wider than the phone`);

    const person = await mongoose.connection.collection('people').findOne({ email });
    assert.equal(person?.language, 'ar', 'the UI language was saved to the profile');
    await context.close();
  });
});
