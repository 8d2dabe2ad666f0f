// [partner-5] The service directory in a real browser on a 360 px phone: a partner edits their
// service (a wrong web address or phone number is refused in their language and nothing
// changes), a family searching in Arabic by area, language and need finds it and sees an old
// one marked as possibly out of date, and a facilitator shares it into their group's chat,
// where the family reads it as a card.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DirectoryEntry } from '../../server/directory/entry.model.ts';
import { Organisation } from '../../server/people/organisation.model.ts';
import type { DirectoryEntryInfo } from '../../server/protocol/directory.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { liveGroup, type LiveGroup } from '../support/live.ts';
import { createPerson, signedInClient, signInCookie, type TestPerson } from '../support/people.ts';
import { locale, text } from '../support/locales.ts';

const fi = { directory: locale('fi', 'directory'), errors: locale('fi', 'errors') };
const ar = { directory: locale('ar', 'directory'), groups: locale('ar', 'groups') };
const SOON = { timeout: 10_000 };
const NAME = 'Hervannan perhekeskus';

describe('[partner-5] service directory in the browser', function () {
  this.timeout(150_000);
  let app: TestApp;
  let browser: Browser;
  let worker: TestPerson;
  let entry: DirectoryEntryInfo;
  let live: LiveGroup;
  const pages: Page[] = [];

  const open = async (person: TestPerson, path: string, width = 360) => {
    const cookie = await signInCookie(app.url, person);
    const context = await browser.newContext({ viewport: { width, height: 740 } });
    await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
    const page = await context.newPage();
    pages.push(page);
    await page.goto(`${app.url}${path}`);
    return page;
  };
  /** Nothing wider than the phone: no sideways scrolling. */
  const assertFits = async (page: Page, what: string) => {
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    assert.ok(overflow <= 0, `${what} fits a 360 px screen (${overflow} px too wide)`);
  };

  /** With SCREENSHOTS=<dir>, the whole page to look at. */
  const screenshot = async (page: Page, name: string) => {
    if (!process.env.SCREENSHOTS) return;
    await page.screenshot({ path: join(process.env.SCREENSHOTS, `${name}.png`), fullPage: true });
  };

  before(async () => {
    app = await startTestApp({ label: 'directory-e2e' });
    browser = await launchBrowser();
    const org = await Organisation.create({
      name: 'Pirkanmaan hyvinvointialue',
      kind: 'partner',
      partnerKind: 'wellbeing-county',
      region: 'pirkanmaa',
      languagesServed: ['fi', 'ar'],
    });
    worker = await createPerson({
      roles: ['partner'],
      organisationId: String(org._id),
      displayName: 'Paula Kumppani',
    });
    const asPartner = await signedInClient(app.url, worker);
    const created = await asPartner.post<DirectoryEntryInfo>('/directory', {
      name: NAME,
      need: 'family-centre',
      region: 'pirkanmaa',
      languages: ['fi', 'ar'],
      phone: '03 565 611',
      url: 'https://www.example.fi/perhekeskus',
      contactPersonId: worker.id,
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    entry = created.body;
    // Another service of theirs, last confirmed 13 months ago.
    const old = new Date(Date.now() - 395 * 86_400_000);
    await DirectoryEntry.create({
      organisationId: org._id,
      name: 'Vanha neuvola',
      need: 'family-centre',
      region: 'pirkanmaa',
      languages: ['ar'],
      phone: '+358 3 565 0000',
      confirmedAt: old,
      updatedAt: old,
    });
    live = await liveGroup(app.url, { families: 1, startsInMinutes: 24 * 60 });
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('[partner-5] a partner edits their entry: a wrong web address or phone is refused in Finnish and nothing changes', async () => {
    const page = await open(worker, '/directory/manage');
    await page
      .getByRole('heading', { level: 1, name: text(fi.directory, 'manage.title') })
      .waitFor(SOON);
    const card = page.getByTestId('directory-entry').filter({ hasText: NAME });
    await card.getByRole('button', { name: text(fi.directory, 'manage.edit') }).click();
    const form = page.getByTestId('entry-form');
    await form
      .getByLabel(text(fi.directory, 'manage.url'), { exact: true })
      .fill('javascript:alert(1)');
    await form.getByLabel(text(fi.directory, 'manage.phone'), { exact: true }).fill('soita meille');
    await form.getByLabel(text(fi.directory, 'manage.openingHours')).fill('ma–pe 8–16');
    await form.getByRole('button', { name: text(fi.directory, 'manage.save') }).click();
    await form.getByText(text(fi.errors, 'directory.invalidUrl')).first().waitFor(SOON);
    await form.getByText(text(fi.errors, 'directory.invalidPhone')).first().waitFor(SOON);
    await assertFits(page, 'the form with its errors');
    await screenshot(page, 'directory-form-errors-fi');
    // Nothing was saved.
    await form.getByRole('button', { name: text(fi.directory, 'manage.cancel') }).click();
    await page.reload();
    const again = page.getByTestId('directory-entry').filter({ hasText: NAME });
    await again.getByText('https://www.example.fi/perhekeskus').waitFor(SOON);
    assert.equal(await again.getByText('ma–pe 8–16').count(), 0);

    // Corrected, it saves.
    await again.getByRole('button', { name: text(fi.directory, 'manage.edit') }).click();
    await form.getByLabel(text(fi.directory, 'manage.openingHours')).fill('ma–pe 8–16');
    await form.getByRole('button', { name: text(fi.directory, 'manage.save') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: text(fi.directory, 'manage.saved') })
      .waitFor(SOON);
    await page.getByTestId('directory-entry').filter({ hasText: 'ma–pe 8–16' }).waitFor(SOON);
    // The old one is marked; "still current" clears the mark.
    const old = page.getByTestId('directory-entry').filter({ hasText: 'Vanha neuvola' });
    assert.equal(await old.getAttribute('data-outdated'), 'true');
    await assertFits(page, 'the partner page');
    await screenshot(page, 'directory-manage-fi');
  });

  it('[partner-5] a family searching in Arabic by area, language and need finds it; an old one is marked', async () => {
    const family = await createPerson({ roles: ['family'], language: 'ar' });
    const page = await open(family, '/directory');
    await page
      .getByRole('heading', { level: 1, name: text(ar.directory, 'search.title') })
      .waitFor(SOON);
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    await page
      .locator('main')
      .getByLabel(text(ar.directory, 'search.region'))
      .selectOption({ label: text(ar.groups, 'regions.pirkanmaa') });
    await page.locator('main').getByLabel(text(ar.directory, 'search.language')).selectOption('ar');
    await page
      .locator('main')
      .getByLabel(text(ar.directory, 'search.need'))
      .selectOption({ label: text(ar.directory, 'needs.family-centre') });
    await page.waitForURL(/region=pirkanmaa.*language=ar.*need=family-centre/, SOON);
    const found = page.getByTestId('directory-entry').filter({ hasText: NAME });
    await found.waitFor(SOON);
    await found.getByText('03 565 611').waitFor(SOON);
    const old = page.getByTestId('directory-entry').filter({ hasText: 'Vanha neuvola' });
    await old.getByText(text(ar.directory, 'entry.outdated')).waitFor(SOON);
    assert.equal(await found.getByTestId('outdated').count(), 0);
    await screenshot(page, 'directory-results-ar');
    // Another language finds neither.
    await page.locator('main').getByLabel(text(ar.directory, 'search.language')).selectOption('so');
    await page.getByText(text(ar.directory, 'search.none')).waitFor(SOON);
    await screenshot(page, 'directory-search-ar');
    await assertFits(page, 'the search page in Arabic');
  });

  it('[partner-5] a facilitator shares it to the group chat; the family reads it as a card', async () => {
    const page = await open(live.staff.facilitator, '/directory?need=family-centre');
    const card = page.getByTestId('directory-entry').filter({ hasText: NAME });
    await card.getByRole('button', { name: text(fi.directory, 'share.open') }).click();
    await card.getByLabel(text(fi.directory, 'share.group')).waitFor(SOON);
    await card
      .getByRole('button', { name: text(fi.directory, 'share.submit'), exact: true })
      .click();
    await card.getByText(text(fi.directory, 'share.shared')).waitFor(SOON);
    await assertFits(page, 'the search page with a share');
    await screenshot(page, 'directory-shared-fi');

    const family = live.families[0] as TestPerson;
    const chat = await open(family, `/groups/${live.group.id}`);
    const shared = chat.getByTestId('shared-entry').filter({ hasText: NAME });
    await shared.waitFor(SOON);
    await shared.getByRole('link', { name: '03 565 611' }).waitFor(SOON);
    assert.equal(
      await shared.getByRole('link', { name: '03 565 611' }).getAttribute('href'),
      'tel:03565611',
    );
    await shared.getByText('Paula Kumppani').waitFor(SOON);
    await assertFits(chat, 'the group page with the shared card');
    await shared.scrollIntoViewIfNeeded();
    await screenshot(chat, 'directory-shared-card-fi');
    assert.equal(entry.id.length, 24);
  });
});
