// [mail-1…4] The SMTP path, through a real SMTP server the test starts on 127.0.0.1 (smtp-server):
// the product's mailer configured with SMTP_URL as in production, not the development outbox.
// The emails arrive with their headers, in the recipient's language, with Helsinki times; a
// refused delivery is retried and crashes nothing; a password reset works end to end in a browser.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { createMailer } from '../../server/mail/mailer.ts';
import { OutboxMessage } from '../../server/mail/outbox.model.ts';
import { backgroundSettled } from '../../server/platform/afterResponse.ts';
import { freePort } from '../../server/platform/ports.ts';
import type { EnrolmentInfo, UpcomingSession } from '../../server/protocol/groups.ts';
import { PRIVACY_NOTICE_VERSION } from '../../server/protocol/api.ts';
import { ReminderRunner } from '../../server/reminders/runner.ts';
import { Job } from '../../server/reminders/job.model.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { TestClock } from '../support/clock.ts';
import { createGroup, createStaff, helsinkiDay, weeklySchedule } from '../support/groups.ts';
import { ApiClient, createOrganisation, createPerson, signedInClient } from '../support/people.ts';
import { locale, text } from '../support/locales.ts';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtpSink.ts';

const FROM = 'Rinnalla <no-reply@rinnalla.test>';
const silent = pino({ level: 'silent' });
const email = (lang: string) => locale(lang, 'email');
const unique = (what: string) => `${what}-${randomBytes(4).toString('hex')}@test.rinnalla.fi`;

/** A session's start as a Helsinki reader sees it in `lang` (the emails' own format). */
const helsinkiWhen = (iso: string, lang: string) =>
  new Intl.DateTimeFormat(lang, {
    timeZone: 'Europe/Helsinki',
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(new Date(iso));

describe('[mail] emails through a real SMTP server', function () {
  this.timeout(120_000);
  let smtp: SmtpSink;
  let app: TestApp;
  let browser: Browser | undefined;
  const clock = new TestClock();
  const runnerTo = (url: string) =>
    new ReminderRunner({
      clock,
      mailer: createMailer({ smtpUrl: url, from: FROM, log: silent }),
      log: silent,
      publicUrl: app.url,
    });

  before(async () => {
    smtp = await startSmtpSink();
    app = await startTestApp({ label: 'mail', env: { SMTP_URL: smtp.url, MAIL_FROM: FROM } });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await smtp?.close();
  });

  /** The parts every email has: envelope and headers, greeting and signature in its language. */
  function assertFrame(mail: ReceivedMail, to: string, lang: string) {
    assert.deepEqual(mail.rcptTo, [to]);
    assert.equal(mail.mailFrom, 'no-reply@rinnalla.test');
    assert.equal(mail.headers.from, FROM);
    assert.equal(mail.headers.to, to);
    assert.match(mail.headers['content-type'] ?? '', /text\/plain; charset=utf-8/i);
    assert.ok(mail.headers['message-id'], 'a Message-ID');
    assert.ok(mail.headers.date, 'a Date');
    assert.ok(mail.text.startsWith(text(email(lang), 'greeting')), mail.text);
    assert.ok(mail.text.endsWith(text(email(lang), 'signature')), mail.text);
  }

  it('[mail-1] a sign-up goes out by SMTP in the chosen language, and its link verifies the address', async () => {
    const to = unique('perhe');
    const anyone = new ApiClient(app.url, 'fi');
    const res = await anyone.post('/auth/sign-up', {
      email: to,
      password: 'kymmenen merkkiä ainakin',
      displayName: 'Amina',
      language: 'sv',
      acceptPrivacy: PRIVACY_NOTICE_VERSION,
    });
    assert.equal(res.status, 202);
    const mail = await smtp.waitFor(to);
    assertFrame(mail, to, 'sv');
    assert.equal(mail.subject, text(email('sv'), 'verifyEmail.subject'));
    assert.ok(mail.text.includes(text(email('sv'), 'verifyEmail.body')), mail.text);
    const link = /http:\/\/\S+\/verify-email\?token=\S+/.exec(mail.text)?.[0] ?? '';
    assert.ok(link.startsWith(`${app.url}/verify-email?token=`), mail.text);
    await backgroundSettled();
    assert.equal(await OutboxMessage.countDocuments({ to }), 0, 'nothing in the outbox');

    const token = new URL(link).searchParams.get('token');
    assert.equal((await anyone.post('/auth/verify-email', { token })).status, 200);
  });

  it('[mail-2] a refused delivery is retried and arrives once; the server goes on answering', async () => {
    const family = await createPerson({ roles: ['family'], language: 'ar' });
    smtp.refuseNext(1);
    const started = Date.now();
    const anyone = new ApiClient(app.url, 'ar');
    assert.equal((await anyone.post('/auth/password-reset', { email: family.email })).status, 202);
    // While the retry waits, the server answers as ever.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(smtp.refused, 1, 'the first delivery was refused');
    assert.equal((await anyone.get('/auth/session')).status, 200);
    const mail = await smtp.waitFor(family.email, undefined, 20_000);
    assert.ok(Date.now() - started >= 1_500, 'delivered by the retry, not the first try');
    assertFrame(mail, family.email, 'ar');
    assert.equal(mail.subject, text(email('ar'), 'passwordReset.subject'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(smtp.received.filter((m) => m.rcptTo.includes(family.email)).length, 1);
  });

  it('[mail-3] a notice whose SMTP server is down stays due, and goes out once when it is back', async () => {
    const staff = await createStaff(app.url);
    const group = await createGroup(staff, { title: [{ lang: 'fi', text: 'Posti kulkee' }] });
    const family = await createPerson({ roles: ['family'], language: 'fi' });
    const enrolled = await (
      await signedInClient(app.url, family)
    ).post(`/groups/${group.id}/enrolments`, { acceptRules: group.rulesVersion });
    assert.equal(enrolled.status, 201);

    // Nobody listens on this port: the delivery fails, the runner does not throw.
    clock.set(new Date());
    const down = runnerTo(`smtp://127.0.0.1:${await freePort()}`);
    assert.equal(await down.runDue(), 0);
    await down.stop();
    const job = await Job.findOne({ personId: family.id, topic: 'enrolment-confirmed' }).lean();
    assert.equal(job?.status, 'pending', 'the notice waits for another try');
    assert.ok(job.runAt.getTime() > clock.now().getTime(), 'later, not in a tight loop');
    assert.ok(!smtp.received.some((m) => m.rcptTo.includes(family.email)));

    // A minute later, with the SMTP server reachable: sent once.
    clock.set(new Date(job.runAt.getTime() + 1_000));
    const up = runnerTo(smtp.url);
    assert.equal(await up.runDue(), 1);
    assert.equal(await up.runDue(), 0);
    await up.stop();
    const mail = await smtp.waitFor(family.email);
    assertFrame(mail, family.email, 'fi');
    assert.equal(
      mail.subject,
      text(email('fi'), 'enrolmentConfirmed.subject', { group: 'Posti kulkee' }),
    );
    assert.equal(smtp.received.filter((m) => m.rcptTo.includes(family.email)).length, 1);
  });

  it('[mail-4] confirmed, cancelled, moved and removed: in the family’s language, Helsinki time', async () => {
    // Ahead of the sweep's cursor, which [mail-3] moved a minute on (the clock never goes back).
    clock.set(new Date(Date.now() + 3 * 60_000));
    const runner = runnerTo(smtp.url);
    const staff = await createStaff(app.url);
    const start = helsinkiDay(10);
    const title = [
      { lang: 'fi', text: 'Arki kahdessa kulttuurissa' },
      { lang: 'sv', text: 'Vardag i två kulturer' },
    ];
    const group = await createGroup(staff, {
      title,
      schedule: weeklySchedule(start, 3),
    });
    const family = await createPerson({ roles: ['family'], language: 'sv' });
    const facilitator = await signedInClient(app.url, staff.facilitator);
    const sv = email('sv');
    const params = { group: 'Vardag i två kulturer' };
    const next = async (where: (m: ReceivedMail) => boolean) => {
      await runner.runDue();
      const mail = await smtp.waitFor(family.email, where);
      assertFrame(mail, family.email, 'sv');
      return mail;
    };

    const enrolled = await (
      await signedInClient(app.url, family)
    ).post<EnrolmentInfo>(`/groups/${group.id}/enrolments`, { acceptRules: group.rulesVersion });
    assert.equal(enrolled.status, 201);
    const confirmed = await next((m) =>
      m.subject.includes(text(sv, 'enrolmentConfirmed.subject', params)),
    );
    assert.ok(confirmed.text.includes(text(sv, 'enrolmentConfirmed.body', params)));
    assert.ok(confirmed.text.includes(`${app.url}/groups/${group.id}`), 'a link to the group');

    const sessions = (await facilitator.get<UpcomingSession[]>(`/groups/${group.id}/sessions`))
      .body;
    const [first, second] = sessions;
    assert.ok(first && second);
    const cancel = await facilitator.post(`/groups/${group.id}/schedule/changes`, {
      date: start,
      action: 'cancel',
      reason: 'Ohjaaja sairastui',
    });
    assert.equal(cancel.status, 200);
    const firstWhen = helsinkiWhen(first.startsAt, 'sv');
    assert.match(firstWhen, /18:00/, 'the schedule says 18:00 in Helsinki');
    const cancelled = await next((m) =>
      m.subject.startsWith(
        text(sv, 'sessionCancelled.subject', { ...params, when: '' }).split(' – ')[0] ?? '-',
      ),
    );
    assert.equal(
      cancelled.subject,
      text(sv, 'sessionCancelled.subject', { ...params, when: firstWhen }),
    );
    assert.ok(
      cancelled.text.includes(
        text(sv, 'sessionCancelled.body', {
          ...params,
          when: firstWhen,
          reason: 'Ohjaaja sairastui',
        }),
      ),
      cancelled.text,
    );

    const secondDate = helsinkiDay(17);
    const newDate = helsinkiDay(18);
    const move = await facilitator.post(`/groups/${group.id}/schedule/changes`, {
      date: secondDate,
      action: 'move',
      newDate,
      newTime: '19:30',
      reason: 'Pyhäpäivä',
    });
    assert.equal(move.status, 200, JSON.stringify(move.body));
    const moved = await next((m) =>
      m.subject.includes(
        text(sv, 'sessionMoved.subject', { ...params, when: '' }).split(' – ')[0] ?? '-',
      ),
    );
    const movedTo = (
      await facilitator.get<UpcomingSession[]>(`/groups/${group.id}/sessions`)
    ).body.find((s) => s.id === second.id);
    assert.ok(movedTo);
    const newWhen = helsinkiWhen(movedTo.startsAt, 'sv');
    assert.match(newWhen, /19:30/, 'the new time is 19:30 in Helsinki');
    assert.equal(moved.subject, text(sv, 'sessionMoved.subject', { ...params, when: newWhen }));
    assert.ok(
      moved.text.includes(
        text(sv, 'sessionMoved.body', { ...params, when: newWhen, reason: 'Pyhäpäivä' }),
      ),
      moved.text,
    );

    const removed = await facilitator.post(
      `/groups/${group.id}/enrolments/${enrolled.body.id}/remove`,
      { reason: 'Ei enää mukana' },
    );
    assert.equal(removed.status, 204);
    const gone = await next((m) => m.subject === text(sv, 'enrolmentRemoved.subject', params));
    assert.ok(gone.text.includes(text(sv, 'enrolmentRemoved.body', params)));
    await runner.stop();
    assert.equal(
      smtp.received.filter((m) => m.rcptTo.includes(family.email)).length,
      4,
      'four emails, each once',
    );
  });

  it('[mail-6] an email sent while answering a request (an invitation) is retried when refused; the request succeeds', async () => {
    const organisationId = await createOrganisation('central', 'Keskusjärjestö');
    const coordinator = await signedInClient(
      app.url,
      await createPerson({ roles: ['coordinator'] }),
    );
    const to = unique('kutsuttu');
    smtp.refuseNext(1);
    const refusedBefore = smtp.refused;
    const res = await coordinator.post('/invitations', {
      email: to,
      roles: ['facilitator'],
      organisationId,
      language: 'et',
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const mail = await smtp.waitFor(to, undefined, 20_000);
    assert.equal(smtp.refused, refusedBefore + 1, 'the first delivery was refused');
    assertFrame(mail, to, 'et');
    assert.equal(
      mail.subject,
      text(email('et'), 'invitation.subject', { organisation: 'Keskusjärjestö' }),
    );
    assert.ok(/\/invitation\?token=\S+/.test(mail.text), mail.text);
  });

  it('[mail-5] password reset in a browser: the emailed link sets a new password; the old one stops working', async () => {
    browser = await launchBrowser();
    const family = await createPerson({ roles: ['family'], language: 'fi' });
    const fi = locale('fi', 'account');
    const context = await browser.newContext({ locale: 'fi-FI' });
    const page = await context.newPage();
    await page.goto(`${app.url}/forgot-password`);
    await page.getByLabel(text(fi, 'fields.email')).fill(family.email);
    await page.getByRole('button', { name: text(fi, 'forgot.submit') }).click();
    await page
      .getByText(text(fi, 'forgot.sent', { email: `\u2068${family.email}\u2069` }))
      .waitFor();

    const mail = await smtp.waitFor(
      family.email,
      (m) => m.subject === text(email('fi'), 'passwordReset.subject'),
    );
    const link = /http:\/\/\S+\/reset-password\?token=\S+/.exec(mail.text)?.[0];
    assert.ok(link, mail.text);
    await page.goto(link);
    const newPassword = 'uusi salasana joka on pitkä';
    await page.getByLabel(text(fi, 'fields.newPassword')).fill(newPassword);
    await page.getByRole('button', { name: text(fi, 'reset.submit') }).click();
    await page.getByText(text(fi, 'reset.done')).waitFor();
    await context.close();

    const signIn = (password: string) =>
      new ApiClient(app.url).post('/auth/sign-in', { email: family.email, password });
    assert.equal((await signIn(newPassword)).status, 200, 'the new password works');
    assert.equal((await signIn(family.password)).status, 401, 'the old one does not');
    // The same link a second time is refused.
    const again = await new ApiClient(app.url).post('/auth/password-reset/complete', {
      token: new URL(link).searchParams.get('token'),
      password: 'vielä yksi uusi salasana',
    });
    assert.equal(again.status, 400);
    // And the owner is told, by email, that the password changed.
    await smtp.waitFor(
      family.email,
      (m) => m.subject === text(email('fi'), 'passwordChanged.subject'),
    );
  });
});
