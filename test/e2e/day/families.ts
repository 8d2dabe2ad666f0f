// What a family does and checks during the day, through the pages only.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { checkLinks, mailTo } from './mail.ts';
import { expectHeading, shot, signIn, type Player } from './cast.ts';
import type { Day } from './story.ts';

/** Signs in; the home page is the family's own (their groups), with the way to find one. */
export async function familyArrives(family: Player): Promise<void> {
  await signIn(family);
  await expectHeading(family.page, family.t('common:home.title'));
  await family.page.getByText(family.t('groups:myGroups.none')).waitFor();
}

/** Finds the group in the catalogue (a word, or the family's language) and opens it. */
export async function findGroup(family: Player, day: Day, how: 'word' | 'language') {
  const { page, t } = family;
  await page.getByRole('link', { name: t('groups:myGroups.browse') }).click();
  await page.waitForURL('**/groups');
  if (how === 'word') {
    await page.getByLabel(t('groups:catalogue.search'), { exact: true }).fill(day.searchWord);
    await page.getByRole('button', { name: t('groups:catalogue.searchButton') }).click();
  } else {
    // Folded on a phone, open on a laptop: opened when it is not.
    const language = page.getByRole('search').getByLabel(t('groups:catalogue.language'));
    await page.getByTestId('filters-toggle').waitFor();
    if (!(await language.isVisible())) await page.getByTestId('filters-toggle').click();
    await language.selectOption(family.lang);
  }
  const count = page.locator('.result-count');
  await count.filter({ hasText: t('groups:catalogue.count', { count: 1 }) }).waitFor();
  // What a person sees after searching: the result, on the first screen (a phone too).
  const card = page.locator('article.group-card');
  await card.first().waitFor();
  assert.ok(await inView(page, card.first()), 'the first result is in view after the search');
  await shot(family, 'catalogue');
  await card.getByRole('link', { name: day.title(family.lang) }).click();
  await page.getByRole('heading', { level: 1, name: day.title(family.lang) }).waitFor();
}

async function inView(page: Page, locator: ReturnType<Page['locator']>): Promise<boolean> {
  const box = await locator.boundingBox();
  const height = page.viewportSize()?.height ?? 0;
  return box !== null && box.y < height && box.y + Math.min(box.height, 80) > 0;
}

/** Enrols, accepting the rules; says where it stands and emails it in the family's language. */
export async function enrol(
  family: Player,
  day: Day,
  expected: { status: 'confirmed' } | { status: 'waitlisted'; position: number },
): Promise<void> {
  const { page, t } = family;
  const full = expected.status === 'waitlisted';
  await page.getByLabel(t('groups:enrol.accept')).check();
  await page
    .getByRole('button', { name: t(full ? 'groups:enrol.submitWaitlist' : 'groups:enrol.submit') })
    .click();
  const status = page.locator('.enrolment-status');
  await status
    .filter({
      hasText: t(`groups:enrolment.status.${expected.status}`, {
        position: full ? expected.position : 0,
      }),
    })
    .waitFor();
  // Someone in the group is not invited to its waitlist any more.
  assert.equal(await page.getByText(t('groups:places.full')).count(), 0, 'no waitlist invitation');
  await shot(family, expected.status);
  const template = full ? 'enrolmentWaitlisted' : 'enrolmentConfirmed';
  await expectMail(family, day, template);
}

/** The email arrives in the family's language, with one link that opens the group. */
export async function expectMail(family: Player, day: Day, template: string): Promise<void> {
  const mail = await mailTo(family.email, template);
  const group = day.title(family.lang);
  assert.equal(mail.subject, family.t(`email:${template}.subject`, { group }));
  const link = checkLinks(mail, day.url);
  const reader = await family.context.newPage();
  await reader.goto(link);
  await reader.getByRole('heading', { level: 1, name: group }).waitFor();
  await reader.close();
}

/** Cancels from the group page, confirming; told so and emailed. */
export async function cancel(family: Player, day: Day): Promise<void> {
  const { page, t } = family;
  await page.getByRole('button', { name: t('groups:enrol.leave') }).click();
  await page.getByRole('button', { name: t('groups:enrol.leaveYes') }).click();
  await page.getByText(t('groups:enrolment.cancelled')).waitFor();
  await shot(family, 'cancelled');
  await expectMail(family, day, 'enrolmentCancelled');
}

/** The page the family has open says "Join" (not yet: when it opens), as the session stands. */
export async function joinOffered(family: Player, offered: boolean): Promise<void> {
  const join = family.page.getByRole('link', { name: family.t('groups:sessions.join') });
  if (offered) await join.first().waitFor();
  else await join.first().waitFor({ state: 'detached' });
}

/** From the group page: Join, the device check, into the room. */
export async function joinFromGroupPage(family: Player): Promise<void> {
  const { page, t } = family;
  await page
    .getByRole('link', { name: t('groups:sessions.join') })
    .first()
    .click();
  await page.getByTestId('join-button').click();
  await page.locator('[data-testid="live-room"][data-phase="live"]').waitFor();
  await shot(family, 'in-session');
}

export function groupChat(page: Page) {
  return page.getByTestId('group-chat');
}

/** A message as the group chat shows it. */
export function chatMessage(page: Page, text: string) {
  return groupChat(page).getByTestId('chat-message').filter({ hasText: text });
}

/** Writes in the group's chat on its page and waits until the message is shown as sent. */
export async function say(player: Player, text: string): Promise<void> {
  const chat = groupChat(player.page);
  await chat.getByTestId('chat-input').fill(text);
  await chat.getByTestId('chat-send').click();
  await chatMessage(player.page, text).waitFor();
}
