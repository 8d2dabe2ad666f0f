// What the families' pages say about the session before it opens for them and after it ended.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { neverReloaded, shot, type Player } from './cast.ts';
import { joinOffered } from './families.ts';
import type { Day } from './story.ts';

const helsinkiDate = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(new Date(iso));

/** The words of a translation up to its first placeholder ("You can join from "). */
const lead = (text: string) => text.split('{{')[0]!.trim();

/** The group page's sessions, as their <time> elements say (ISO instants). */
const listedSessions = (page: Page) =>
  page
    .locator('.session-list time')
    .evaluateAll((times) => times.map((t) => (t as HTMLTimeElement).dateTime));

export async function beforeJoinOpens(day: Day): Promise<void> {
  const { fi, ar, sv } = day.families;
  for (const family of [fi, ar, sv]) {
    if (!family.page.url().endsWith(day.groupPath)) await family.page.goto(day.groupPath);
    await family.page
      .getByText(lead(family.t('groups:sessions.joinOpens', { time: '{{' })))
      .first()
      .waitFor();
    await joinOffered(family, false);
  }
  await shot(fi, 'not-open-yet');
}

/** Joining is over on every page the family has open or opens; the next session shows. */
export async function afterTheEnd(day: Day): Promise<void> {
  const { fi, ar, sv, en } = day.families;
  // Still on the group page since leaving: it follows by itself.
  await joinOffered(fi, false);
  assert.ok(await neverReloaded(fi.page), 'the group page followed the end by itself');
  const [held, next] = await firstTwoDates(day, fi);
  assert.equal(next, addDays(held, 7), 'the next session, a week later, is listed first');
  await shot(fi, 'after-the-end');

  for (const family of [fi, ar, sv, en]) {
    await family.page.goto('/');
    await family.page.getByRole('heading', { level: 1 }).waitFor();
    await joinOffered(family, false);
  }
  // The catalogue names the next session, not the one that ended.
  await sv.page.goto('/groups');
  const card = sv.page.locator('article.group-card', { hasText: day.title('sv') });
  const named = await card.locator('time').getAttribute('datetime');
  assert.equal(helsinkiDate(named ?? ''), next, 'the catalogue names the next session');
  await shot(sv, 'catalogue-after');
}

/** The held session's date (from the day's start) and the first date the group page lists now. */
async function firstTwoDates(day: Day, family: Player): Promise<[string, string]> {
  const listed = await listedSessions(family.page);
  assert.ok(listed.length > 0, 'the group page lists sessions');
  return [day.firstDate, helsinkiDate(listed[0]!)];
}

function addDays(date: string, days: number): string {
  const at = new Date(`${date}T12:00:00Z`);
  return new Date(at.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}
