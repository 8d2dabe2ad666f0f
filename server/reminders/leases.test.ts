// [heal-5] Reminders whose database goes away at the worst moments — right after a job was
// claimed (before its own record says so), and right after its email was written (before "done")
// — are each sent exactly once when it is back: the claim is a lease (db/claims.ts), the sweep
// moves on only past rounds that finished, and an email sent again is the same email.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { TestClock } from '../../test/support/clock.ts';
import { testDatabaseUri } from '../../test/support/database.ts';
import {
  createGroup,
  createStaff,
  helsinkiDay,
  weeklySchedule,
} from '../../test/support/groups.ts';
import { createPerson, signedInClient, type TestPerson } from '../../test/support/people.ts';
import { testRunner } from '../../test/support/runner.ts';
import { startWireCutter, type WireCutter } from '../../test/support/wireCutter.ts';
import { watchDatabase, type DatabaseWatch } from '../db/availability.ts';
import { databaseReachable } from '../db/connect.ts';
import { counterValue } from '../platform/metrics.ts';
import type { UpcomingSession } from '../protocol/groups.ts';
import { Job } from './job.model.ts';

const LEASE_MS = 5 * 60_000;

describe('[heal-5] reminders losing their database mid-way', function () {
  this.timeout(120_000);
  const clock = new TestClock();
  let cutter: WireCutter;
  let app: TestApp;
  let watch: DatabaseWatch | undefined;
  let people: TestPerson[] = [];
  let startsAt = 0;

  before(async () => {
    cutter = await startWireCutter(testDatabaseUri());
    app = await startTestApp({ label: 'leases', clock, databaseUri: cutter.uri });
    watch = watchDatabase(app.log);
    const staff = await createStaff(app.url);
    const start = helsinkiDay(3);
    const group = await createGroup(staff, {
      schedule: weeklySchedule(start, 1),
    });
    const [first] = (await staff.coordinator.get<UpcomingSession[]>(`/groups/${group.id}/sessions`))
      .body;
    assert.ok(first);
    startsAt = new Date(first.startsAt).getTime();
    // An hour before the first reminder is due (the sweep walks every minute the clock skips).
    clock.set(new Date(startsAt - 25 * 3600_000));
    const families: TestPerson[] = [];
    for (const language of ['fi', 'sv', 'ar'] as const) {
      const family = await createPerson({ roles: ['family'], language });
      const res = await (
        await signedInClient(app.url, family)
      ).post(`/groups/${group.id}/enrolments`, { acceptRules: group.rulesVersion });
      assert.equal(res.status, 201);
      families.push(family);
    }
    people = [...families, staff.facilitator];
    // The enrolment notices out of the way, the reminders planned: what follows is reminders only.
    await testRunner(app.url, clock).runDue();
  });
  after(async () => {
    const replaced = counterValue('rinnalla_database_reconnects_total');
    console.log(`      [heal-5] the database connection replaced ${replaced} time(s)`);
    watch?.stop();
    await app?.close();
    await cutter?.close();
  });

  /** Reminder emails per person, in `people`'s order. */
  const reminders = async () =>
    Promise.all(
      people.map((p) =>
        mongoose.connection
          .collection('outbox_messages')
          .countDocuments({ to: p.email, template: 'reminder' }),
      ),
    );

  /** Runs a round while the database is lost right after the next insert into `collection`. */
  async function roundLosingDatabaseAfter(collection: string): Promise<void> {
    const lost = cutter.cutAfterInsert(collection);
    const round = testRunner(app.url, clock).runDue();
    await lost;
    await assert.rejects(round, 'the round could not finish without its database');
    await cutter.restore();
    const deadline = Date.now() + 20_000;
    // The product's own watch (main.ts) brings the connection back, replacing a stuck one.
    while (!(await databaseReachable())) {
      assert.ok(Date.now() < deadline, 'the database is reachable again');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  const later = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));

  it('[heal-5] lost right after a claim: the others go out at the next round, the claimed one once its lease ends', async () => {
    clock.set(new Date(startsAt - 24 * 3600_000 + 60_000));
    await roundLosingDatabaseAfter('claims');
    assert.deepEqual(await reminders(), [0, 0, 0, 0], 'nothing sent by the round that lost it');

    later(60_000);
    await testRunner(app.url, clock).runDue();
    const afterNext = await reminders();
    assert.equal(
      afterNext.reduce((a, b) => a + b),
      people.length - 1,
      `the jobs after the lost one are not skipped, the claimed one waits for its lease: ${afterNext}`,
    );

    later(LEASE_MS);
    await testRunner(app.url, clock).runDue();
    await testRunner(app.url, clock).runDue();
    assert.deepEqual(await reminders(), [1, 1, 1, 1], 'each person reminded once');
  });

  it('[heal-5] lost right after an email went out (before "done"): sent again after the lease, the email is still one', async () => {
    clock.set(new Date(startsAt - 60 * 60_000 + 60_000));
    await roundLosingDatabaseAfter('outbox_messages');
    const sent = (await reminders()).reduce((a, b) => a + b);
    assert.equal(sent, people.length + 1, 'the 24-hour reminders and one 1-hour reminder');
    const stuck = await Job.find({ topic: '60', status: 'running' }).lean();
    assert.equal(stuck.length, 1, 'its job never recorded as done');

    later(60_000);
    await testRunner(app.url, clock).runDue();
    later(LEASE_MS);
    await testRunner(app.url, clock).runDue();
    assert.deepEqual(await reminders(), [2, 2, 2, 2], '24 hours and 1 hour before, once each');
    assert.equal(await Job.countDocuments({ topic: '60', status: 'done' }), people.length);
  });
});
