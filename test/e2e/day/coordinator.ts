// The coordinator's part of the day: a new peer group through the form, then its roster.
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { helsinki } from '../../support/live.ts';
import { expectHeading, markLoaded, shot, signIn, type Player } from './cast.ts';
import type { Day } from './story.ts';

/** A local Helsinki date and wall-clock time, `minutes` from now. */
function helsinkiIn(minutes: number): { date: string; time: string } {
  const at = new Date(Date.now() + minutes * 60_000);
  return { date: helsinki(at, 'date'), time: helsinki(at, 'time') };
}

const WEEKDAY_OF_DATE = ['su', 'mo', 'tu', 'we', 'th', 'fr', 'sa'];
const weekdayOf = (date: string) => WEEKDAY_OF_DATE[new Date(`${date}T12:00:00Z`).getUTCDay()];

/** Picks the option naming this person (options add e.g. "certified until …"). */
async function choosePerson(select: Locator, name: string): Promise<void> {
  const option = select.locator('option', { hasText: name });
  await option.first().waitFor({ state: 'attached' });
  await select.selectOption((await option.first().getAttribute('value')) ?? '');
}

async function fillRow(rows: Locator, index: number, lang: string, text: string, t: Player['t']) {
  const row = rows.locator('.localized-row').nth(index);
  await row.getByLabel(t('groups:setup.rowLanguage')).selectOption(lang);
  await row.getByRole('textbox').fill(text);
}

/**
 * Home is the groups overview; the new-group form's defaults agree (weekday and first date); the
 * group is created with its first session 20 minutes from now, and the page says it was created.
 */
export async function createGroup(coordinator: Player, day: Day): Promise<void> {
  const { page, t } = coordinator;
  await signIn(coordinator);
  await page.waitForURL('**/admin/groups');
  await shot(coordinator, 'home');
  await page.getByRole('link', { name: t('groups:admin.new') }).click();
  await expectHeading(page, t('groups:setup.newTitle'));

  const date = page.getByLabel(t('groups:setup.startDate'));
  const weekday = page.getByLabel(t('groups:setup.weekday'));
  assert.equal(
    await weekday.inputValue(),
    weekdayOf(await date.inputValue()),
    'the default weekday is the weekday of the default first date',
  );

  const titles = page.locator('fieldset.localized-rows').first();
  await fillRow(titles, 0, 'fi', day.titles.fi, t);
  for (const [i, lang] of (['ar', 'en', 'sv'] as const).entries()) {
    await titles.getByRole('button', { name: t('groups:setup.addRow') }).click();
    await fillRow(titles, i + 1, lang, day.titles[lang], t);
  }
  const description = page.locator('fieldset.localized-rows').nth(1);
  await fillRow(description, 0, 'fi', 'Vertaisryhmä kahden kulttuurin perheille.', t);
  await page.getByLabel(t('groups:topics.everyday-two-cultures')).check();
  const languages = page.locator(
    `fieldset:has(legend:text-is("${t('groups:setup.sessionLanguages')}"))`,
  );
  for (const lang of ['fi', 'ar', 'en', 'sv']) {
    await languages.getByLabel(t('account:profile.addLanguageLabel')).selectOption(lang);
    await languages.getByRole('button', { name: t('account:profile.addLanguage') }).click();
  }
  await page.getByLabel(t('groups:setup.capacity')).fill('3');
  await choosePerson(page.getByLabel(t('groups:setup.lead')), day.facilitator.name);
  await choosePerson(page.getByLabel(t('groups:setup.trainer')), day.trainer.name);
  await page.getByLabel(t('groups:setup.status')).selectOption('open');
  await page.getByLabel(t('groups:setup.observationAllowed')).check();

  // The first session 20 minutes from now: the facilitator may open it early, families not yet.
  const first = helsinkiIn(20);
  day.firstDate = first.date;
  await date.fill(first.date);
  assert.equal(await weekday.inputValue(), weekdayOf(first.date), 'the weekday follows the date');
  await page.getByLabel(t('groups:setup.startTime')).fill(first.time);
  await page.getByLabel(t('groups:setup.duration')).fill('60');
  await shot(coordinator, 'group-form');
  await page.getByRole('button', { name: t('groups:setup.create') }).click();

  await page.getByRole('heading', { level: 1, name: day.titles.fi }).waitFor();
  const saved = page.getByRole('status').filter({ hasText: t('groups:setup.created') });
  await saved.waitFor();
  assert.match(await saved.innerText(), new RegExp(t('groups:setup.nowListed')));
  day.groupPath = new URL(page.url()).pathname;
  await shot(coordinator, 'group-created');
}

/** The roster, left open: it must follow enrolments without a reload. */
export async function openRoster(coordinator: Player, day: Day): Promise<void> {
  const { page, t } = coordinator;
  await page
    .getByRole('link', { name: t('groups:manage.link') })
    .first()
    .click();
  await page.waitForURL(`**${day.groupPath}/manage`);
  await rosterShows(coordinator, { confirmed: 0, waitlisted: 0 });
  await markLoaded(page);
}

/** The roster's counts as its headings show them ("Confirmed (3)"). */
export async function rosterShows(
  player: Player,
  counts: { confirmed: number; waitlisted: number },
  names: { confirmed?: string[]; waitlisted?: string[] } = {},
): Promise<void> {
  const { page, t } = player;
  for (const status of ['confirmed', 'waitlisted'] as const) {
    const title = `${t(`groups:enrolments.${status}`)} (${counts[status]})`;
    await page.getByRole('heading', { level: 3, name: title }).waitFor();
    for (const name of names[status] ?? []) {
      const section = page.locator('div', { has: page.getByRole('heading', { name: title }) });
      await section.getByText(name, { exact: false }).first().waitFor();
    }
  }
}
