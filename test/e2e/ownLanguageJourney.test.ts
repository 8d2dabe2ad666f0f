// [reach-3] A family whose browser speaks Somali, or Sorani (right to left), goes the whole way in
// its own language on a phone: the app opens in it before anyone signs in, the family signs up
// and confirms its address, finds a group in the catalogue, enrols, gets the reminder email in its
// language, and joins the live session (fake camera and microphone) where the facilitator is.
// On every screen: <html lang/dir> are the language's, and no English words of the app show.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { translator } from '../../server/i18n/index.ts';
import { OutboxMessage } from '../../server/mail/outbox.model.ts';
import type { LanguageCode } from '../../server/protocol/languages.ts';
import { formatWhen } from '../../server/reminders/texts.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { createGroup, createStaff, weekdayOf, type GroupStaff } from '../support/groups.ts';
import { helsinki } from '../support/live.ts';
import { testRunner } from '../support/runner.ts';
import { mailTo } from './day/mail.ts';
import { joinSession, mediaFlowing, trackPeerConnections } from './liveBrowser.ts';
import { englishOnScreen } from './englishOnScreen.ts';

/** The server's time, moved by hand: an hour behind while the family enrols (see below). */
class ShiftedClock {
  shiftMs = 0;
  now(): Date {
    return new Date(Date.now() + this.shiftMs);
  }
}

const JOURNEYS: { lang: LanguageCode; dir: 'ltr' | 'rtl'; title: string; about: string }[] = [
  {
    lang: 'so',
    dir: 'ltr',
    title: 'Waalidiinta laba dhaqan',
    about: 'Koox taageero oo loogu talagalay waalidiinta carruurta yaryar.',
  },
  {
    lang: 'ckb',
    dir: 'rtl',
    title: 'دایک و باوکانی دوو کولتوور',
    about: 'گرووپێکی پشتگیری بۆ دایک و باوکانی منداڵانی بچووک.',
  },
];

describe('[reach-3] a family goes the whole way in Somali and in Sorani', function () {
  this.timeout(180_000);
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const journey of JOURNEYS)
    describe(journey.lang, () => {
      // Each journey has its own server and database: the reminder queue's cursor only moves
      // forward, and the first journey's clock has been an hour ahead of the second's.
      const clock = new ShiftedClock();
      let app: TestApp;
      let staff: GroupStaff;
      const pages: Page[] = [];
      before(async () => {
        app = await startTestApp({ label: `reach3-${journey.lang}`, clock });
        staff = await createStaff(app.url);
      });
      after(async () => {
        for (const page of pages.splice(0)) await page.context().close();
        await app?.close();
      });

      it(`[reach-3] ${journey.lang}: sign up, find a group, enrol, the reminder email, join the session`, async () => {
        const { lang } = journey;
        const t = translator(lang);
        const english = translator('en');

        // The session starts in about five minutes. Reminders go out an hour (and a day) before; a
        // family enrolling now would get none, so the server's clock stands an hour earlier while
        // the family enrols: the hour-before reminder is then planned, and due once time is back.
        clock.shiftMs = -60 * 60_000;
        const startsAt = new Date(Date.now() + 6 * 60_000);
        const startDate = helsinki(startsAt, 'date');
        const group = await createGroup(staff, {
          title: [
            { lang, text: journey.title },
            { lang: 'fi', text: `Kaksi kulttuuria (${lang})` },
          ],
          description: [{ lang, text: journey.about }],
          sessionLanguages: [lang],
          region: 'online-finland',
          joinWindowMinutes: 10,
          schedule: {
            frequency: 'weekly',
            weekday: weekdayOf(startDate),
            startDate,
            startTime: helsinki(startsAt, 'time'),
            durationMinutes: 90,
            count: 2,
          },
        });
        const session = group.nextSessions[0];
        assert.ok(session, 'the group has its first session');

        // A phone whose browser speaks the language: the app opens in it before sign-in.
        const context = await browser.newContext({
          baseURL: app.url,
          locale: lang,
          viewport: { width: 360, height: 740 },
          isMobile: true,
          hasTouch: true,
        });
        await context.addInitScript(trackPeerConnections);
        const page = await context.newPage();
        pages.push(page);
        page.setDefaultTimeout(20_000);
        const screen = async (what: string) => {
          assert.equal(await page.locator('html').getAttribute('lang'), lang, `${what}: lang`);
          assert.equal(await page.locator('html').getAttribute('dir'), journey.dir, `${what}: dir`);
          if (process.env.DEBUG_REACH3)
            console.log(`--- ${what}\n${await page.locator('body').innerText()}`);
          const leaked = await englishOnScreen(page, lang);
          assert.deepEqual(leaked, [], `${what}: English on the ${lang} screen`);
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          assert.ok(overflow <= 0, `${what}: fits the 360 px phone (${overflow} px too wide)`);
        };
        const heading = (name: string) =>
          page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

        await page.goto('/');
        await heading(t('common:home.title'));
        await screen('home');

        // Sign up through the page, in the language the page is in.
        const email = `qoys-${lang}-${randomBytes(3).toString('hex')}@test.rinnalla.fi`;
        const password = 'a long enough passphrase';
        await page.goto('/sign-up');
        await heading(t('account:signUp.title'));
        await screen('sign-up');
        await page.getByLabel(t('account:fields.displayName')).fill(`Hodan ${lang}`);
        await page.getByLabel(t('account:fields.email')).fill(email);
        await page.getByLabel(t('account:fields.password'), { exact: true }).fill(password);
        await page
          .getByLabel(t('account:signUp.acceptPrivacy').replace(/<\/?privacyLink>/g, ''))
          .check();
        await page.getByRole('button', { name: t('account:signUp.submit') }).click();
        await heading(t('account:checkEmail.title'));
        await screen('check your email');

        // The address is confirmed from the email, which is in the language too.
        const verification = await mailTo(email, 'verifyEmail');
        assert.equal(verification.subject, t('email:verifyEmail.subject'));
        const link = verification.links.find((l) => l.includes('/verify-email?token='));
        assert.ok(link, 'the email carries the verification link');
        await page.goto(link);
        await page.getByText(t('account:verify.done')).waitFor();
        await screen('address confirmed');
        await page.getByRole('link', { name: t('account:verify.signIn') }).click();
        await page.getByLabel(t('account:fields.email')).fill(email);
        await page.getByLabel(t('account:fields.password'), { exact: true }).fill(password);
        await screen('sign-in');
        await page.getByRole('button', { name: t('account:signIn.submit') }).click();
        await page.getByText(t('groups:myGroups.none')).waitFor();
        await screen('my groups (none yet)');

        // The catalogue: the groups held in the family's language.
        await page.getByRole('link', { name: t('groups:myGroups.browse') }).click();
        await page.waitForURL('**/groups');
        const language = page.getByRole('search').getByLabel(t('groups:catalogue.language'));
        await page.getByTestId('filters-toggle').waitFor();
        if (!(await language.isVisible())) await page.getByTestId('filters-toggle').click();
        await language.selectOption(lang);
        await page
          .locator('.result-count')
          .filter({ hasText: t('groups:catalogue.count', { count: 1 }) })
          .waitFor();
        const card = page.locator('article.group-card');
        await card.getByRole('link', { name: journey.title }).waitFor();
        await screen('catalogue');
        await card.getByRole('link', { name: journey.title }).click();
        await heading(journey.title);
        await screen('group page');

        // Enrol, accepting the group's rules; the confirmation email is in the language.
        await page.getByLabel(t('groups:enrol.accept')).check();
        await page.getByRole('button', { name: t('groups:enrol.submit') }).click();
        await page
          .locator('.enrolment-status')
          .filter({ hasText: t('groups:enrolment.status.confirmed', { position: 0 }) })
          .waitFor();
        await screen('enrolled');
        // The reminder sweep (on the server's clock) sends the notice; the reminder is not due yet.
        const runner = testRunner(app.url, clock);
        await runner.runDue();
        const confirmed = await mailTo(email, 'enrolmentConfirmed');
        assert.equal(
          confirmed.subject,
          t('email:enrolmentConfirmed.subject', { group: journey.title }),
        );

        // Time is back: the reminder sweep sends the hour-before reminder, in the language.
        assert.equal(await OutboxMessage.countDocuments({ to: email, template: 'reminder' }), 0);
        clock.shiftMs = 0;
        assert.ok((await runner.runDue()) >= 1, 'the sweep sent the reminder');
        const reminder = await mailTo(email, 'reminder');
        const params = {
          group: journey.title,
          when: formatWhen(new Date(session.startsAt), lang),
          link: `${app.url}/groups/${group.id}`,
        };
        assert.equal(reminder.subject, t('email:reminder.subject', params));
        assert.ok(
          reminder.text.includes(t('email:reminder.body', params)),
          `the reminder's text is the ${lang} one:\n${reminder.text}`,
        );
        assert.ok(reminder.text.includes(t('email:greeting')), 'greeted in the language');
        const englishWhen = formatWhen(new Date(session.startsAt), 'en');
        assert.notEqual(reminder.subject, english('email:reminder.subject', params));
        for (const words of [english('email:reminder.body', params), english('email:greeting')])
          assert.ok(!reminder.text.includes(words), `no English in the reminder: ${words}`);
        assert.ok(!reminder.text.includes(englishWhen), 'the date is not written in English');
        assert.ok(
          reminder.links.some((l) => l.endsWith(`/groups/${group.id}`)),
          'the link opens the group',
        );

        // The facilitator opens the session; the family joins from the group page.
        const host = await joinSession(browser, app.url, staff.facilitator, session.id, {
          lang: 'fi',
        });
        pages.push(host);
        await host.locator('[data-testid="live-room"][data-phase="live"]').waitFor();
        await page.reload();
        await page
          .getByRole('link', { name: t('groups:sessions.join') })
          .first()
          .click();
        await page.getByTestId('join-button').waitFor();
        await screen('device check');
        await page.getByTestId('join-button').click();
        const lobby = page.getByTestId('lobby-waiting');
        const room = page.locator('[data-testid="live-room"][data-phase="live"]');
        await room.or(lobby).first().waitFor();
        if (await lobby.isVisible()) {
          await host.getByTestId('lobby-entry').locator('[data-action="admit"]').click();
        }
        await room.waitFor();
        await mediaFlowing(page, { videos: 1, audio: true });
        await screen('in the room');
      });
    });
});
