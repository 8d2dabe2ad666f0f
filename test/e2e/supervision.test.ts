// [train-5] and the session report in real browsers (Debian's Chromium with a fake camera and
// microphone) against the real server, database and mediasoup worker: the trainer's supervision
// dashboard leads to the hidden observer and the whispers of the live session; a facilitator's
// report with a safeguarding concern reaches the trainer's dashboard.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Person } from '../../server/people/person.model.ts';
import type { ReportSummary, SupervisionDashboard } from '../../server/protocol/supervision.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { liveGroup } from '../support/live.ts';
import { helsinkiDay } from '../support/groups.ts';
import { createPerson, signInCookie, signedInClient, type TestPerson } from '../support/people.ts';
import { joinSession, mediaFlowing, trackPeerConnections } from './liveBrowser.ts';

describe('supervision in real browsers', function () {
  this.timeout(150_000);
  let app: TestApp;
  let browser: Browser;
  const pages: Page[] = [];
  const room = (page: Page) => page.locator('[data-testid="live-room"][data-phase="live"]');

  /** A page signed in as this person at `path` (peer connections counted, as liveBrowser does). */
  const openAs = async (person: TestPerson, path: string, width = 1280) => {
    const cookie = await signInCookie(app.url, person);
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
    await context.addInitScript(trackPeerConnections);
    const page = await context.newPage();
    pages.push(page);
    await page.goto(`${app.url}${path}`);
    return page;
  };

  /** With SCREENSHOTS=<dir>, a full-page picture for a person to look at. */
  const shot = async (page: Page, name: string) => {
    if (!process.env.SCREENSHOTS) return;
    await page.screenshot({ path: join(process.env.SCREENSHOTS, `${name}.png`), fullPage: true });
  };

  before(async () => {
    app = await startTestApp({ label: 'supervision' });
    browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  it('[train-5] from the supervision dashboard a trainer opens a live session as observer (media received, invisible to the family page) and whispers to the facilitator', async () => {
    const live = await liveGroup(app.url, { families: 1, group: { observationAllowed: true } });
    const { facilitator, trainer } = live.staff;
    const host = await joinSession(browser, app.url, facilitator, live.sessionId);
    const family = await joinSession(browser, app.url, live.families[0]!, live.sessionId);
    pages.push(host, family);
    const frames: string[] = [];
    family.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => frames.push(String(payload))),
    );
    for (const page of [host, family]) await room(page).waitFor();
    // The socket opened before listening: reload so every frame is seen from the start.
    await family.reload();
    await family.getByTestId('join-button').click();
    await room(family).waitFor();

    // The trainer reads Arabic on a phone: the dashboard must fit 360 px right to left.
    await Person.updateOne({ _id: trainer.id }, { language: 'ar' });
    const dashboard = await openAs(trainer, '/supervision', 360);
    const card = dashboard.locator(
      `[data-testid="dashboard-session"][data-session-id="${live.sessionId}"]`,
    );
    await card.waitFor();
    assert.equal(await card.getAttribute('data-live'), 'true', 'marked live');
    assert.ok(await card.getByTestId('live-badge').isVisible(), 'a visible Live badge');
    assert.equal(
      await card.getByTestId('participant-count').getAttribute('data-count'),
      '2',
      'the facilitator and the family',
    );
    assert.equal(await dashboard.evaluate(() => document.documentElement.dir), 'rtl');
    const width = await dashboard.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the dashboard fits a 360 px phone (${width} px wide)`);
    await shot(dashboard, 'supervision-dashboard-ar-360');

    // One click on the dashboard, then the observer page's own confirmation.
    await card.getByTestId('observe-button').click();
    await dashboard.waitForURL(`**/sessions/${live.sessionId}?mode=observer`);
    await dashboard.getByTestId('join-button').click();
    await room(dashboard).waitFor();
    // Both cameras and the sound reach the observer (given time: the test machine is shared).
    await mediaFlowing(dashboard, { videos: 2, audio: true, timeoutMs: 30_000 });
    assert.equal(await dashboard.getByTestId('camera-button').count(), 0, 'nothing to send');
    await host.getByTestId('observers').filter({ hasText: trainer.displayName }).waitFor();

    const whisper = 'Kysy myös isän kokemuksesta.';
    await dashboard.getByTestId('whisper-input').fill(whisper);
    await dashboard.getByTestId('whisper-send').click();
    await host.getByTestId('whisper').filter({ hasText: whisper }).waitFor();
    // Something the family does, for events to flow while the trainer is there.
    await family.getByTestId('hand-button').click();
    await new Promise((r) => setTimeout(r, 1000));

    const text = await family.locator('body').innerText();
    const heard = frames.join('\n');
    assert.ok(heard.includes('live:participant'), 'the family page did receive session events');
    for (const secret of [trainer.displayName, trainer.id, whisper]) {
      assert.ok(!text.includes(secret), `family page shows ${secret}`);
      assert.ok(!heard.includes(secret), `family socket received ${secret}`);
    }
    assert.equal(await family.getByTestId('whisper').count(), 0);
    assert.equal(await family.getByTestId('observers').count(), 0);
    assert.equal(await family.getByTestId('participant').count(), 2, 'the host and themselves');

    // The observer is not counted among the participants either.
    const api = await signedInClient(app.url, trainer);
    const after = await api.get<SupervisionDashboard>('/supervision/dashboard');
    const session = after.body.sessions.find((s) => s.sessionId === live.sessionId);
    assert.equal(session?.participants, 2);

    // Leaving, the facilitator is offered the session's report.
    await host.getByTestId('leave-button').click();
    await host.getByTestId('live-left').waitFor();
    assert.equal(
      await host.getByTestId('write-report').getAttribute('href'),
      `/sessions/${live.sessionId}/report`,
    );
  });

  it('a facilitator files a report with a safeguarding concern; the trainer sees it first on the dashboard, acknowledges it from the notification and answers', async () => {
    // A session that has begun: its report can be written.
    const live = await liveGroup(app.url, { families: 1, startsInMinutes: 0 });
    const { facilitator, trainer } = live.staff;
    const family = live.families[0]!;
    const writer = await openAs(facilitator, `/groups/${live.group.id}/manage`);
    await writer.getByTestId('write-report').click();
    await writer.waitForURL(`**/sessions/${live.sessionId}/report`);
    const present = writer.getByTestId('attendance-check');
    await present.first().waitFor();
    assert.equal(await present.count(), 1, 'the confirmed family, pre-filled');
    assert.equal(await present.isChecked(), false, 'not in the video session');
    await present.check();
    await writer.getByLabel('Kielet kotona').check();
    await writer.getByLabel('4 – Hyvin').check();
    await writer.getByTestId('safeguarding-check').check();
    await writer.getByRole('button', { name: 'Jätä raportti' }).click();
    // The safeguarding flag needs the concern written: refused, nothing filed.
    await writer.locator('.error-summary').waitFor();
    assert.match(
      await writer.locator('.error-summary').innerText(),
      /Turvallisuushuolesta tarvitaan kuvaus/,
    );
    const reports = await signedInClient(app.url, facilitator);
    const none = await reports.get<ReportSummary[]>(`/reports?groupId=${live.group.id}`);
    assert.deepEqual(none.body, []);

    const concern = 'Lapsi kertoi, ettei uskalla mennä kotiin.';
    await writer.getByLabel('Huolta herättävää', { exact: true }).fill(concern);
    await shot(writer, 'report-form-fi');
    await writer.getByRole('button', { name: 'Jätä raportti' }).click();
    await writer.getByTestId('report-filed').waitFor();
    assert.match(writer.url(), /\/reports\/[a-f0-9]{24}$/);
    assert.match(await writer.getByTestId('report-view').innerText(), new RegExp(concern));
    assert.match(
      await writer.getByTestId('report-view').innerText(),
      new RegExp(family.displayName),
    );

    const dashboard = await openAs(trainer, '/supervision');
    const alert = dashboard.getByTestId('safeguarding-alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), new RegExp(concern));
    // The alerts come before the sessions on the page.
    const order = await dashboard.evaluate(() => {
      const alerts = document.querySelector('[data-testid="open-alerts"]');
      const live = document.getElementById('live-heading');
      return alerts && live ? alerts.compareDocumentPosition(live) : 0;
    });
    assert.ok(order & 4, 'open alerts above the live sessions');
    await shot(dashboard, 'supervision-dashboard-alert-fi');
    // The in-app notification leads to the alert, which stays open until acknowledged.
    await dashboard.goto(`${app.url}/notifications`);
    await dashboard.locator('a[href^="/supervision/alerts/"]').click();
    const opened = dashboard.locator('[data-testid="safeguarding-alert"][data-state="open"]');
    await opened.waitFor();
    await opened
      .getByLabel('Muistiinpano (vapaaehtoinen)')
      .fill('Soitin perheelle ja sosiaalipäivystykseen.');
    await opened.getByTestId('acknowledge-button').click();
    const done = dashboard.locator('[data-testid="safeguarding-alert"][data-state="acknowledged"]');
    await done.waitFor();
    assert.match(await done.innerText(), /Soitin perheelle/);
    await shot(dashboard, 'alert-page-fi');
    await dashboard.getByRole('link', { name: 'Takaisin työnohjaukseen' }).click();
    await dashboard.getByTestId('report-summary').waitFor();
    assert.equal(await dashboard.getByTestId('open-alerts').count(), 0, 'no open alert left');

    await dashboard.getByTestId('report-summary').getByRole('link').click();
    await dashboard
      .getByLabel('Palautteesi')
      .fill('Hyvä, että kirjoitit heti. Soitetaan huomenna.');
    await dashboard.getByRole('button', { name: 'Lähetä palaute' }).click();
    await dashboard.getByTestId('feedback').waitFor();
    await dashboard.setViewportSize({ width: 360, height: 800 });
    await shot(dashboard, 'report-page-fi-360');

    await writer.reload();
    await writer.getByTestId('feedback').filter({ hasText: 'Soitetaan huomenna.' }).waitFor();
    assert.equal(await writer.getByLabel('Palautteesi').count(), 0, 'facilitators do not answer');
  });

  it('a facilitator pauses themself on the profile; the coordinator sees them among volunteers without contact', async () => {
    // Fifty facilitators before them: the list comes a page at a time, longest without contact
    // first, so the volunteer is on a later page.
    for (let i = 0; i < 50; i += 1) await createPerson({ roles: ['facilitator'] });
    const trainer = await createPerson({ roles: ['trainer'], displayName: 'Kouluttaja Kaisa' });
    const volunteer = await createPerson({ roles: ['facilitator'], supervisorId: trainer.id });
    const profile = await openAs(volunteer, '/profile', 360);
    const pause = profile.getByTestId('pause-section');
    await pause.getByLabel('Palaan (vapaaehtoinen)').fill(helsinkiDay(30));
    await pause.getByLabel('Muistiinpano (vapaaehtoinen)').fill('Vauva syntyy.');
    await pause.getByRole('button', { name: 'Jään tauolle' }).click();
    await pause.getByRole('button', { name: 'Palaan tauolta' }).waitFor();
    assert.match(await pause.innerText(), /Vauva syntyy\./);

    const coordinator = await createPerson({ roles: ['coordinator'] });
    const volunteers = await openAs(coordinator, '/admin/volunteers?weeks=2', 360);
    const row = volunteers
      .getByTestId('volunteer-contact')
      .filter({ hasText: volunteer.displayName });
    const more = volunteers.getByRole('button', { name: 'Näytä lisää vertaisohjaajia' });
    /** Shows pages until the volunteer's row is there; how many pages that took. */
    const findRow = async () => {
      await volunteers.getByTestId('volunteer-contact').first().waitFor();
      let pages = 1;
      for (; pages < 10 && !(await row.count()); pages += 1) {
        await more.waitFor();
        assert.match(await volunteers.getByRole('status').innerText(), /lisää alempana/);
        const shown = await volunteers.getByTestId('volunteer-contact').count();
        await more.click();
        await volunteers.getByTestId('volunteer-contact').nth(shown).waitFor();
        const focused = await volunteers.evaluate(() => document.activeElement?.id ?? '');
        assert.match(focused, /^volunteer-/, 'focus moves to the first one added');
      }
      await row.waitFor();
      return pages;
    };
    assert.ok((await findRow()) > 1, 'found after "show more"');
    assert.match(await row.innerText(), /Tauolla/);
    assert.match(await row.innerText(), /Kouluttaja Kaisa/);
    assert.match(await row.innerText(), /Ei vielä yhteyttä/);
    const width = await volunteers.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the page fits a 360 px phone (${width} px wide)`);
    await shot(volunteers, 'volunteers-fi-360');

    await pause.getByRole('button', { name: 'Palaan tauolta' }).click();
    await pause.getByRole('button', { name: 'Jään tauolle' }).waitFor();
    await volunteers.reload();
    await findRow();
    assert.doesNotMatch(await row.innerText(), /Tauolla/);
  });
});
