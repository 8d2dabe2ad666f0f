// [day-5] What testers stumbled on going through the UI in Finnish, Arabic, English and Swedish,
// checked in a real Chromium against the real server and database: every language list names
// its languages (no raw "se"), mixed-direction snippets are isolated in Arabic ("(.ics)" stays
// in order), the new-group form's weekday agrees with its first date, and the coordinator's
// menu stays on one line. With SCREENSHOTS=<dir>, pictures to look at.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Person } from '../../server/people/person.model.ts';
import type { GroupDetail } from '../../server/protocol/groups.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { createGroup, createStaff, helsinkiDay, weekdayOf } from '../support/groups.ts';
import {
  ApiClient,
  createPerson,
  signedInClient,
  signInCookie,
  type TestPerson,
} from '../support/people.ts';
import {
  assertIcsInOrder,
  isolation,
  languageNames,
  menuRow,
  nextFrames,
  nthOf,
} from './wordsOnScreen.ts';
import { locale, text, type Strings } from '../support/locales.ts';

const LANGUAGES = ['fi', 'ar', 'sv', 'en'] as const;

/** The items of a list as the language writes one ("A, B ja C"): split at its own separators. */
const listItems = (language: string) => {
  const lists = new Intl.ListFormat(language, { type: 'conjunction' });
  // Two items and three may join differently ("A and B", "A, B, and C").
  const separators = [
    ['a', 'b'],
    ['a', 'b', 'c'],
  ]
    .flatMap((items) => lists.formatToParts(items))
    .filter((part) => part.type === 'literal')
    .map((part) => part.value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(separators.sort((a, b) => b.length - a.length).join('|'));
  return (text: string) => text.split(pattern);
};
type Language = (typeof LANGUAGES)[number];
const words = (language: string) => ({
  common: locale(language, 'common'),
  groups: locale(language, 'groups'),
  chat: locale(language, 'chat'),
});

const SOON = { timeout: 10_000 };
const FACILITATOR = 'Fatima (vertaisohjaaja)';
const FAMILY = 'Amina (äiti)';
const FI_TITLE = 'Arki kahdessa kulttuurissa (pohjoissaameksi)';
const AR_TITLE = 'الحياة اليومية بين ثقافتين';
const FI_DESCRIPTION = 'Vertaistukea arkeen (myös saameksi).';
const MESSAGE = 'Hello (everyone), see you on Tuesday.';
/** Languages whose names Chromium lacks or words oddly: the locale files name them. */
const NAMED_BY_LOCALES = ['se', 'ckb'];

describe('[day-5] words on screen: language names, isolation, schedule, menu', function () {
  this.timeout(300_000);
  let app: TestApp;
  let browser: Browser;
  let group: GroupDetail;
  let family: TestPerson;
  let coordinator: TestPerson;
  let trainer: TestPerson;
  let facilitator: TestPerson;

  before(async () => {
    app = await startTestApp({ label: 'day5' });
    browser = await launchBrowser();
    const staff = await createStaff(app.url);
    trainer = staff.trainer;
    facilitator = { ...staff.facilitator, displayName: FACILITATOR };
    await Person.updateOne({ _id: facilitator.id }, { displayName: FACILITATOR });
    coordinator = await createPerson({ roles: ['coordinator'], displayName: 'Kaisa' });
    const startDate = helsinkiDay(3);
    group = await createGroup(staff, {
      title: [
        { lang: 'fi', text: FI_TITLE },
        { lang: 'ar', text: AR_TITLE },
      ],
      description: [{ lang: 'fi', text: FI_DESCRIPTION }],
      sessionLanguages: ['se', 'ckb'],
      schedule: {
        frequency: 'weekly',
        weekday: weekdayOf(startDate),
        startDate,
        startTime: '18:00',
        durationMinutes: 90,
        count: 4,
      },
    });
    family = await createPerson({ roles: ['family'], displayName: FAMILY });
    const client = await signedInClient(app.url, family);
    const enrolled = await client.post<{ status: string }>(`/groups/${group.id}/enrolments`, {
      acceptRules: group.rulesVersion,
    });
    assert.equal(enrolled.body.status, 'confirmed');
    assert.equal((await client.patch('/me', { languagesSpoken: ['se', 'ckb', 'fi'] })).status, 200);
    const applied = await new ApiClient(app.url).post('/volunteer-applications', {
      name: 'Ánde Saamelainen',
      email: `ande.${Date.now()}@example.fi`,
      languagesSpoken: ['se', 'ckb'],
      region: 'lappi',
      motivation: 'Haluan tukea muita kaksikielisiä perheitä Lapissa.',
      availability: 'Tiistai-illat',
      language: 'fi',
      consent: true,
    });
    assert.equal(applied.status, 201, JSON.stringify(applied.body));
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  /** A page in `language` at `width`, signed in as `person` (their profile language wins). */
  async function pageAs(person: TestPerson | null, language: Language, width = 1280) {
    const context = await browser.newContext({
      locale: 'fi-FI',
      viewport: { width, height: 800 },
    });
    if (person) {
      await Person.updateOne({ _id: person.id }, { language });
      const cookie = await signInCookie(app.url, person);
      await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
    } else {
      await context.addInitScript((l) => localStorage.setItem('rinnalla.lang', l), language);
    }
    return context.newPage();
  }

  /** Opens a path and waits until it reads in `language` and `ready` is there. */
  async function open(page: Page, path: string, language: Language, ready: string) {
    await page.goto(`${app.url}${path}`);
    await page.waitForFunction((l) => document.documentElement.lang === l, language, SOON);
    await page
      .locator(ready)
      .first()
      .waitFor({ state: 'attached', ...SOON });
  }

  async function screenshot(page: Page, name: string) {
    const dir = process.env.SCREENSHOTS;
    if (dir) await page.screenshot({ path: join(dir, `day5-${name}.png`), fullPage: true });
  }

  it("[day-5] every language list shows each language's own name or a translated one (no raw codes)", async () => {
    // Each person's pages with a language list, and what shows that a page's list is in.
    const visits: { who: TestPerson | null; pages: [path: string, ready: string][] }[] = [
      {
        who: family,
        pages: [
          ['/profile', '.chips li'],
          ['/groups', 'article.group-card .chips li'],
          [`/groups/${group.id}`, '.group-languages li'],
          ['/my-groups', '.my-enrolment .chips li'],
        ],
      },
      {
        who: coordinator,
        pages: [
          ['/admin/groups/new', 'option[value="se"]'],
          ['/admin/recruitment', '[data-testid="application"]'],
        ],
      },
      { who: trainer, pages: [['/meetings/new', 'option[value="se"]']] },
      { who: null, pages: [['/volunteer', 'option[value="se"]']] },
    ];
    for (const language of LANGUAGES) {
      const named = locale(language, 'common').languageNames as Strings;
      const expected = NAMED_BY_LOCALES.map((code) => text(named, code));
      for (const visit of visits) {
        const page = await pageAs(visit.who, language);
        for (const [path, ready] of visit.pages) {
          await open(page, path, language, ready);
          const where = `${path} in ${language}`;
          // The language's texts may arrive after the page switched to it: the lists follow.
          const listed = (f: Awaited<ReturnType<typeof languageNames>>) =>
            expected.every((name) =>
              [...f.options.map((o) => o.text), ...f.chips, ...f.applications].some((n) =>
                n.includes(name),
              ),
            );
          let found = await languageNames(page);
          for (const until = Date.now() + 10_000; !listed(found) && Date.now() < until;) {
            await page.waitForTimeout(200);
            found = await languageNames(page);
          }
          // The codes offered are the list to compare with: no name may be one of them.
          const codes = new Set(found.options.map((o) => o.code));
          for (const code of NAMED_BY_LOCALES) codes.add(code);
          const names = [
            ...found.options.map((o) => o.text),
            ...found.chips,
            ...found.applications.flatMap((meta) => meta.split(/ · /).flatMap(listItems(language))),
          ];
          assert.ok(names.length >= 2, `${where}: languages are listed (${names.length})`);
          for (const name of names) {
            assert.ok(name.length > 0, `${where}: an empty language name`);
            // "venäjä (русский)": neither the name nor its own name in brackets is a code.
            for (const part of name.split(/ \(|\)$/).filter(Boolean))
              assert.ok(!codes.has(part.toLowerCase()), `${where}: a raw code "${name}"`);
          }
          // Northern Sami and Sorani are on every one of these pages, named as the locales say.
          for (const name of expected)
            assert.ok(
              names.some((n) => n === name || n.startsWith(`${name} (`)),
              `${where}: "${name}" is listed (${names.join(' | ')})`,
            );
          if (path === '/profile' || path === '/admin/groups/new')
            assert.ok(codes.size >= 40, `${where}: the whole list is offered (${codes.size})`);
          await screenshot(page, `languages-${language}-${path.replace(/\W+/g, '_')}`);
        }
        await page.context().close();
      }
    }
  });

  it('[day-5] every mixed-direction snippet is isolated, checked in Arabic', async () => {
    const ar = words('ar');

    // The group page: its texts in their own language and direction, names and ".ics" isolated.
    const page = await pageAs(family, 'ar');
    await open(page, `/groups/${group.id}`, 'ar', 'h1 bdi');
    const title = page.locator('h1 bdi');
    assert.equal(await title.textContent(), AR_TITLE);
    assert.equal(await title.getAttribute('lang'), 'ar');
    assert.equal(await title.getAttribute('dir'), 'rtl');
    const description = page.locator('.group-description bdi');
    assert.equal(await description.textContent(), FI_DESCRIPTION);
    assert.equal(await description.getAttribute('lang'), 'fi');
    assert.equal(await description.getAttribute('dir'), 'ltr');
    const calendarLink = page.locator('a[href$="calendar.ics"]');
    assert.ok(await isolation(calendarLink, '.ics'), '".ics" is isolated on the group page');
    await assertIcsInOrder(calendarLink, 'the group page');
    await screenshot(page, 'isolation-group-page');

    // A chat message: the family writes in English; the facilitator reads it in Arabic.
    await page.getByTestId('chat-input').fill(MESSAGE);
    await page.getByTestId('chat-input').press('Enter');
    const reader = await pageAs(facilitator, 'ar');
    await open(reader, `/groups/${group.id}`, 'ar', 'h1 bdi');
    const message = reader.getByTestId('chat-message').filter({ hasText: MESSAGE });
    await message.waitFor(SOON);
    assert.ok(await isolation(message.locator('.chat-text'), MESSAGE), 'the message is isolated');
    assert.ok(await isolation(message.locator('.chat-meta'), FAMILY), 'the sender is isolated');
    await screenshot(reader, 'isolation-chat');
    await reader.context().close();

    // My groups and the calendar section.
    await open(page, '/my-groups', 'ar', '.my-enrolment');
    const enrolment = page.locator('.my-enrolment', { hasText: AR_TITLE });
    assert.ok(await isolation(enrolment.locator('h3'), AR_TITLE), 'the title is isolated');
    const myCalendarLink = enrolment.locator('a[href$="calendar.ics"]');
    assert.ok(await isolation(myCalendarLink, '.ics'), '".ics" is isolated in My groups');
    await assertIcsInOrder(myCalendarLink, 'My groups');
    const feed = page.getByLabel(text(ar.groups, 'calendar.address'));
    await page.waitForFunction(
      () => (document.querySelector<HTMLInputElement>('input[readonly]')?.value ?? '') !== '',
      undefined,
      SOON,
    );
    assert.equal(await feed.getAttribute('dir'), 'ltr', 'the feed address reads left to right');
    assert.match(await feed.inputValue(), /^http:\/\/.+\.ics$/);
    await screenshot(page, 'isolation-my-groups');

    // The profile: the email address and the name as typed.
    await open(page, '/profile', 'ar', '.chips li');
    assert.ok(await isolation(page.locator('dl.details'), family.email), 'the email is isolated');
    const name = page.locator('input[autocomplete="nickname"]');
    assert.equal(await name.inputValue(), FAMILY);
    assert.equal(await name.getAttribute('dir'), 'auto', 'the name takes its own direction');
    await screenshot(page, 'isolation-profile');
    await page.context().close();

    // The group form: the Finnish title in its own field, people named in the lists.
    const form = await pageAs(coordinator, 'ar');
    await open(form, `/groups/${group.id}/edit`, 'ar', `option[value="${facilitator.id}"]`);
    const finnishTitle = form.locator('input[lang="fi"]');
    assert.equal(await finnishTitle.inputValue(), FI_TITLE);
    assert.equal(await finnishTitle.getAttribute('dir'), 'auto');
    const lead = form.locator(`option[value="${facilitator.id}"]`).first();
    assert.ok(await isolation(lead, FACILITATOR), 'the lead’s name is isolated in the list');
    await screenshot(form, 'isolation-group-form');

    // The group's facts, in a family's Arabic: the facilitators' names, each isolated.
    await open(form, `/groups/${group.id}`, 'ar', 'h1 bdi');
    const facilitators = form.locator('.group-facts dd', { hasText: FACILITATOR });
    assert.ok(await isolation(facilitators, FACILITATOR), 'the facilitator’s name is isolated');
    await form.context().close();
  });

  it("[day-5] the new-group form's default weekday is its first date's, and they stay in step", async () => {
    const fi = words('fi');
    const page = await pageAs(coordinator, 'fi');
    await open(page, '/admin/groups/new', 'fi', 'input[type="date"]');
    const weekday = page.getByLabel(text(fi.groups, 'setup.weekday'), { exact: true });
    const firstDate = page.getByLabel(text(fi.groups, 'setup.startDate'), { exact: true });
    const agree = async (where: string) => {
      const date = await firstDate.inputValue();
      assert.equal(await weekday.inputValue(), weekdayOf(date), `${where}: ${date}`);
      return date;
    };
    const today = await agree('by default');
    assert.equal(today, helsinkiDay(0), 'the first date is today, in Helsinki');
    // The form says when the first session is, as the app writes dates.
    const said = await page.evaluate(
      (date) =>
        new Intl.DateTimeFormat('fi', { timeZone: 'Europe/Helsinki', dateStyle: 'full' }).format(
          new Date(`${date}T12:00:00Z`),
        ),
      today,
    );
    await page
      .getByRole('status')
      .filter({ hasText: text(fi.groups, 'setup.firstSession', { date: said, time: '18.00' }) })
      .waitFor(SOON);

    // A new first date sets the weekday; another weekday moves the date to the next such day.
    let days = 7;
    while (weekdayOf(helsinkiDay(days)) !== 'fr') days += 1;
    await firstDate.fill(helsinkiDay(days));
    assert.equal(await agree('after a new date'), helsinkiDay(days));
    assert.equal(await weekday.inputValue(), 'fr');
    await weekday.selectOption('mo');
    assert.equal(await agree('after a new weekday'), helsinkiDay(days + 3), 'the next Monday');

    // Once a month: the week of the month follows the date too, and moves it when changed.
    await page.getByLabel(text(fi.groups, 'setup.frequency')).selectOption('monthly');
    const nth = page.getByLabel(text(fi.groups, 'setup.monthlyNth'));
    assert.equal(await nth.inputValue(), nthOf(await agree('monthly')));
    await nth.selectOption('-1');
    const last = await agree('the last Monday');
    const weekLater = new Date(Date.parse(`${last}T00:00:00Z`) + 7 * 86_400_000);
    assert.notEqual(weekLater.toISOString().slice(5, 7), last.slice(5, 7), `${last} is the last`);
    assert.ok(last >= helsinkiDay(days + 3), 'moved forward, never back');
    await screenshot(page, 'schedule-group-form');
    await page.context().close();

    // The meeting form reuses the fields: the same agreement by default.
    const meeting = await pageAs(trainer, 'fi');
    await open(meeting, '/meetings/new', 'fi', 'input[type="date"]');
    const meetingDate = await meeting
      .getByLabel(text(fi.groups, 'setup.startDate'), { exact: true })
      .inputValue();
    assert.equal(
      await meeting.getByLabel(text(fi.groups, 'setup.weekday'), { exact: true }).inputValue(),
      weekdayOf(meetingDate),
    );
    await meeting.context().close();
  });

  it("[day-5] the coordinator's menu is one line at 1280 px in every language, and works folded", async () => {
    for (const language of LANGUAGES) {
      const { common } = words(language);
      for (const person of [coordinator, trainer, family]) {
        const page = await pageAs(person, language, 1280);
        await open(page, '/my-groups', language, '#main-menu li');
        const row = await menuRow(page);
        const who = `${person.roles.join()} in ${language}`;
        assert.equal(row.folded, false, `${who}: the menu is a row at 1280 px`);
        assert.ok(
          Math.max(...row.tops) - Math.min(...row.tops) <= 1 &&
            row.listHeight < 1.5 * row.itemHeight,
          `${who}: one line (${row.listHeight} px for items of ${row.itemHeight} px)`,
        );
        assert.ok(row.overflow <= 0, `${who}: nothing sticks out`);
        if (person === coordinator) {
          // The administration pages behind one button, a disclosure for the keyboard.
          const admin = page.getByRole('button', { name: text(common, 'nav.admin'), exact: true });
          const allGroups = page.getByRole('link', {
            name: text(common, 'nav.groupSetup'),
            exact: true,
          });
          assert.equal(await allGroups.isVisible(), false);
          await admin.focus();
          await page.keyboard.press('Enter');
          assert.equal(await admin.getAttribute('aria-expanded'), 'true');
          await allGroups.waitFor(SOON);
          await page.keyboard.press('Tab');
          assert.equal(
            await page.evaluate(() => document.activeElement?.getAttribute('href')),
            '/admin/groups',
            'Tab goes into the list',
          );
          await screenshot(page, `menu-open-${language}-1280`);
          await page.keyboard.press('Escape');
          assert.equal(await admin.getAttribute('aria-expanded'), 'false');
          assert.equal(await allGroups.isVisible(), false);
          assert.ok(await admin.evaluate((b) => b === document.activeElement), 'focus returns');
          // At 1024 px: one line, or folded behind the menu button, never two lines.
          await page.setViewportSize({ width: 1024, height: 800 });
          await nextFrames(page);
          const narrower = await menuRow(page);
          assert.ok(
            narrower.folded ||
              (Math.max(...narrower.tops) - Math.min(...narrower.tops) <= 1 &&
                narrower.listHeight < 1.5 * narrower.itemHeight),
            `${who}: at 1024 px one line or folded`,
          );
          await screenshot(page, `menu-${language}-1024`);
        }
        await page.context().close();
      }
    }

    // On a phone the menu folds; the administration pages are listed in it, under their name.
    const fi = words('fi');
    const phone = await pageAs(coordinator, 'fi', 360);
    await open(phone, '/my-groups', 'fi', '#main-menu li');
    assert.equal((await menuRow(phone)).folded, true);
    const menu = phone.getByRole('button', { name: text(fi.common, 'nav.menu') });
    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    const nav = phone.getByRole('navigation', { name: text(fi.common, 'nav.label') });
    await nav.getByRole('link', { name: text(fi.common, 'nav.people') }).waitFor(SOON);
    await nav.getByRole('list', { name: text(fi.common, 'nav.admin') }).waitFor(SOON);
    assert.ok((await menuRow(phone)).overflow <= 0, 'the phone menu fits 360 px');
    await screenshot(phone, 'menu-fi-360');
    await phone.keyboard.press('Escape');
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    await phone.context().close();
  });
});
