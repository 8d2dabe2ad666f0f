// [train-1] Recruitment in real browsers: an applicant applies on /volunteer in Finnish (on a
// phone), the coordinator books a video interview through /admin/recruitment, and the applicant
// opens the emailed link, is signed in by it and meets the coordinator in the interview's live
// session — each sees the other's tile and video (Chromium's fake camera and microphone).
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { OutboxMessage } from '../../server/mail/outbox.model.ts';
import { Application } from '../../server/training/application.model.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { createPerson, signInCookie, type TestPerson } from '../support/people.ts';
import { locale, text } from '../support/locales.ts';

const fi = {
  recruitment: locale('fi', 'recruitment'),
  account: locale('fi', 'account'),
  groups: locale('fi', 'groups'),
};
const ar = locale('ar', 'recruitment');

/** A datetime-local value in Helsinki time. */
const helsinkiInput = (instant: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Helsinki',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(instant)
    .replace(' ', 'T');

describe('[train-1] recruitment in real browsers', function () {
  this.timeout(180_000);
  let app: TestApp;
  let browser: Browser;
  let coordinator: TestPerson;
  const contexts: BrowserContext[] = [];

  const newPage = async (options: { locale: string; width: number; person?: TestPerson }) => {
    const context = await browser.newContext({
      locale: options.locale,
      viewport: { width: options.width, height: 800 },
      // Far from Finland on purpose: times must still read in Finnish time.
      timezoneId: 'America/Los_Angeles',
    });
    contexts.push(context);
    if (options.person) {
      const cookie = await signInCookie(app.url, options.person);
      await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
    }
    return context.newPage();
  };
  const fitsPhone = async (page: Page) => {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `fits a 360 px phone (${width} px wide)`);
  };

  before(async () => {
    app = await startTestApp({ label: 'recruit-e2e' });
    browser = await launchBrowser();
    coordinator = await createPerson({
      roles: ['coordinator'],
      displayName: 'Koordinaattori Kaisa',
      language: 'fi',
    });
  });
  after(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
  });

  it('[train-1] the volunteer form reads right-to-left in Arabic on a phone', async () => {
    const page = await newPage({ locale: 'ar', width: 360 });
    await page.goto(`${app.url}/volunteer`);
    await page.getByRole('heading', { name: text(ar, 'volunteer.title') }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    await fitsPhone(page);
  });

  it('[train-1] an applicant applies in Finnish, the coordinator books the interview, and they meet in its video session', async () => {
    const t = fi.recruitment;
    const email = `leila.${Date.now()}@example.fi`;
    const name = 'Leila Hakija';

    // The applicant, on a phone, from the front page.
    const applicant = await newPage({ locale: 'fi-FI', width: 360 });
    await applicant.goto(app.url);
    await applicant.getByRole('link', { name: text(t, 'nav.volunteer') }).click();
    await applicant.getByRole('heading', { name: text(t, 'volunteer.title') }).waitFor();
    await fitsPhone(applicant);
    // Sending it empty shows what is missing, next to the fields.
    await applicant.getByRole('button', { name: text(t, 'volunteer.submit') }).click();
    await applicant.locator('.error-summary').waitFor();
    assert.ok(
      (await applicant.locator('.field-error').allInnerTexts()).includes(
        text(t, 'volunteer.consentRequired'),
      ),
    );
    await applicant.getByLabel(text(t, 'volunteer.name'), { exact: true }).fill(name);
    await applicant.getByLabel(text(t, 'volunteer.email'), { exact: true }).fill(email);
    const languages = applicant.locator('fieldset', {
      has: applicant.getByText(text(t, 'volunteer.languages'), { exact: true }),
    });
    for (const code of ['ar', 'fi']) {
      await languages.locator('select').selectOption(code);
      await languages
        .getByRole('button', { name: text(fi.account, 'profile.addLanguage'), exact: true })
        .click();
    }
    await applicant
      .getByLabel(text(t, 'volunteer.region'), { exact: true })
      .selectOption({ label: text(fi.groups, 'regions.pirkanmaa') });
    await applicant
      .getByLabel(text(t, 'volunteer.motivation'), { exact: true })
      .fill('Olen kasvanut kahden kulttuurin perheessä ja haluan tukea muita vanhempia.');
    await applicant
      .getByLabel(text(t, 'volunteer.availability'), { exact: true })
      .fill('Arki-illat joka toinen viikko');
    await applicant.getByLabel(text(t, 'volunteer.consent')).check();
    await applicant.getByRole('button', { name: text(t, 'volunteer.submit') }).click();
    const sent = applicant.getByTestId('application-sent');
    await sent.waitFor();
    assert.equal(
      await sent.innerText(),
      text(t, 'volunteer.thanksText', { email: `\u2068${email}\u2069` }),
    );
    const stored = await Application.findOne({ email }).lean();
    assert.equal(stored?.language, 'fi', 'we write to them in the UI language by default');
    assert.deepEqual(stored?.languagesSpoken, ['ar', 'fi']);
    assert.equal(stored?.region, 'pirkanmaa');

    // The coordinator finds the application and books the interview six minutes from now.
    const host = await newPage({ locale: 'fi-FI', width: 1280, person: coordinator });
    await host.goto(`${app.url}/admin/recruitment`);
    await host.locator('[data-status="applied"]').click();
    await host.getByRole('link', { name }).click();
    await host.getByTestId('application-status').waitFor();
    assert.equal(
      await host.getByTestId('application-status').innerText(),
      text(t, 'statuses.applied'),
    );
    // Only the possible next steps are offered.
    assert.deepEqual(
      await host
        .locator('[data-to]')
        .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-to'))),
      ['interviewBooked', 'declined'],
    );
    const at = new Date(Date.now() + 6 * 60_000);
    await host.getByTestId('interview-at').fill(helsinkiInput(at));
    await host.locator('[data-to="interviewBooked"]').click();
    const join = host.getByTestId('join-interview');
    await join.waitFor();
    assert.equal(
      await host.getByTestId('application-status').innerText(),
      text(t, 'statuses.interviewBooked'),
    );
    const history = await host.getByTestId('history').innerText();
    assert.ok(history.includes('Koordinaattori Kaisa'), history);

    // The applicant opens the emailed link: the time in Finnish time, then in.
    const letter = await OutboxMessage.findOne({ to: email, template: 'interviewBooked' }).lean();
    const link = letter?.links[0] ?? '';
    assert.ok(link.startsWith(`${app.url}/interview/`), `a personal link: ${link}`);
    await applicant.goto(link);
    const when = applicant.getByTestId('interview-when');
    await when.waitFor();
    const startsAt = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
    const finnishTime = new Intl.DateTimeFormat('fi', {
      timeZone: 'Europe/Helsinki',
      dateStyle: 'full',
      timeStyle: 'short',
    }).format(startsAt);
    assert.ok((await when.innerText()).includes(finnishTime), await when.innerText());
    await applicant.getByTestId('enter-interview').click();
    await applicant.waitForURL(/\/sessions\/[a-f0-9]{24}$/);
    await applicant.getByTestId('join-button').click();

    await join.click();
    await host.waitForURL(/\/sessions\/[a-f0-9]{24}$/);
    assert.equal(new URL(host.url()).pathname, new URL(applicant.url()).pathname, 'one session');
    await host.getByTestId('join-button').click();

    // Both in the room, each with the other's tile and live video.
    for (const [page, other] of [
      [applicant, 'Koordinaattori Kaisa'],
      [host, name],
    ] as const) {
      await page.locator('[data-testid="live-room"][data-phase="live"]').waitFor();
      await page.locator('.live-tile .live-tile-name', { hasText: other }).waitFor();
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll<HTMLVideoElement>('[data-testid="remote-video"]')].some(
            (video) => video.videoWidth > 0 && video.currentTime > 0,
          ),
        undefined,
        { timeout: 30_000 },
      );
    }
    await fitsPhone(applicant);
  });
});
