import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { createOrganisation, createPerson, signInCookie, signedInClient } from '../support/people.ts';
import { PRIVACY_NOTICE_VERSION } from '../../server/protocol/api.ts';

describe('screens', function () {
  this.timeout(120_000);
  let app: TestApp;
  let browser: Browser;
  before(async () => {
    app = await startTestApp({ label: 'screens' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });
  async function as(roles: Parameters<typeof createPerson>[0], lang: string, width = 360): Promise<[Page, BrowserContext]> {
    const p = await createPerson(roles);
    const ctx = await browser.newContext({ locale: lang, viewport: { width, height: 800 } });
    if (roles.roles.length) {
      const c = await signInCookie(app.url, p);
      await ctx.addCookies([{ name: c.name, value: c.value, url: app.url }]);
    }
    return [await ctx.newPage(), ctx];
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });

  it('screens', async () => {
    const errors: string[] = [];
    const org = await createOrganisation('partner', 'Kaupungin perhepalvelut');
    const [anon] = await as({ roles: [] }, 'fi-FI');
    anon.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await anon.goto(`${app.url}/`);
    await anon.locator('h1').waitFor();
    await shot(anon, 'home-fi');
    await anon.getByRole('button', { name: 'Valikko' }).click();
    await shot(anon, 'home-menu-fi');
    await anon.goto(`${app.url}/sign-up`);
    await anon.getByRole('button', { name: 'Luo tili' }).click();
    await anon.waitForTimeout(300);
    await shot(anon, 'signup-errors-fi');
    await anon.goto(`${app.url}/privacy`);
    await anon.locator('h1').waitFor();
    await shot(anon, 'privacy-fi');
    await anon.goto(`${app.url}/profile`);
    await anon.waitForTimeout(500);
    console.log('guard →', anon.url());
    await anon.getByLabel('Sähköpostiosoite').fill('nobody@test.rinnalla.fi');
    await anon.getByLabel('Salasana').fill('wrong password here');
    await anon.getByRole('button', { name: 'Kirjaudu sisään' }).click();
    await anon.waitForTimeout(500);
    await shot(anon, 'signin-error-fi');

    const [fam] = await as({ roles: ['family'], language: 'ar' }, 'ar');
    fam.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await fam.goto(`${app.url}/profile`);
    await fam.locator('h1').waitFor();
    await fam.waitForTimeout(500);
    await shot(fam, 'profile-ar');
    await fam.getByRole('combobox', { name: 'إضافة لغة' }).selectOption('so');
    await fam.getByRole('button', { name: 'إضافة', exact: true }).click();
    await fam.getByRole('button', { name: 'حفظ', exact: true }).click();
    await fam.waitForTimeout(500);
    await shot(fam, 'profile-ar-saved');

    const [coord] = await as({ roles: ['coordinator'], language: 'en' }, 'en-GB', 1200);
    coord.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    const partner = await createPerson({ roles: ['partner'], organisationId: org, language: 'sv' });
    await createPerson({ roles: ['trainer'], displayName: 'Tiina Trainer' });
    await createPerson({ roles: ['facilitator'], displayName: 'Fatima Facilitator' });
    await coord.goto(`${app.url}/admin/people`);
    await coord.locator('h1').waitFor();
    await coord.waitForTimeout(500);
    await coord.getByLabel('Email address').fill('new.trainer@test.rinnalla.fi');
    await coord.getByLabel('Trainer').first().check();
    await coord.getByLabel('Organisation').selectOption({ label: 'Kaupungin perhepalvelut' });
    await coord.getByRole('button', { name: 'Send invitation' }).click();
    await coord.waitForTimeout(700);
    await coord.getByRole('button', { name: /Edit roles Fatima/ }).click();
    await coord.getByLabel('Peer facilitator').last().waitFor();
    await shot(coord, 'people-en');
    await coord.goto(`${app.url}/admin/outbox`);
    await coord.waitForTimeout(700);
    await shot(coord, 'outbox-en');
    const invitationLink = await coord.locator('a[href*="/invitation?token="]').first().getAttribute('href');
    await coord.goto(`${app.url}/admin/audit`);
    await coord.waitForTimeout(700);
    await shot(coord, 'audit-en');

    const [newbie] = await as({ roles: [] }, 'fi-FI');
    await newbie.goto(invitationLink!);
    await newbie.locator('h1').waitFor();
    await newbie.waitForTimeout(500);
    await shot(newbie, 'invitation-fi');

    const [part, pctx] = await as({ roles: [] }, 'sv-FI');
    const c = await signInCookie(app.url, partner);
    await pctx.addCookies([{ name: c.name, value: c.value, url: app.url }]);
    await part.goto(`${app.url}/referrals`);
    await part.locator('h1').waitFor();
    await part.getByLabel('Din referens').fill('ÄRENDE 2026/114');
    await part.getByLabel('Familjen har gått med').check();
    await part.getByRole('button', { name: 'Skapa länken' }).click();
    await part.waitForTimeout(700);
    await shot(part, 'referrals-sv');
    const client = await signedInClient(app.url, partner);
    console.log('partner ok', client.csrfToken !== null, PRIVACY_NOTICE_VERSION);
    console.log('console errors', errors);
  });
});
