// [groups-2] Capacity holds under concurrency; the waitlist keeps arrival order; a cancellation
// promotes exactly one family and tells them.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import {
  createGroup,
  createStaff,
  helsinkiDay,
  weekdayOf,
  type GroupStaff,
} from '../../test/support/groups.ts';
import { createPerson, signedInClient, type ApiClient } from '../../test/support/people.ts';
import { testRunner } from '../../test/support/runner.ts';
import type { EnrolmentInfo, GroupDetail } from '../protocol/groups.ts';

describe('[groups-2] enrolment under concurrency', function () {
  this.timeout(120_000);
  let app: TestApp;
  let staff: GroupStaff;
  before(async () => {
    app = await startTestApp({ label: 'groups2' });
    staff = await createStaff(app.url);
  });
  after(() => app?.close());

  it('[groups-2] 50 concurrent enrolments into 8 places: 8 confirmed, 42 waitlisted in arrival order; a cancellation promotes one', async () => {
    const start = helsinkiDay(7);
    const group = await createGroup(staff, {
      capacity: 8,
      schedule: {
        frequency: 'weekly',
        weekday: weekdayOf(start),
        startDate: start,
        startTime: '18:00',
        durationMinutes: 90,
        count: 4,
      },
    });
    const families: ApiClient[] = [];
    for (let i = 0; i < 50; i += 1)
      families.push(
        await signedInClient(
          app.url,
          await createPerson({ roles: ['family'], language: i % 2 ? 'ar' : 'fi' }),
        ),
      );

    const results = await Promise.all(
      families.map((f) =>
        f.post<EnrolmentInfo>(`/groups/${group.id}/enrolments`, {
          acceptRules: group.rulesVersion,
        }),
      ),
    );
    assert.deepEqual([...new Set(results.map((r) => r.status))], [201]);
    const confirmed = results.filter((r) => r.body.status === 'confirmed');
    const waitlisted = results.filter((r) => r.body.status === 'waitlisted');
    assert.equal(confirmed.length, 8);
    assert.equal(waitlisted.length, 42);

    const roster = (await staff.coordinator.get<EnrolmentInfo[]>(`/groups/${group.id}/enrolments`))
      .body;
    const arrival = new Map(
      (
        await mongoose.connection
          .collection('enrolments')
          .find({ groupId: new mongoose.Types.ObjectId(group.id) })
          .toArray()
      ).map((e) => [String(e._id), e.arrival as number]),
    );
    const confirmedArrivals = roster
      .filter((e) => e.status === 'confirmed')
      .map((e) => arrival.get(e.id) ?? 0);
    const queue = roster
      .filter((e) => e.status === 'waitlisted')
      .sort((a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0));
    assert.deepEqual(
      queue.map((e) => e.waitlistPosition),
      Array.from({ length: 42 }, (_, i) => i + 1),
    );
    const queueArrivals = queue.map((e) => arrival.get(e.id) ?? 0);
    assert.deepEqual(
      queueArrivals,
      [...queueArrivals].sort((a, b) => a - b),
      'the waitlist is in arrival order',
    );
    assert.ok(
      Math.max(...confirmedArrivals) < Math.min(...queueArrivals),
      'the first to arrive got the places',
    );
    const detail = (await staff.coordinator.get<GroupDetail>(`/groups/${group.id}`)).body;
    assert.equal(detail.status, 'full');
    assert.equal(detail.freePlaces, 0);
    assert.equal(detail.waitlistLength, 42);

    // A confirmed family cancels: exactly the first on the waitlist moves up, and hears of it.
    const leaver = families[results.indexOf(confirmed[0] as (typeof results)[number])] as ApiClient;
    const first = queue[0] as EnrolmentInfo;
    assert.equal((await leaver.delete(`/groups/${group.id}/enrolments/me`)).status, 204);
    const after = (await staff.coordinator.get<EnrolmentInfo[]>(`/groups/${group.id}/enrolments`))
      .body;
    assert.equal(after.filter((e) => e.status === 'confirmed').length, 8);
    assert.equal(after.filter((e) => e.status === 'waitlisted').length, 41);
    assert.equal(after.find((e) => e.id === first.id)?.status, 'confirmed');

    const runner = testRunner(app.url);
    await runner.runDue();
    const promotedNotices = await mongoose.connection
      .collection('notifications')
      .find({ kind: 'enrolment-promoted' })
      .toArray();
    assert.deepEqual(
      promotedNotices.map((n) => String(n.personId)),
      [first.personId],
    );
    const person = await mongoose.connection
      .collection('people')
      .findOne({ _id: new mongoose.Types.ObjectId(first.personId) });
    const emails = await mongoose.connection
      .collection('outbox_messages')
      .find({ to: person?.email })
      .toArray();
    assert.equal(emails.filter((m) => m.template === 'enrolmentPromoted').length, 1);
  });
});
