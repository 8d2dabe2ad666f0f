// [partner-3] The partnership table in a real browser on a 360 px phone: a partner contact person
// finds their table, adds to the agenda, writes the minutes and raises an action item in Finnish;
// an Arabic-speaking partner of another organisation is told there is no such table. With
// SCREENSHOTS=<dir>, a picture to look at.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TableDetail } from '../../server/protocol/partnership.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { helsinkiDay, inHelsinki, weekdayOf } from '../support/groups.ts';
import { locale, text } from '../support/locales.ts';
import {
  createOrganisation,
  createPerson,
  signedInClient,
  signInCookie,
  type TestPerson,
} from '../support/people.ts';

const fi = locale('fi', 'table');
const fiGroups = locale('fi', 'groups');
const fiAccount = locale('fi', 'account');
const ar = locale('ar', 'table');
const TITLE = 'Kumppanuuspöytä, Pirkanmaa';

describe('[partner-3] the partnership table in the browser', function () {
  this.timeout(150_000);
  let app: TestApp;
  let browser: Browser;
  let coordinator: TestPerson;
  let partner: TestPerson;
  let outsider: TestPerson;
  let table: TableDetail;
  const contexts: BrowserContext[] = [];

  const phoneOf = async (person: TestPerson, language: string): Promise<Page> => {
    const cookie = await signInCookie(app.url, person);
    const context = await browser.newContext({
      locale: language,
      timezoneId: 'Europe/Helsinki',
      viewport: { width: 360, height: 740 },
    });
    contexts.push(context);
    await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
    return context.newPage();
  };
  const overflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - innerWidth);

  before(async () => {
    app = await startTestApp({ label: 'partner3-e2e' });
    browser = await launchBrowser();
    const orgA = await createOrganisation('partner', 'Pirkanmaan hyvinvointialue');
    const orgB = await createOrganisation('partner', 'Toinen yhdistys');
    coordinator = await createPerson({ roles: ['coordinator'], displayName: 'Kirsi K.' });
    partner = await createPerson({
      roles: ['partner'],
      organisationId: orgA,
      displayName: 'Aila Kumppani',
    });
    outsider = await createPerson({
      roles: ['partner'],
      organisationId: orgB,
      displayName: 'Bushra',
      language: 'ar',
    });
    const start = new Date(Date.now() + 2 * 60_000);
    const startDate = helsinkiDay(0, start);
    const asCoordinator = await signedInClient(app.url, coordinator);
    const created = await asCoordinator.post<TableDetail>('/tables', {
      title: [{ lang: 'fi', text: TITLE }],
      memberIds: [partner.id],
      sessionLanguages: ['fi'],
      schedule: {
        frequency: 'weekly',
        weekday: weekdayOf(startDate),
        startDate,
        startTime: inHelsinki(start),
        durationMinutes: 90,
        count: 2,
      },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    table = created.body;
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
  });

  it('[partner-3] a coordinator sets up a table meeting every third month through the form on a phone', async () => {
    const page = await phoneOf(coordinator, 'fi-FI');
    await page.goto(`${app.url}/tables`);
    await page.getByRole('link', { name: text(fi, 'newLink') }).click();
    await page.getByRole('heading', { level: 1, name: text(fi, 'form.title') }).waitFor();
    await page
      .getByLabel(
        text(fiGroups, 'setup.rowText', {
          field: text(fi, 'form.tableTitle'),
          language: new Intl.DisplayNames(['fi'], { type: 'language' }).of('fi') ?? 'fi',
        }),
      )
      .fill('Kumppanuuspöytä, Lappi');
    const languages = page.getByRole('group', { name: text(fi, 'form.languages') });
    await languages.getByLabel(text(fiAccount, 'profile.addLanguageLabel')).selectOption('fi');
    await languages.getByRole('button', { name: text(fiAccount, 'profile.addLanguage') }).click();
    const members = page.getByRole('group', { name: text(fi, 'form.members') });
    await members.getByLabel(new RegExp(partner.displayName)).check();
    await page.getByLabel(text(fi, 'form.everyMonths')).selectOption('3');
    assert.ok((await overflow(page)) <= 0, 'the form fits the phone');
    await page.getByRole('button', { name: text(fi, 'form.create') }).click();
    await page.getByRole('heading', { level: 1, name: 'Kumppanuuspöytä, Lappi' }).waitFor();
    const asPartner = await signedInClient(app.url, partner);
    const tables = (await asPartner.get<{ id: string; title: { text: string }[] }[]>('/tables'))
      .body;
    const created = tables.find((t) => t.title[0]?.text === 'Kumppanuuspöytä, Lappi');
    assert.ok(created, 'the partner sits at the new table');
    const detail = (await asPartner.get<TableDetail>(`/tables/${created.id}`)).body;
    const starts = detail.meetings.map((m) => Date.parse(m.startsAt));
    assert.equal(starts.length, 4);
    const gap = (starts[1]! - starts[0]!) / 86_400_000;
    assert.ok(gap > 80 && gap < 100, `${gap} days between meetings`);
  });

  it('[partner-3] a partner adds to the agenda, writes minutes and raises an action item on a phone', async () => {
    const page = await phoneOf(partner, 'fi-FI');
    await page.goto(`${app.url}/tables`);
    await page.getByRole('heading', { level: 1, name: text(fi, 'title') }).waitFor();
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();

    await page.getByLabel(text(fi, 'agenda.add')).fill('Perheiden ohjautuminen ryhmiin');
    await page.getByRole('button', { name: text(fi, 'agenda.submit') }).click();
    await page.locator('.table-agenda li', { hasText: 'Perheiden ohjautuminen' }).waitFor();

    await page.getByLabel(text(fi, 'minutes.label')).fill('Läsnä: Kirsi, Aila.');
    await page.getByRole('button', { name: text(fi, 'minutes.save') }).click();
    await page.getByText(text(fi, 'minutes.saved')).waitFor();

    await page.getByLabel(text(fi, 'actions.text')).fill('Esite neuvoloihin');
    // Names in a picker are isolated (FSI…PDI) so a name in another script keeps its order.
    await page
      .getByLabel(text(fi, 'actions.owner'))
      .selectOption({ label: '\u2068Aila Kumppani\u2069' });
    await page.getByLabel(text(fi, 'actions.due')).fill('2027-03-01');
    await page.getByRole('button', { name: text(fi, 'actions.submit') }).click();
    const item = page.locator('.table-action', { hasText: 'Esite neuvoloihin' });
    await item.waitFor();
    await item.getByRole('button', { name: new RegExp(text(fi, 'actions.markDone')) }).click();
    await item.getByText(text(fi, 'actions.statuses.done')).waitFor();
    assert.ok((await overflow(page)) <= 0, 'nothing wider than the phone');
    if (process.env.SCREENSHOTS)
      await page.screenshot({
        path: join(process.env.SCREENSHOTS, 'table-fi-360.png'),
        fullPage: true,
      });

    const saved = (
      await (await signedInClient(app.url, partner)).get<TableDetail>(`/tables/${table.id}`)
    ).body;
    assert.equal(saved.minutes?.text, 'Läsnä: Kirsi, Aila.');
    assert.deepEqual(
      saved.actionItems.map((a) => [a.text, a.status]),
      [['Esite neuvoloihin', 'done']],
    );
  });

  it('[partner-3] a partner of another organisation is told there is no such table (in Arabic)', async () => {
    const page = await phoneOf(outsider, 'ar');
    await page.goto(`${app.url}/tables/${table.id}`);
    await page.getByRole('heading', { level: 1, name: text(ar, 'notFound') }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    await page.goto(`${app.url}/tables`);
    await page.getByText(text(ar, 'none')).waitFor();
    assert.ok((await overflow(page)) <= 0);
  });

  it('[partner-3] the table page reads right to left in Arabic on a phone', async () => {
    const reader = await createPerson({ roles: ['coordinator'], language: 'ar' });
    const page = await phoneOf(reader, 'ar');
    await page.goto(`${app.url}/tables/${table.id}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.getByRole('heading', { name: text(ar, 'agenda.title') }).waitFor();
    await page.getByRole('heading', { name: text(ar, 'minutes.title') }).waitFor();
    await page.getByRole('heading', { name: text(ar, 'actions.title') }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    assert.ok((await overflow(page)) <= 0, 'nothing wider than the phone');
    if (process.env.SCREENSHOTS)
      await page.screenshot({
        path: join(process.env.SCREENSHOTS, 'table-ar-360.png'),
        fullPage: true,
      });
  });
});
