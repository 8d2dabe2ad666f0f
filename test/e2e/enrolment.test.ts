// [enrol-1…3] Enrolment as the people do it, in a real headless Chromium: a family asks for a place
// in a group that needs approval and the facilitator approves it on the manage page; the manage
// page's forms (edit the group, cancel and move sessions, attendance, remove a family) and the
// emails they send; and a family's reminder settings, honoured by the reminder sweep.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { OutboxMessage } from '../../server/mail/outbox.model.ts';
import type {
  AttendanceInfo,
  GroupDetail,
  MyGroups,
  UpcomingSession,
} from '../../server/protocol/groups.ts';
import { GroupSession } from '../../server/sessions/groupSession.model.ts';
import { sessionStarted } from '../../server/sessions/lifecycle.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { TestClock } from '../support/clock.ts';
import {
  createGroup,
  createStaff,
  helsinkiDay,
  weekdayOf,
  type GroupStaff,
} from '../support/groups.ts';
import { createPerson, signedInClient, signInCookie, type TestPerson } from '../support/people.ts';
import { locale, text } from '../support/locales.ts';
import { testRunner } from '../support/runner.ts';

const fi = { common: locale('fi', 'common'), groups: locale('fi', 'groups') };
const mail = { fi: locale('fi', 'email'), uk: locale('uk', 'email') };
const TITLE = 'Arki kahdessa kulttuurissa';
const helsinkiWhen = (iso: string, lang: string) =>
  new Intl.DateTimeFormat(lang, {
    timeZone: 'Europe/Helsinki',
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(new Date(iso));

describe('[enrol] enrolment, the manage page and reminder settings in a browser', function () {
  this.timeout(120_000);
  let app: TestApp;
  let browser: Browser;
  let staff: GroupStaff;
  const clock = new TestClock();
  /** Sends the notices due now, as the server's reminder runner does within moments. */
  const sendNotices = async () => {
    // Never back in time: the sweep's cursor only moves on.
    clock.set(new Date(Math.max(clock.now().getTime(), Date.now() + 120_000)));
    const runner = testRunner(app.url, clock);
    await runner.runDue();
    await runner.stop();
  };
  const emailsTo = (to: string, template: string) => OutboxMessage.find({ to, template }).lean();

  before(async () => {
    app = await startTestApp({ label: 'enrol' });
    browser = await launchBrowser();
    staff = await createStaff(app.url);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signedInContext(person: TestPerson): Promise<BrowserContext> {
    const cookie = await signInCookie(app.url, person);
    const context = await browser.newContext({ locale: 'fi-FI', timezoneId: 'Asia/Tokyo' });
    await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
    return context;
  }

  function weekly(days: number, count = 3) {
    const startDate = helsinkiDay(days);
    return {
      frequency: 'weekly' as const,
      weekday: weekdayOf(startDate),
      startDate,
      startTime: '18:00',
      durationMinutes: 90,
      count,
    };
  }

  it('[enrol-1] a family asks to join a group needing approval; the facilitator approves; confirmed email and My groups', async () => {
    const group = await createGroup(staff, {
      title: [{ lang: 'fi', text: TITLE }],
      requiresApproval: true,
      schedule: weekly(5),
    });
    const family = await createPerson({ roles: ['family'], displayName: 'Olena', language: 'uk' });
    const familyContext = await signedInContext(family);
    const page = await familyContext.newPage();
    await page.goto(`${app.url}/groups/${group.id}`);
    // Signed in, the pages speak the family's own language (Ukrainian).
    const uk = locale('uk', 'groups');
    await page.getByText(text(uk, 'rules.approval')).waitFor();
    await page.getByLabel(text(uk, 'enrol.accept')).check();
    await page.getByRole('button', { name: text(uk, 'enrol.submit') }).click();
    await page.getByText(text(uk, 'enrolment.status.pending')).waitFor();
    const mine = await signedInClient(app.url, family);
    const statusNow = async () =>
      (await mine.get<MyGroups>('/groups/mine')).body.enrolments.find((e) => e.groupId === group.id)
        ?.status;
    assert.equal(await statusNow(), 'pending', 'a request, not a place');
    await sendNotices();
    assert.equal((await emailsTo(family.email, 'enrolmentRequested')).length, 1);
    assert.equal((await emailsTo(family.email, 'enrolmentConfirmed')).length, 0);

    // The facilitator approves on the manage page.
    const facilitatorContext = await signedInContext(staff.facilitator);
    const manage = await facilitatorContext.newPage();
    await manage.goto(`${app.url}/groups/${group.id}/manage`);
    await manage
      .getByRole('heading', {
        level: 3,
        name: text(fi.groups, 'enrolments.headingCount', {
          heading: text(fi.groups, 'enrolments.pending'),
          number: '1',
        }),
      })
      .waitFor();
    await manage
      .getByRole('button', { name: `${text(fi.groups, 'enrolments.approve')} Olena` })
      .click();
    await manage.getByText(text(fi.groups, 'enrolments.approved', { name: 'Olena' })).waitFor();
    await facilitatorContext.close();
    assert.equal(await statusNow(), 'confirmed');

    // The confirmation email, in the family's language (Ukrainian), once.
    await sendNotices();
    const confirmed = await emailsTo(family.email, 'enrolmentConfirmed');
    assert.equal(confirmed.length, 1);
    assert.equal(
      confirmed[0]?.subject,
      text(mail.uk, 'enrolmentConfirmed.subject', { group: TITLE }),
    );
    assert.ok(
      confirmed[0]?.text.includes(text(mail.uk, 'enrolmentConfirmed.body', { group: TITLE })),
    );

    // My groups lists the group, confirmed, with its next session.
    await page.goto(`${app.url}/my-groups`);
    await page
      .locator('.my-enrolment', { hasText: TITLE })
      .getByText(text(uk, 'enrolment.status.confirmed'))
      .waitFor();
    await page.locator('.upcoming-session', { hasText: TITLE }).first().waitFor();
    await familyContext.close();
  });

  it('[enrol-2] the manage page: edit the group, cancel and move sessions, attendance, remove a family — with their emails', async () => {
    const group = await createGroup(staff, {
      title: [{ lang: 'fi', text: TITLE }],
      schedule: weekly(3),
    });
    const family = await createPerson({ roles: ['family'], displayName: 'Amina', language: 'fi' });
    const client = await signedInClient(app.url, family);
    const enrolled = await client.post(`/groups/${group.id}/enrolments`, {
      acceptRules: group.rulesVersion,
    });
    assert.equal(enrolled.status, 201);
    await sendNotices();
    const [first, second, third] = (
      await staff.coordinator.get<UpcomingSession[]>(`/groups/${group.id}/sessions`)
    ).body;
    assert.ok(first && second && third);

    // Edit the group (a coordinator): a new capacity.
    const coordinator = await createPerson({ roles: ['coordinator'] });
    const coordinatorContext = await signedInContext(coordinator);
    const edit = await coordinatorContext.newPage();
    await edit.goto(`${app.url}/groups/${group.id}/edit`);
    const capacity = edit.getByLabel(text(fi.groups, 'setup.capacity'), { exact: true });
    await capacity.fill('12');
    await edit.getByRole('button', { name: text(fi.groups, 'setup.save') }).click();
    await edit.waitForURL(`${app.url}/groups/${group.id}`);
    await coordinatorContext.close();
    const saved = await staff.coordinator.get<GroupDetail>(`/groups/${group.id}`);
    assert.equal(saved.body.capacity, 12, 'the new capacity is saved');

    const context = await signedInContext(staff.facilitator);
    const page = await context.newPage();
    await page.goto(`${app.url}/groups/${group.id}/manage`);
    const form = page.locator('form', { has: page.getByLabel(text(fi.groups, 'changes.action')) });

    // Cancel the first session.
    await form.getByLabel(text(fi.groups, 'changes.session')).selectOption(first.date);
    await form
      .getByLabel(text(fi.groups, 'changes.reason'), { exact: true })
      .fill('Ohjaaja on sairas');
    await form.getByRole('button', { name: text(fi.groups, 'changes.submit') }).click();
    await form.getByText(text(fi.groups, 'changes.cancelled')).waitFor();

    // Move the second to the next day at 19:30 (Finnish time; the browser is in Tokyo).
    const newDate = helsinkiDay(11);
    await form.getByLabel(text(fi.groups, 'changes.session')).selectOption(second.date);
    await form.getByLabel(text(fi.groups, 'changes.action')).selectOption('move');
    await form.getByLabel(text(fi.groups, 'changes.newDate')).fill(newDate);
    await form.getByLabel(text(fi.groups, 'changes.newTime')).fill('19:30');
    await form.getByLabel(text(fi.groups, 'changes.reason'), { exact: true }).fill('Pyhäpäivä');
    await form.getByRole('button', { name: text(fi.groups, 'changes.submit') }).click();
    await form.getByText(text(fi.groups, 'changes.moved')).waitFor();

    await sendNotices();
    const sessions = (
      await staff.coordinator.get<UpcomingSession[]>(`/groups/${group.id}/sessions`)
    ).body;
    const cancelled = sessions.find((s) => s.id === first.id);
    const moved = sessions.find((s) => s.id === second.id);
    assert.equal(cancelled?.status, 'cancelled');
    assert.ok(moved);
    const movedWhen = helsinkiWhen(moved.startsAt, 'fi');
    assert.match(movedWhen, /19\.30/, 'moved to 19:30 Helsinki time');
    assert.ok(movedWhen.includes(String(Number(newDate.slice(8)))), movedWhen);
    const [cancelMail] = await emailsTo(family.email, 'sessionCancelled');
    assert.equal(
      cancelMail?.subject,
      text(mail.fi, 'sessionCancelled.subject', {
        group: TITLE,
        when: helsinkiWhen(first.startsAt, 'fi'),
      }),
    );
    assert.ok(cancelMail?.text.includes('Ohjaaja on sairas'));
    const [moveMail] = await emailsTo(family.email, 'sessionMoved');
    assert.equal(
      moveMail?.subject,
      text(mail.fi, 'sessionMoved.subject', { group: TITLE, when: movedWhen }),
    );

    // Attendance of a session that has begun (its room was opened): tick the family, save.
    const held = await GroupSession.findById(third.id).lean();
    assert.ok(held);
    await sessionStarted(held, new Date());
    await page.reload();
    const present = page.getByRole('checkbox', { name: 'Amina' });
    await present.check();
    await page.getByRole('button', { name: text(fi.groups, 'attendance.save') }).click();
    await page.getByText(text(fi.groups, 'attendance.saved')).waitFor();
    const attendance = await (
      await signedInClient(app.url, staff.facilitator)
    ).get<AttendanceInfo[]>(`/sessions/${third.id}/attendance`);
    assert.equal(attendance.body.find((a) => a.personId === family.id)?.present, true);

    // Remove the family, with a reason.
    await page
      .getByRole('button', { name: `${text(fi.groups, 'enrolments.remove')} Amina` })
      .click();
    await page.getByLabel(text(fi.groups, 'enrolments.reason')).fill('Ei enää mukana');
    await page
      .getByRole('button', { name: text(fi.groups, 'enrolments.removeConfirm', { name: 'Amina' }) })
      .click();
    await page.getByText(text(fi.groups, 'enrolments.removed', { name: 'Amina' })).waitFor();
    await context.close();
    await sendNotices();
    const [removedMail] = await emailsTo(family.email, 'enrolmentRemoved');
    assert.equal(removedMail?.subject, text(mail.fi, 'enrolmentRemoved.subject', { group: TITLE }));
    const status = (await client.get<MyGroups>('/groups/mine')).body.enrolments.find(
      (e) => e.groupId === group.id,
    )?.status;
    assert.ok(status === undefined || status === 'removed', `no longer enrolled: ${status}`);
  });

  it('[enrol-3] reminder settings from the My groups page: the sweep sends at the chosen time, and no email when emails are off', async () => {
    const group = await createGroup(staff, {
      title: [{ lang: 'fi', text: TITLE }],
      schedule: weekly(2, 1),
    });
    const [session] = (
      await staff.coordinator.get<UpcomingSession[]>(`/groups/${group.id}/sessions`)
    ).body;
    assert.ok(session);
    const startsAt = new Date(session.startsAt).getTime();
    const later = await createPerson({ roles: ['family'], language: 'fi' });
    const quiet = await createPerson({ roles: ['family'], language: 'fi' });
    for (const family of [later, quiet]) {
      const res = await (
        await signedInClient(app.url, family)
      ).post(`/groups/${group.id}/enrolments`, { acceptRules: group.rulesVersion });
      assert.equal(res.status, 201);
    }

    const settings = async (family: TestPerson, change: (page: Page) => Promise<void>) => {
      const context = await signedInContext(family);
      const page = await context.newPage();
      await page.goto(`${app.url}/my-groups`);
      await page
        .getByRole('heading', { level: 2, name: text(fi.groups, 'reminders.title') })
        .waitFor();
      await change(page);
      await page.getByRole('button', { name: text(fi.groups, 'reminders.save') }).click();
      await page.getByText(text(fi.groups, 'reminders.saved')).waitFor();
      await context.close();
    };
    const option = (page: Page, key: string, count: number) =>
      page.getByRole('checkbox', { name: text(fi.groups, key, { count }), exact: true });
    // One family: only 3 hours before. The other: the usual times, but no emails.
    await settings(later, async (page) => {
      await option(page, 'reminders.daysBefore_one', 1).uncheck();
      await option(page, 'reminders.hoursBefore_one', 1).uncheck();
      await option(page, 'reminders.hoursBefore_other', 3).check();
    });
    await settings(quiet, async (page) => {
      await page.getByRole('checkbox', { name: text(fi.groups, 'reminders.email') }).uncheck();
    });

    const reminders = async (family: TestPerson) => ({
      emails: (await emailsTo(family.email, 'reminder')).length,
      inApp: await mongoose.connection
        .collection('notifications')
        .countDocuments({ personId: new mongoose.Types.ObjectId(family.id), kind: 'reminder' }),
    });
    const at = async (minutesBefore: number) => {
      clock.set(new Date(startsAt - minutesBefore * 60_000 + 60_000));
      const runner = testRunner(app.url, clock);
      await runner.runDue();
      await runner.stop();
    };

    await at(24 * 60);
    assert.deepEqual(await reminders(later), { emails: 0, inApp: 0 }, 'no day-before reminder');
    assert.deepEqual(await reminders(quiet), { emails: 0, inApp: 1 }, 'in the app, not by email');
    await at(3 * 60);
    assert.deepEqual(await reminders(later), { emails: 1, inApp: 1 }, 'three hours before');
    const [email] = await emailsTo(later.email, 'reminder');
    assert.equal(
      email?.subject,
      text(mail.fi, 'reminder.subject', {
        group: TITLE,
        when: helsinkiWhen(session.startsAt, 'fi'),
      }),
    );
    await at(60);
    assert.deepEqual(await reminders(later), { emails: 1, inApp: 1 }, 'no hour-before reminder');
    assert.deepEqual(await reminders(quiet), { emails: 0, inApp: 2 });
  });
});
