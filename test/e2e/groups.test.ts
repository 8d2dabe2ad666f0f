// [groups-6] A family on a phone, in a real headless Chromium, finds an Arabic-language group
// through the catalogue's filters, reads whether anyone observes, enrols accepting the rules,
// finds the group and its next session (in Finnish time) under "My groups", and reads that page
// right-to-left in Arabic. The device's own time zone is far from Finland on purpose.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { GroupDetail, MyGroups } from '../../server/protocol/groups.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import {
  createGroup,
  createStaff,
  helsinkiDay,
  weekdayOf,
  type GroupBody,
} from '../support/groups.ts';
import { createPerson, signedInClient, signInCookie } from '../support/people.ts';
import { locale, text } from '../support/locales.ts';

const fi = { common: locale('fi', 'common'), groups: locale('fi', 'groups') };
const ar = { common: locale('ar', 'common'), groups: locale('ar', 'groups') };

/** The same options the client formats a session's start with (client/src/lib/format.ts). */
const SESSION_TIME = { timeZone: 'Europe/Helsinki', dateStyle: 'full', timeStyle: 'short' };

const ARABIC_TITLE = 'الحياة اليومية بين ثقافتين';
const FINNISH_TITLE = 'Arki kahdessa kulttuurissa – arabiaksi';

describe('[groups-6] a family finds an Arabic-language group, enrols and reads it in Arabic', function () {
  this.timeout(120_000);
  let app: TestApp;
  let browser: Browser;
  let target: GroupDetail;

  before(async () => {
    app = await startTestApp({ label: 'groups6' });
    browser = await launchBrowser();
    const staff = await createStaff(app.url);
    const weekly = (days: number, startTime: string) => {
      const startDate = helsinkiDay(days);
      return {
        frequency: 'weekly' as const,
        weekday: weekdayOf(startDate),
        startDate,
        startTime,
        durationMinutes: 90,
        count: 6,
      };
    };
    const group = (overrides: Partial<GroupBody>) => createGroup(staff, overrides);
    target = await group({
      title: [
        { lang: 'fi', text: FINNISH_TITLE },
        { lang: 'ar', text: ARABIC_TITLE },
      ],
      sessionLanguages: ['ar', 'fi'],
      topics: ['everyday-two-cultures'],
      observationAllowed: true,
      schedule: weekly(2, '18:00'),
    });
    // Arabic too, another topic: the language alone does not find the one.
    await group({
      title: [{ lang: 'fi', text: 'Nuorten vanhemmat' }],
      sessionLanguages: ['ar', 'en'],
      topics: ['teenagers'],
      schedule: weekly(3, '17:30'),
    });
    // The same topic in other languages: the topic alone does not find it either.
    await group({
      title: [{ lang: 'fi', text: 'Arki kahdessa kulttuurissa – somaliksi' }],
      sessionLanguages: ['fi', 'so'],
      topics: ['everyday-two-cultures'],
      schedule: weekly(4, '10:00'),
    });
    await group({
      title: [{ lang: 'fi', text: 'Isien ilta' }],
      sessionLanguages: ['fi', 'en'],
      topics: ['fathers', 'everyday-two-cultures'],
      audience: 'fathers',
      schedule: weekly(5, '19:00'),
    });
    await group({
      title: [{ lang: 'fi', text: 'Kielet kotona' }],
      sessionLanguages: ['ru', 'fi'],
      topics: ['language-at-home'],
      region: 'pirkanmaa',
      schedule: weekly(6, '18:30'),
    });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  const html = (page: Page, name: string) => page.locator('html').getAttribute(name);
  const overflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const cards = (page: Page) => page.locator('article.group-card');

  it('[groups-6] catalogue filters, observation notice, enrolment, My groups, Arabic RTL', async () => {
    const family = await createPerson({ roles: ['family'], displayName: 'Amina' });
    const cookie = await signInCookie(app.url, family);
    const context = await browser.newContext({
      locale: 'fi-FI',
      timezoneId: 'America/Los_Angeles',
      viewport: { width: 360, height: 740 },
    });
    await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
    const page = await context.newPage();

    // The catalogue, filtered by language: two Arabic-language groups.
    await page.goto(`${app.url}/groups`);
    await page
      .getByRole('heading', { level: 1, name: text(fi.groups, 'catalogue.title') })
      .waitFor();
    assert.equal(await html(page, 'lang'), 'fi');
    await page
      .getByRole('status')
      .getByText(text(fi.groups, 'catalogue.count_other', { count: '5' }))
      .waitFor();
    // On a phone the language filter stays in sight; the others fold behind "Filters".
    await page.getByLabel(text(fi.groups, 'catalogue.language')).selectOption('ar');
    await page.getByText(text(fi.groups, 'catalogue.count_other', { count: '2' })).waitFor();
    assert.equal(await cards(page).count(), 2);

    // …and by topic (behind "Filters"): the one.
    await page.getByText(text(fi.groups, 'catalogue.filtersToggle'), { exact: true }).click();
    await page
      .getByLabel(text(fi.groups, 'catalogue.topic'))
      .selectOption({ label: text(fi.groups, 'topics.everyday-two-cultures') });
    await page.getByText(text(fi.groups, 'catalogue.count_one', { count: '1' })).waitFor();
    assert.equal(await cards(page).count(), 1);
    const query = new URL(page.url()).searchParams;
    assert.equal(query.get('lang'), 'ar', 'the filters are in the link');
    assert.equal(query.get('topic'), 'everyday-two-cultures');
    assert.ok((await overflow(page)) <= 0, 'the catalogue fits a 360 px phone');

    // The group's page: the observation notice comes before enrolling.
    await page.getByRole('link', { name: FINNISH_TITLE }).click();
    await page.getByRole('heading', { level: 1, name: FINNISH_TITLE }).waitFor();
    const notice = page.locator('.observation');
    await notice.getByText(text(fi.groups, 'observation.allowed')).waitFor();
    const accept = page.getByLabel(text(fi.groups, 'enrol.accept'));
    const noticeFirst = await notice.evaluate(
      (element, checkbox) =>
        !!checkbox &&
        (element.compareDocumentPosition(checkbox) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
      await accept.elementHandle(),
    );
    assert.ok(noticeFirst, 'the observation notice is shown before the enrol form');

    // Enrolling without accepting the rules is refused, at the checkbox.
    const submit = page.getByRole('button', { name: text(fi.groups, 'enrol.submit') });
    await submit.click();
    const required = text(fi.groups, 'enrol.acceptRequired');
    await page.locator('.field-error', { hasText: required }).waitFor();
    assert.equal(await accept.getAttribute('aria-invalid'), 'true');
    assert.match((await accept.getAttribute('aria-describedby')) ?? '', /-error/);

    await accept.check();
    await submit.click();
    await page.getByText(text(fi.groups, 'enrolment.status.confirmed')).waitFor();

    // My groups, from the folded menu: the group and its next session in Finnish time.
    await page.getByRole('button', { name: text(fi.common, 'nav.menu') }).click();
    await page
      .getByRole('navigation', { name: text(fi.common, 'nav.label') })
      .getByRole('link', { name: text(fi.common, 'nav.myGroups'), exact: true })
      .click();
    await page
      .getByRole('heading', { level: 1, name: text(fi.groups, 'myGroups.title') })
      .waitFor();
    const mine = await (await signedInClient(app.url, family)).get<MyGroups>('/groups/mine');
    const next = mine.body.upcoming.find((s) => s.groupId === target.id);
    assert.ok(next, 'the server lists the next session');
    const session = page.locator('.upcoming-session', { hasText: FINNISH_TITLE }).first();
    const time = session.locator('time').first();
    assert.equal(await time.getAttribute('datetime'), next.startsAt);
    const expected = (language: string) =>
      page.evaluate(
        ([lang, iso, options]) =>
          new Intl.DateTimeFormat(lang, options as Intl.DateTimeFormatOptions).format(
            new Date(iso),
          ),
        [language, next.startsAt, SESSION_TIME] as const,
      );
    assert.equal(await time.textContent(), await expected('fi'));
    assert.match((await time.textContent()) ?? '', /18\.00/, 'the schedule is 18:00 Finnish time');
    await page.getByText(text(fi.groups, 'sessions.finnishTime')).first().waitFor();
    await page
      .locator('.my-enrolment', { hasText: FINNISH_TITLE })
      .getByText(text(fi.groups, 'enrolment.short.confirmed'))
      .waitFor();

    // Arabic: the page turns right-to-left, with the group's own Arabic title.
    await page
      .getByRole('combobox', { name: text(fi.common, 'language.label') })
      .selectOption('ar');
    await page
      .getByRole('heading', { level: 1, name: text(ar.groups, 'myGroups.title') })
      .waitFor();
    assert.equal(await html(page, 'lang'), 'ar');
    assert.equal(await html(page, 'dir'), 'rtl');
    await page
      .getByRole('heading', { level: 2, name: text(ar.groups, 'myGroups.upcoming') })
      .waitFor();
    const arabicSession = page.locator('.upcoming-session', { hasText: ARABIC_TITLE }).first();
    await arabicSession.waitFor();
    assert.equal(await arabicSession.locator('time').first().textContent(), await expected('ar'));
    await page
      .locator('.my-enrolment', { hasText: ARABIC_TITLE })
      .getByText(text(ar.groups, 'enrolment.short.confirmed'))
      .waitFor();
    await page.getByText(text(ar.groups, 'sessions.finnishTime')).first().waitFor();
    assert.ok((await overflow(page)) <= 0, 'My groups fits a 360 px phone in Arabic');
    await context.close();
  });
});
