// [day-1..4] A whole day of a peer group, as its people live it, in real Chromium with fake
// cameras, through the pages only: a coordinator sets up the group; four families (Finnish on a
// 360 px phone, Arabic, English, Swedish) find it, enrol — one to the waitlist — cancel and are
// promoted; the facilitator chats with them, starts the session early, mutes and removes; the
// trainer observes unseen; the session ends, the report is written and answered. Each step is a
// test titled by the role it follows; later steps build on earlier ones (one shared server).
// Screenshots of every step land in test/e2e/artifacts/.
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { ReminderRunner } from '../../../server/reminders/runner.ts';
import { startTestApp, type TestApp } from '../../support/app.ts';
import { launchBrowser } from '../../support/browser.ts';
import { testRunner } from '../../support/runner.ts';
import { markLoaded, neverReloaded, shot } from './cast.ts';
import { createGroup, openRoster, rosterShows } from './coordinator.ts';
import {
  cancel,
  enrol,
  expectMail,
  familyArrives,
  findGroup,
  chatMessage,
  joinFromGroupPage,
  joinOffered,
  say,
} from './families.ts';
import {
  endAndReport,
  facilitatorArrives,
  facilitatorReadsFeedback,
  mute,
  remove,
  room,
  startSession,
  trainerObserves,
  trainerReadsReport,
  waitForParticipant,
} from './staff.ts';
import { castOfTheDay, everyone, type Day } from './story.ts';
import { afterTheEnd, beforeJoinOpens } from './sessionChecks.ts';

describe('a whole day without a stumble', function () {
  this.timeout(120_000);
  // One story: a step that failed leaves the next ones nothing to stand on.
  this.bail(true);
  let app: TestApp;
  let browser: Browser;
  let runner: ReminderRunner;
  let day: Day;

  before(async () => {
    app = await startTestApp({ label: 'day' });
    browser = await launchBrowser();
    runner = testRunner(app.url);
    runner.start();
    day = await castOfTheDay(browser, app.url);
  });
  // A failed step leaves what everyone saw at that moment beside the day's screenshots.
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !day) return;
    for (const player of everyone(day)) await shot(player, 'at-failure').catch(() => undefined);
  });
  after(async () => {
    await runner?.stop();
    await browser?.close();
    await app?.close();
  });

  it('[day-1] the coordinator starts from the groups, creates one (defaults agree, creation confirmed) and opens its roster', async () => {
    await createGroup(day.coordinator, day);
    await openRoster(day.coordinator, day);
  });

  it('[day-2] families find the group in their languages, enrol, the fourth lands on the waitlist; each is emailed', async () => {
    const { fi, ar, en, sv } = day.families;
    await Promise.all([fi, ar, en, sv].map(familyArrives));
    await Promise.all([
      findGroup(fi, day, 'word'),
      findGroup(ar, day, 'language'),
      findGroup(en, day, 'language'),
      findGroup(sv, day, 'language'),
    ]);
    await Promise.all([fi, ar, en].map((family) => enrol(family, day, { status: 'confirmed' })));
    await enrol(sv, day, { status: 'waitlisted', position: 1 });
    await markLoaded(sv.page);
  });

  it('[day-1] the open roster followed every enrolment and the waitlist without a reload', async () => {
    const { fi, ar, en, sv } = day.families;
    await rosterShows(
      day.coordinator,
      { confirmed: 3, waitlisted: 1 },
      { confirmed: [fi.name, ar.name, en.name], waitlisted: [sv.name] },
    );
    assert.ok(await neverReloaded(day.coordinator.page), 'the roster was not reloaded');
    await shot(day.coordinator, 'roster-live');
  });

  it('[day-2] a family cancels; the first on the waitlist is promoted and sees it without reloading', async () => {
    const { ar, en, sv, fi } = day.families;
    await cancel(en, day);
    await sv.page
      .locator('.enrolment-status')
      .filter({ hasText: sv.t('groups:enrolment.status.confirmed') })
      .waitFor();
    assert.ok(await neverReloaded(sv.page), 'the promoted family did not reload');
    await shot(sv, 'promoted');
    await expectMail(sv, day, 'enrolmentPromoted');
    // Back again, the group is full: the waitlist, number 1.
    await enrol(en, day, { status: 'waitlisted', position: 1 });
    await rosterShows(
      day.coordinator,
      { confirmed: 3, waitlisted: 1 },
      { confirmed: [fi.name, ar.name, sv.name], waitlisted: [en.name] },
    );
    assert.ok(await neverReloaded(day.coordinator.page), 'the roster followed, no reload');
  });

  it('[day-3] the facilitator starts from their work, reads the roster and greets the group in its chat', async () => {
    const { facilitator } = day;
    const { fi, ar } = day.families;
    await facilitatorArrives(facilitator, day);
    await facilitator.page.goto(`${day.groupPath}/manage`);
    await rosterShows(facilitator, { confirmed: 3, waitlisted: 1 });
    await facilitator.page.goto(day.groupPath);
    const welcome = 'Tervetuloa ryhmään! Nähdään pian videolla.';
    await say(facilitator, welcome);
    for (const family of [fi, ar]) await chatMessage(family.page, welcome).waitFor();
    const reply = 'شكراً، نراكم قريباً!';
    await say(ar, reply);
    await chatMessage(facilitator.page, reply).waitFor();
    await shot(fi, 'chat');
    await shot(ar, 'chat');
  });

  it('[day-2] before the session opens for families, their pages say when; none offers Join', async () => {
    await beforeJoinOpens(day);
  });

  it('[day-3] the facilitator starts the session early; the families see "Join" appear without reloading', async () => {
    const { fi, ar, sv, en } = day.families;
    for (const family of [fi, ar, sv]) await markLoaded(family.page);
    await startSession(day.facilitator);
    for (const family of [fi, ar, sv]) {
      await joinOffered(family, true);
      await family.page.getByText(family.t('groups:sessions.inProgress')).first().waitFor();
      assert.ok(await neverReloaded(family.page), `${family.name}'s page followed by itself`);
    }
    await shot(fi, 'join-offered');
    // On the waitlist: nothing to join, on the group page or at home.
    await joinOffered(en, false);
    await en.page.goto('/');
    await en.page.getByText(en.t('groups:myGroups.noUpcoming')).waitFor();
    await joinOffered(en, false);
  });

  it('[day-4] the trainer observes from the dashboard; the facilitator knows, the families never see them', async () => {
    await trainerObserves(day.trainer, day);
    await day.facilitator.page.getByTestId('observers').getByText(day.trainer.name).waitFor();
  });

  it('[day-2] families join from the group page and are in the room with the facilitator', async () => {
    const { fi, ar, sv } = day.families;
    await Promise.all([fi, ar, sv].map(joinFromGroupPage));
    for (const family of [fi, ar, sv]) await waitForParticipant(day.facilitator, family.name);
    for (const family of [fi, ar, sv]) {
      await waitForParticipant(family, day.facilitator.name);
      const text = await family.page.locator('body').innerText();
      assert.ok(!text.includes(day.trainer.name), `${family.name} does not see the observer`);
      assert.equal(await family.page.getByTestId('observers').count(), 0);
    }
  });

  it('[day-3] the facilitator mutes one family and removes another, who is told why and offered no way back', async () => {
    const { fi, ar } = day.families;
    await mute(day.facilitator, fi);
    await remove(day.facilitator, ar, 'Palataan tähän ensi viikolla.');
    await ar.page.goto(day.groupPath);
    await ar.page.getByText(ar.t('errors:live.removed')).waitFor();
    await joinOffered(ar, false);
    await shot(ar, 'no-way-back');
  });

  it('[day-2] a family leaves the session and may come back while it is on', async () => {
    const { fi } = day.families;
    await fi.page.getByTestId('leave-button').click();
    await fi.page.getByTestId('live-left').waitFor();
    await fi.page.goto(day.groupPath);
    await joinOffered(fi, true);
    await markLoaded(fi.page);
  });

  it('[day-3] the facilitator ends the session and writes its report right away', async () => {
    await endAndReport(day.facilitator, day);
    await day.families.sv.page.getByTestId('live-ended').waitFor();
    await day.trainer.page.getByTestId('live-ended').waitFor();
    assert.equal(await room(day.trainer.page).count(), 0);
  });

  it('[day-2] after the end no page offers Join, and the group shows its next session', async () => {
    await afterTheEnd(day);
  });

  it('[day-4] the trainer sees the session leave the dashboard, reads the report and answers', async () => {
    await trainerReadsReport(day.trainer, day, 'Kiitos raportista, hyvä avauskierros!');
  });

  it('[day-4] the facilitator is told of the answer, and the notification opens the report', async () => {
    await facilitatorReadsFeedback(day.facilitator, 'Kiitos raportista, hyvä avauskierros!');
  });
});
