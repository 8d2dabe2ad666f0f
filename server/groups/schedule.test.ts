// [groups-1] Schedules in Helsinki time across daylight-saving changes, with cancelled and
// moved dates.
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { createGroup, createStaff, type GroupStaff } from '../../test/support/groups.ts';
import { createPerson, signedInClient } from '../../test/support/people.ts';
import type { UpcomingSession } from '../protocol/groups.ts';

const helsinki = (iso: string) =>
  new Intl.DateTimeFormat('fi-FI', {
    timeZone: 'Europe/Helsinki',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));

describe('[groups-1] schedules across daylight-saving changes', function () {
  this.timeout(60_000);
  let app: TestApp;
  let staff: GroupStaff;
  before(async () => {
    app = await startTestApp({ label: 'groups1' });
    staff = await createStaff(app.url);
  });
  after(() => app?.close());

  it('[groups-1] a weekly 18:00 group keeps 18:00 Helsinki time across the last Sundays of March and October', async () => {
    // Sundays 15.3.2026 – 8.11.2026: DST starts 29.3. and ends 25.10.
    const group = await createGroup(staff, {
      schedule: {
        frequency: 'weekly',
        weekday: 'su',
        startDate: '2026-03-15',
        startTime: '18:00',
        durationMinutes: 90,
        until: '2026-11-08',
      },
    });
    const sessions = (
      await staff.coordinator.get<UpcomingSession[]>(`/groups/${group.id}/sessions`)
    ).body;
    assert.equal(sessions.length, 35);
    for (const session of sessions)
      assert.match(helsinki(session.startsAt), /klo 18\.00$/, helsinki(session.startsAt));
    const utcHour = (date: string) =>
      new Date(
        sessions.find((s) => helsinki(s.startsAt).startsWith(date))?.startsAt ?? 0,
      ).getUTCHours();
    assert.equal(utcHour('22.03.2026'), 16, 'winter time: UTC+2');
    assert.equal(utcHour('29.03.2026'), 15, 'summer time from the last Sunday of March: UTC+3');
    assert.equal(utcHour('25.10.2026'), 16, 'winter time again from the last Sunday of October');
    assert.equal(utcHour('18.10.2026'), 15);
  });

  it('[groups-1] a cancelled date disappears and a moved one appears at its new time', async () => {
    const group = await createGroup(staff, {
      schedule: {
        frequency: 'weekly',
        weekday: 'su',
        startDate: '2030-03-17',
        startTime: '18:00',
        durationMinutes: 90,
        count: 4,
      },
    });
    const facilitator = await signedInClient(app.url, staff.facilitator);
    const cancel = await facilitator.post(`/groups/${group.id}/schedule/changes`, {
      date: '2030-03-24',
      action: 'cancel',
      reason: 'Pääsiäistauko',
    });
    assert.equal(cancel.status, 200);
    const move = await facilitator.post(`/groups/${group.id}/schedule/changes`, {
      date: '2030-03-31',
      action: 'move',
      newDate: '2030-04-02',
      newTime: '17:30',
      reason: 'Tila varattu',
    });
    assert.equal(move.status, 200);
    const sessions = (await facilitator.get<UpcomingSession[]>(`/groups/${group.id}/sessions`))
      .body;
    const held = sessions.filter((s) => s.status !== 'cancelled').map((s) => helsinki(s.startsAt));
    assert.deepEqual(held, [
      '17.03.2030 klo 18.00',
      '02.04.2030 klo 17.30',
      '07.04.2030 klo 18.00',
    ]);
    const cancelled = sessions.find((s) => s.status === 'cancelled');
    assert.equal(cancelled?.reason, 'Pääsiäistauko');
    const moved = sessions.find((s) => s.status === 'moved');
    assert.equal(moved?.reason, 'Tila varattu');
    // Someone who does not run the group cannot change it.
    const other = await signedInClient(app.url, await createPerson({ roles: ['facilitator'] }));
    assert.equal(
      (
        await other.post(`/groups/${group.id}/schedule/changes`, {
          date: '2030-04-07',
          action: 'cancel',
          reason: 'x',
        })
      ).status,
      404,
    );
  });
});
