// [groups-3] Reminders with a controllable clock: each family gets each reminder exactly once,
// in its language — also when the server restarts (or dies mid-send) between planning and sending.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { TestClock } from '../../test/support/clock.ts';
import {
  createGroup,
  createStaff,
  helsinkiDay,
  weeklySchedule,
} from '../../test/support/groups.ts';
import { createPerson, signedInClient, type TestPerson } from '../../test/support/people.ts';
import { testRunner } from '../../test/support/runner.ts';
import { claimOnce } from '../db/claims.ts';
import { projectRoot } from '../platform/paths.ts';
import type { UpcomingSession } from '../protocol/groups.ts';
import { Job } from './job.model.ts';

const subjectPrefix = (lang: string) =>
  (
    JSON.parse(readFileSync(join(projectRoot, 'locales', lang, 'email.json'), 'utf8')) as {
      reminder: { subject: string };
    }
  ).reminder.subject.split('{{')[0] ?? '';

describe('[groups-3] reminders', function () {
  this.timeout(90_000);
  const clock = new TestClock();
  let app: TestApp;
  const newRunner = () => testRunner(app.url, clock);

  before(async () => {
    app = await startTestApp({ label: 'groups3', clock });
  });
  after(() => app?.close());

  it('[groups-3] each enrolled family gets each reminder exactly once, in its language, across restarts', async () => {
    const staff = await createStaff(app.url);
    const start = helsinkiDay(3);
    const group = await createGroup(staff, {
      schedule: weeklySchedule(start, 2),
    });
    const families: TestPerson[] = [];
    for (const language of ['fi', 'sv', 'ar'] as const) {
      const family = await createPerson({ roles: ['family'], language });
      families.push(family);
      const res = await (
        await signedInClient(app.url, family)
      ).post(`/groups/${group.id}/enrolments`, { acceptRules: group.rulesVersion });
      assert.equal(res.status, 201);
    }
    const [first] = (await staff.coordinator.get<UpcomingSession[]>(`/groups/${group.id}/sessions`))
      .body;
    assert.ok(first);
    const startsAt = new Date(first.startsAt).getTime();
    const remindersOf = async (family: TestPerson) =>
      (
        await mongoose.connection
          .collection('outbox_messages')
          .find({ to: family.email, template: 'reminder' })
          .toArray()
      ).map((m) => String(m.subject));

    // Planned, not yet due: nothing is sent early.
    await newRunner().runDue();
    for (const family of families) assert.deepEqual(await remindersOf(family), []);

    // 24 hours before: the first reminder, once, in each family's language.
    clock.set(new Date(startsAt - 24 * 3600_000 + 60_000));
    const firstServer = newRunner();
    await firstServer.runDue();
    await firstServer.runDue();
    for (const [i, family] of families.entries()) {
      const subjects = await remindersOf(family);
      assert.equal(subjects.length, 1, family.email);
      assert.ok(subjects[0]?.startsWith(subjectPrefix(['fi', 'sv', 'ar'][i] ?? '')), subjects[0]);
    }
    await firstServer.stop();

    // The server "dies" holding a claimed 1-hour reminder (its lease runs out), then two
    // fresh server processes start and run at the same time.
    clock.set(new Date(startsAt - 60 * 60_000 + 60_000));
    const stuck = await Job.findOne({
      topic: '60',
      sessionId: new mongoose.Types.ObjectId(first.id),
      personId: new mongoose.Types.ObjectId(families[0]?.id),
    }).lean();
    assert.ok(stuck);
    assert.ok(await claimOnce(`job:${stuck._id}:1`));
    await Job.updateOne(
      { _id: stuck._id },
      { status: 'running', attempts: 1, leaseUntil: new Date(clock.now().getTime() - 1000) },
    );
    await Promise.all([newRunner().runDue(), newRunner().runDue()]);
    await newRunner().runDue();
    for (const family of families)
      assert.equal(
        (await remindersOf(family)).length,
        2,
        `${family.email}: 24 h and 1 h, once each`,
      );
    const familyIds = new Set(families.map((f) => f.id));
    const inApp = await mongoose.connection
      .collection('notifications')
      .find({ kind: 'reminder' })
      .toArray();
    assert.equal(
      inApp.filter((n) => familyIds.has(String(n.personId))).length,
      6,
      'in-app too: three families × two reminders',
    );
    // The facilitator is reminded as well.
    assert.equal(inApp.filter((n) => String(n.personId) === staff.facilitator.id).length, 2);
  });
});
