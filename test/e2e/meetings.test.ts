// Meetings for facilitators in a real browser: a trainer sets up group supervision (työnohjaus)
// through the form, its members find it on their meetings page and join its live session with
// a fake camera; a facilitator left out never sees it. The devices' clocks are far from Finland
// on purpose: the schedule is typed in Helsinki time.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { MeetingInfo } from '../../server/protocol/groups.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { weekdayOf } from '../support/groups.ts';
import { createPerson, signedInClient, signInCookie, type TestPerson } from '../support/people.ts';
import { locale, text } from '../support/locales.ts';

const fi = {
  meetings: locale('fi', 'meetings'),
  groups: locale('fi', 'groups'),
  account: locale('fi', 'account'),
};
const ar = { meetings: locale('ar', 'meetings') };

/** The Helsinki wall-clock date and time of an instant, as a schedule form takes them. */
const inHelsinki = (date: Date) => {
  const part = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki', ...options }).format(date);
  return { date: part({}), time: part({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }) };
};

const TITLE = 'Työnohjaus, kevät';

describe('meetings for facilitators in the browser', function () {
  this.timeout(150_000);
  let app: TestApp;
  let browser: Browser;
  let trainer: TestPerson;
  let aino: TestPerson;
  let basma: TestPerson;
  let ulla: TestPerson;
  const contexts: BrowserContext[] = [];

  /** A page signed in as `person` (their profile language), on a device in another zone. */
  const pageOf = async (person: TestPerson, width = 1024): Promise<Page> => {
    const cookie = await signInCookie(app.url, person);
    const context = await browser.newContext({
      locale: 'fi-FI',
      timezoneId: 'America/New_York',
      viewport: { width, height: 800 },
    });
    contexts.push(context);
    await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
    return context.newPage();
  };
  const card = (page: Page) => page.locator('article.meeting-card', { hasText: TITLE });

  before(async () => {
    app = await startTestApp({ label: 'meetings-e2e' });
    browser = await launchBrowser();
    trainer = await createPerson({ roles: ['trainer'], displayName: 'Kaija Kouluttaja' });
    const supervised = (displayName: string, language: 'fi' | 'ar' = 'fi') =>
      createPerson({ roles: ['facilitator'], supervisorId: trainer.id, displayName, language });
    aino = await supervised('Aino Ohjaaja');
    basma = await supervised('Basma Ohjaaja', 'ar');
    // Supervised by the same trainer, so offered in the form, but not chosen.
    ulla = await supervised('Ulla Ohjaaja');
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
  });

  it('a trainer sets up group supervision for two facilitators, who see it on their meetings page and join its live session', async () => {
    // The trainer fills the form: the first session starts in two minutes, so joining is open.
    const asTrainer = await pageOf(trainer);
    await asTrainer.goto(`${app.url}/meetings`);
    await asTrainer.getByRole('heading', { level: 1, name: text(fi.meetings, 'title') }).waitFor();
    await asTrainer.getByRole('link', { name: text(fi.meetings, 'newLink') }).click();
    await asTrainer
      .getByRole('heading', { level: 1, name: text(fi.meetings, 'form.title') })
      .waitFor();

    await asTrainer.getByLabel(text(fi.meetings, 'form.kind')).selectOption('supervision');
    await asTrainer
      .getByLabel(
        text(fi.groups, 'setup.rowText', {
          field: text(fi.meetings, 'form.meetingTitle'),
          language: new Intl.DisplayNames(['fi'], { type: 'language' }).of('fi') ?? 'fi',
        }),
      )
      .fill(TITLE);
    const languages = asTrainer.getByRole('group', {
      name: text(fi.meetings, 'form.sessionLanguages'),
    });
    await languages.getByLabel(text(fi.account, 'profile.addLanguageLabel')).selectOption('fi');
    await languages.getByRole('button', { name: text(fi.account, 'profile.addLanguage') }).click();
    const members = asTrainer.getByRole('group', { name: text(fi.meetings, 'members.legend') });
    await members.getByLabel(aino.displayName).check();
    await members.getByLabel(basma.displayName).check();
    assert.equal(await members.getByLabel(ulla.displayName).isChecked(), false);

    const start = inHelsinki(new Date(Date.now() + 2 * 60_000));
    await asTrainer
      .getByLabel(text(fi.groups, 'setup.weekday'))
      .selectOption(weekdayOf(start.date));
    await asTrainer.getByLabel(text(fi.groups, 'setup.startDate')).fill(start.date);
    await asTrainer.getByLabel(text(fi.groups, 'setup.startTime')).fill(start.time);
    await asTrainer.getByLabel(text(fi.groups, 'setup.count')).fill('3');
    await asTrainer.getByRole('button', { name: text(fi.meetings, 'form.create') }).click();

    // Back on the meetings page, under group supervision (työnohjaus).
    await asTrainer.waitForURL(`${app.url}/meetings`);
    const supervision = asTrainer.locator('section', {
      has: asTrainer.getByRole('heading', {
        level: 2,
        name: text(fi.meetings, 'kinds.supervision'),
      }),
    });
    await supervision.locator('article.meeting-card', { hasText: TITLE }).waitFor();
    const stored = (await (await signedInClient(app.url, trainer)).get<MeetingInfo[]>('/meetings'))
      .body;
    assert.equal(stored.length, 1);
    const meeting = stored[0]!;
    assert.equal(meeting.kind, 'supervision');
    assert.equal(meeting.host.id, trainer.id);
    assert.deepEqual(meeting.members.map((m) => m.id).sort(), [aino.id, basma.id].sort());
    assert.deepEqual(meeting.sessionLanguages, ['fi']);
    assert.equal(meeting.nextSessions.length, 3);
    // Typed in Helsinki time on a New York device, it starts two minutes from now.
    const startsIn = Date.parse(meeting.nextSessions[0]!.startsAt) - Date.now();
    assert.ok(startsIn > 0 && startsIn <= 3 * 60_000, `starts in ${startsIn} ms`);

    // A member: the meeting with its host, members and a "Join" link into the live session.
    const asAino = await pageOf(aino);
    await asAino.goto(`${app.url}/groups`);
    await asAino.getByRole('link', { name: text(fi.meetings, 'nav') }).click();
    const ainoCard = card(asAino);
    await ainoCard.waitFor();
    assert.match(await ainoCard.innerText(), new RegExp(trainer.displayName));
    assert.match(await ainoCard.innerText(), new RegExp(basma.displayName));
    assert.equal(await ainoCard.locator('.members-editor').count(), 0, 'members cannot edit it');
    await ainoCard.getByRole('link', { name: text(fi.groups, 'sessions.join') }).click();
    await asAino.waitForURL(`${app.url}/sessions/${meeting.nextSessions[0]!.id}`);
    await asAino.getByTestId('join-button').click();
    await asAino.locator('[data-testid="live-room"][data-phase="live"]').waitFor();
    assert.ok(app.app.live.get(meeting.nextSessions[0]!.id), 'the live session is running');

    // Left out: neither the meeting on her page nor its page.
    const asUlla = await pageOf(ulla);
    await asUlla.goto(`${app.url}/meetings`);
    await asUlla.getByText(text(fi.meetings, 'none')).waitFor();
    assert.equal(await card(asUlla).count(), 0);
    await asUlla.goto(`${app.url}/groups/${meeting.id}`);
    await asUlla
      .getByRole('heading', { level: 1, name: text(fi.groups, 'group.notFound') })
      .waitFor();

    // The other member reads it in Arabic on a 360 px phone, right to left, nothing overflowing.
    const asBasma = await pageOf(basma, 360);
    await asBasma.goto(`${app.url}/meetings`);
    await asBasma
      .getByRole('heading', { level: 2, name: text(ar.meetings, 'kinds.supervision') })
      .waitFor();
    await card(asBasma).getByRole('link', { name: /./ }).first().waitFor();
    assert.equal(await asBasma.locator('html').getAttribute('dir'), 'rtl');
    // The meeting's own page and the form (a facilitator's: a peer meeting) fit the phone too.
    const fits = async (path: string, ready: string) => {
      await asBasma.goto(`${app.url}${path}`);
      await asBasma.getByRole('heading', { level: 1, name: ready }).waitFor();
      const over = await asBasma.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      assert.ok(over <= 0, `${path} fits a 360 px phone (${over} px over)`);
      if (process.env.SCREENSHOTS)
        await asBasma.screenshot({
          path: join(process.env.SCREENSHOTS, `ar-360${path.replaceAll('/', '-')}.png`),
          fullPage: true,
        });
    };
    await fits('/meetings', text(ar.meetings, 'title'));
    await fits(`/groups/${meeting.id}`, TITLE);
    await fits('/meetings/new', text(ar.meetings, 'form.title'));
    await asBasma.getByText(text(ar.meetings, 'form.peerOnly')).waitFor();
  });

  it('the host adds a facilitator through the members editor, who then finds the meeting', async () => {
    const asTrainer = await pageOf(trainer);
    await asTrainer.goto(`${app.url}/meetings`);
    const editor = card(asTrainer).locator('details.members-editor');
    await editor.locator('summary').click();
    await editor.getByLabel(ulla.displayName).check();
    await editor.getByRole('button', { name: text(fi.meetings, 'members.save') }).click();
    await editor.getByRole('status').getByText(text(fi.meetings, 'members.saved')).waitFor();
    // The card's list of members (not the editor's checkboxes) now names her.
    await card(asTrainer).locator('dl.details').getByText(new RegExp(ulla.displayName)).waitFor();

    const asUlla = await pageOf(ulla);
    await asUlla.goto(`${app.url}/meetings`);
    await card(asUlla).waitFor();
    // Its own page: meeting facts and a way back to the meetings, no enrolling.
    await card(asUlla)
      .getByRole('link', { name: text(fi.meetings, 'openPage') })
      .click();
    await asUlla.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await asUlla.getByText(text(fi.meetings, 'kinds.supervision')).first().waitFor();
    await asUlla.getByRole('link', { name: text(fi.meetings, 'backToMeetings') }).waitFor();
    assert.equal(
      await asUlla.getByText(text(fi.groups, 'observation.title')).count(),
      0,
      'no observation notice on a meeting',
    );
  });
});
