// The facilitator's and the trainer's parts of the day, through the pages only.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { expectHeading, shot, signIn, type Player } from './cast.ts';
import type { Day } from './story.ts';

export const room = (page: Page) => page.locator('[data-testid="live-room"][data-phase="live"]');
const participant = (page: Page, name: string) =>
  page.locator(`[data-testid="participant"][data-name="${name}"]`);

/** Home is the facilitator's work: the session to lead, offered to start (it is early). */
export async function facilitatorArrives(facilitator: Player, day: Day): Promise<void> {
  const { page, t } = facilitator;
  await signIn(facilitator);
  await expectHeading(page, t('groups:myGroups.facilitatorTitle'));
  const next = page.locator('.upcoming-session').first();
  await next.getByRole('heading', { name: day.titles.fi }).waitFor();
  await next.getByRole('link', { name: t('groups:sessions.start') }).waitFor();
  await shot(facilitator, 'home');
}

/** Starts the session from home, before its time, through the device check. */
export async function startSession(facilitator: Player): Promise<void> {
  const { page, t } = facilitator;
  await page.goto('/');
  await page
    .getByRole('link', { name: t('groups:sessions.start') })
    .first()
    .click();
  await page.getByTestId('join-button').click();
  await room(page).waitFor();
  await shot(facilitator, 'hosting');
}

export async function waitForParticipant(player: Player, name: string): Promise<void> {
  await participant(player.page, name).waitFor({ state: 'attached' });
}

export async function mute(facilitator: Player, family: Player): Promise<void> {
  await participant(facilitator.page, family.name).locator('[data-action="mute"]').click();
  await family.page.locator('[data-testid="notice"][data-notice="mutedByHost"]').waitFor();
  await family.page.locator('[data-testid="mic-button"][aria-pressed="false"]').waitFor();
  await shot(family, 'muted-by-host');
}

export async function remove(facilitator: Player, family: Player, reason: string): Promise<void> {
  const { page } = facilitator;
  await participant(page, family.name).locator('[data-action="remove"]').click();
  await page.getByTestId('remove-reason').fill(reason);
  await page.getByTestId('remove-confirm').click();
  const removed = family.page.getByTestId('live-removed');
  await removed.waitFor();
  assert.match(await removed.innerText(), new RegExp(reason));
  await shot(family, 'removed');
  await participant(page, family.name).waitFor({ state: 'detached' });
}

/** Ends the session for everyone and writes its report at once. */
export async function endAndReport(facilitator: Player, day: Day): Promise<void> {
  const { page, t } = facilitator;
  await page.getByTestId('end-for-all').click();
  await page.getByTestId('end-confirm').click();
  // Offered at once on the end screen, and waiting on the facilitator's home.
  const offered = await page.getByTestId('write-report').getAttribute('href');
  await page.goto('/');
  const due = page.getByTestId('report-due').filter({ hasText: day.titles.fi });
  await due.waitFor();
  await shot(facilitator, 'report-due');
  await due.getByRole('link', { name: t('supervision:report.write') }).click();
  await page.waitForURL(`**${offered}`);
  const present = page.getByTestId('attendance-check');
  await present.first().waitFor();
  const ticked = await present.evaluateAll((boxes) =>
    boxes
      .filter((b) => (b as HTMLInputElement).checked)
      .map((b) => (b.closest('.check') as HTMLElement | null)?.innerText),
  );
  for (const name of [day.families.fi.name, day.families.ar.name, day.families.sv.name])
    assert.ok(
      ticked.some((label) => label?.includes(name)),
      `${name} marked present by the video`,
    );
  await page.getByLabel(t('supervision:themes.two-cultures')).check();
  await page
    .getByLabel(t('supervision:mood.withNumber', { value: 4, word: t('supervision:mood.4') }))
    .check();
  await page.getByLabel(t('supervision:form.notes')).fill('Hyvä avauskierros, kaikki puhuivat.');
  await shot(facilitator, 'report-form');
  await page.getByRole('button', { name: t('supervision:form.submit') }).click();
  await page.getByTestId('report-filed').waitFor();
  await shot(facilitator, 'report-filed');
  await page.goto('/');
  await expectHeading(page, t('groups:myGroups.facilitatorTitle'));
  await page.locator('.upcoming-session').first().waitFor();
  assert.equal(await page.getByTestId('report-due').count(), 0, 'no report left to write');
}

/** The trainer's home is the dashboard: the live session, one click to observe it hidden. */
export async function trainerObserves(trainer: Player, day: Day): Promise<void> {
  const { page } = trainer;
  await signIn(trainer);
  await page.waitForURL('**/supervision');
  const card = page.locator('[data-testid="dashboard-session"][data-live="true"]');
  await card.getByText(day.titles.fi).waitFor();
  day.sessionId = (await card.getAttribute('data-session-id')) ?? '';
  await shot(trainer, 'dashboard-live');
  await card.getByTestId('observe-button').click();
  await page.getByTestId('join-button').click();
  await room(page).waitFor();
  await shot(trainer, 'observing');
}

/** After the end: nothing of the session left to observe; the report to read and answer. */
export async function trainerReadsReport(trainer: Player, day: Day, feedback: string) {
  const { page, t } = trainer;
  await page.goto('/');
  await page.waitForURL('**/supervision');
  await page.getByTestId('report-summary').filter({ hasText: day.titles.fi }).waitFor();
  const ended = page.locator(
    `[data-testid="dashboard-session"][data-session-id="${day.sessionId}"]`,
  );
  assert.equal(await ended.count(), 0, 'the ended session left the dashboard');
  // Next week's session is there, not yet open for observing.
  const next = page.locator('[data-testid="dashboard-session"]').filter({ hasText: day.titles.fi });
  await next.waitFor();
  assert.equal(await next.getByTestId('observe-button').count(), 0, 'nothing to observe yet');
  await shot(trainer, 'dashboard-after');
  await page.getByTestId('report-summary').getByRole('link').first().click();
  await page.getByLabel(t('supervision:feedback.label')).fill(feedback);
  await page.getByRole('button', { name: t('supervision:feedback.send') }).click();
  await page.getByTestId('feedback').filter({ hasText: feedback }).waitFor();
  await shot(trainer, 'feedback');
}

/** The facilitator's notification says what its link opens, and opens it. */
export async function facilitatorReadsFeedback(facilitator: Player, feedback: string) {
  const { page, t } = facilitator;
  await page.goto('/notifications');
  const notice = page.locator('.notification').filter({
    hasText: t('groups:notifications.kinds.report-feedback'),
  });
  await notice.waitFor();
  await notice.getByRole('link', { name: t('groups:notifications.openReport') }).click();
  await page.waitForURL('**/reports/*');
  await page.getByTestId('feedback').filter({ hasText: feedback }).waitFor();
  await shot(facilitator, 'feedback-read');
}
