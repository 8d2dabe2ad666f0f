// [groups-2] Capacity holds under concurrency; the waitlist keeps arrival order; a cancellation
// promotes exactly one family and tells them.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import {
  createGroup,
  createStaff,
  helsinkiDay,
  type GroupStaff,
  weeklySchedule,
} from '../../test/support/groups.ts';
import { createPerson, signedInClient, type ApiClient } from '../../test/support/people.ts';
import { testRunner } from '../../test/support/runner.ts';
import type { EnrolmentInfo, GroupDetail } from '../protocol/groups.ts';
import { nextArrival } from './enrolment.ts';
import { endedKey, Enrolment } from './enrolment.model.ts';
import { recordEnrolment } from './memberships.ts';
import { Seat } from './seat.model.ts';

describe('[groups-2] enrolment under concurrency', function () {
  this.timeout(120_000);
  let app: TestApp;
  let staff: GroupStaff;
  before(async () => {
    // A race test: on FerretDB (upserts and increments there are not atomic as on mongod),
    // wherever the rest of the suite runs; CI insists on it (test/support/database.ts).
    app = await startTestApp({ label: 'groups2', database: 'ferretdb' });
    staff = await createStaff(app.url);
    const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
    if (process.env.CI) assert.ok(info.ferretdbVersion, 'CI runs the enrolment races on FerretDB');
  });
  after(() => app?.close());

  it('[groups-2] 50 enrolments into 8 places, 20 of them at the same instant: 8 confirmed, 42 waitlisted in the order the families sent them; a cancellation promotes one', async () => {
    const start = helsinkiDay(7);
    const group = await createGroup(staff, {
      capacity: 8,
      schedule: weeklySchedule(start, 4),
    });
    const families: ApiClient[] = [];
    for (let i = 0; i < 50; i += 1)
      families.push(
        await signedInClient(
          app.url,
          await createPerson({ roles: ['family'], language: i % 2 ? 'ar' : 'fi' }),
        ),
      );

    // The order is judged by what the families saw, not by the server's counter: a request
    // answered before another was sent arrived first, so it must stand ahead of it. 20 race for
    // the 8 places at once; once all 20 are answered, 30 more follow 10 ms apart (overlapping).
    const timings: { sentAt: number; answeredAt: number }[] = [];
    const enrol = async (family: ApiClient, i: number) => {
      const sentAt = performance.now();
      const res = await family.post<EnrolmentInfo>(`/groups/${group.id}/enrolments`, {
        acceptRules: group.rulesVersion,
      });
      timings[i] = { sentAt, answeredAt: performance.now() };
      return res;
    };
    const burst = await Promise.all(families.slice(0, 20).map((f, i) => enrol(f, i)));
    const wave = await Promise.all(
      families.slice(20).map(async (f, i) => {
        await new Promise((r) => setTimeout(r, i * 10));
        return enrol(f, 20 + i);
      }),
    );
    const results = [...burst, ...wave];
    assert.deepEqual([...new Set(results.map((r) => r.status))], [201]);
    const confirmed = results.filter((r) => r.body.status === 'confirmed');
    const waitlisted = results.filter((r) => r.body.status === 'waitlisted');
    assert.equal(confirmed.length, 8);
    assert.equal(waitlisted.length, 42);

    const roster = (await staff.coordinator.get<EnrolmentInfo[]>(`/groups/${group.id}/enrolments`))
      .body;
    const queue = roster
      .filter((e) => e.status === 'waitlisted')
      .sort((a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0));
    assert.deepEqual(
      queue.map((e) => e.waitlistPosition),
      Array.from({ length: 42 }, (_, i) => i + 1),
    );
    // Where each family stands: 0 with a place, else its waitlist position.
    const standing = results.map((r) => {
      const entry = roster.find((e) => e.id === r.body.id);
      assert.ok(entry, 'every answered enrolment is on the roster');
      return entry.status === 'confirmed' ? 0 : (entry.waitlistPosition ?? -1);
    });
    const outOfOrder: string[] = [];
    let ordered = 0;
    for (const [a, first] of timings.entries())
      for (const [b, second] of timings.entries()) {
        if (first.answeredAt >= second.sentAt) continue;
        ordered += 1;
        const [x, y] = [standing[a]!, standing[b]!];
        if (!(x === 0 ? true : y !== 0 && x < y))
          outOfOrder.push(`family ${a} (answered first) stands ${x}, family ${b} stands ${y}`);
      }
    assert.ok(ordered >= 20 * 30, `${ordered} pairs of known order`);
    assert.deepEqual(outOfOrder, [], 'the places and the waitlist follow the order of sending');
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

  it('[groups-2] arrival numbers taken at the same instant outside the per-process lock (as by several server processes) are all different', async () => {
    const group = await createGroup(staff, {
      capacity: 8,
      schedule: weeklySchedule(helsinkiDay(7), 4),
    });
    const numbers = await Promise.all(Array.from({ length: 30 }, () => nextArrival(group.id)));
    assert.equal(new Set(numbers).size, 30, `numbers given twice: ${numbers.join(' ')}`);
    // And the next one follows them all.
    assert.ok((await nextArrival(group.id)) > Math.max(...numbers));
  });

  /** A group of two places: two families in, one waiting; and a fourth family to enrol later. */
  async function fullGroupWithOneWaiting() {
    const group = await createGroup(staff, {
      capacity: 2,
      schedule: weeklySchedule(helsinkiDay(7), 4),
    });
    const clients: ApiClient[] = [];
    for (let i = 0; i < 4; i += 1)
      clients.push(await signedInClient(app.url, await createPerson({ roles: ['family'] })));
    const enrolled: EnrolmentInfo[] = [];
    for (const client of clients.slice(0, 3))
      enrolled.push(
        (
          await client.post<EnrolmentInfo>(`/groups/${group.id}/enrolments`, {
            acceptRules: group.rulesVersion,
          })
        ).body,
      );
    assert.deepEqual(
      enrolled.map((e) => e.status),
      ['confirmed', 'confirmed', 'waitlisted'],
    );
    const statuses = async () =>
      Object.fromEntries(
        (await staff.coordinator.get<EnrolmentInfo[]>(`/groups/${group.id}/enrolments`)).body.map(
          (e) => [e.id, e.status],
        ),
      );
    const enrolLast = async () =>
      (
        await clients[3]!.post<EnrolmentInfo>(`/groups/${group.id}/enrolments`, {
          acceptRules: group.rulesVersion,
        })
      ).body;
    return { enrolled, statuses, enrolLast };
  }

  /** What endEnrolment writes first: the enrolment ended (and, further on, the roster). */
  async function endedOnlyInPart(enrolmentId: string, alsoRoster: boolean) {
    const doc = (await Enrolment.findById(enrolmentId).lean())!;
    const change = {
      status: 'cancelled' as const,
      activeKey: endedKey(String(doc.groupId), String(doc.personId), enrolmentId),
    };
    await Enrolment.updateOne({ _id: enrolmentId }, change);
    if (alsoRoster) await recordEnrolment({ ...doc, ...change });
    return doc;
  }

  it('[groups-2] a cancellation cut short after its enrolment was written (process or database gone): the next enrolment first moves the waiting family into the place', async () => {
    const { enrolled, statuses, enrolLast } = await fullGroupWithOneWaiting();
    const [leaver, stays, waiting] = enrolled as [EnrolmentInfo, EnrolmentInfo, EnrolmentInfo];
    await endedOnlyInPart(leaver.id, false); // the roster still has them in, and their place
    const newcomer = await enrolLast();
    assert.equal(newcomer.status, 'waitlisted', 'the newcomer waits behind the one who waited');
    assert.deepEqual(await statuses(), {
      [leaver.id]: 'cancelled',
      [stays.id]: 'confirmed',
      [waiting.id]: 'confirmed',
      [newcomer.id]: 'waitlisted',
    });
  });

  it('[groups-2] a place left held by a cancelled enrolment is taken back once it has been so for a minute', async () => {
    const { enrolled, statuses, enrolLast } = await fullGroupWithOneWaiting();
    const [leaver, , waiting] = enrolled as [EnrolmentInfo, EnrolmentInfo, EnrolmentInfo];
    // Cut short before the place was given back, two minutes ago.
    const { seatId } = await endedOnlyInPart(leaver.id, true);
    await Seat.updateOne({ _id: seatId }, { at: new Date(Date.now() - 120_000) });
    const newcomer = await enrolLast();
    assert.equal(newcomer.status, 'waitlisted');
    assert.equal((await statuses())[waiting.id], 'confirmed', 'the waiting family has the place');
    const seat = await Seat.findById(seatId).lean();
    assert.equal(String(seat?.enrolmentId), waiting.id, 'the place left behind');
  });
});
