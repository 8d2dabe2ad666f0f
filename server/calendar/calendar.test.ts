// [groups-4] The iCalendar feed and download, read back with an independent parser (ical.js).
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import mongoose from 'mongoose';
import { migrate } from '../db/migrations.ts';
import { Person } from '../people/person.model.ts';
import './migrations.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { createGroup, createStaff } from '../../test/support/groups.ts';
import { ApiClient, createPerson, signedInClient } from '../../test/support/people.ts';
import type { UpcomingSession } from '../protocol/groups.ts';

function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      status: String(vevent.getFirstPropertyValue('status')),
      summary: event.summary,
      uid: event.uid,
    };
  });
}

describe('[groups-4] calendar', function () {
  this.timeout(60_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ label: 'groups4' });
  });
  after(() => app?.close());

  it('[groups-4] the private feed parses with ical.js and its events start at the occurrences, across DST', async () => {
    const staff = await createStaff(app.url);
    // Sundays around the end of summer time 2030 (27.10.2030).
    const group = await createGroup(staff, {
      schedule: {
        frequency: 'weekly',
        weekday: 'su',
        startDate: '2030-10-13',
        startTime: '18:00',
        durationMinutes: 90,
        count: 4,
      },
    });
    const facilitator = await signedInClient(app.url, staff.facilitator);
    await facilitator.post(`/groups/${group.id}/schedule/changes`, {
      date: '2030-10-20',
      action: 'cancel',
      reason: 'Syysloma',
    });
    const person = await createPerson({ roles: ['family'], language: 'ar' });
    const family = await signedInClient(app.url, person);
    await family.post(`/groups/${group.id}/enrolments`, { acceptRules: group.rulesVersion });

    const { url } = (await family.get<{ url: string }>('/me/calendar')).body;
    const feed = await fetch(url); // no cookie: calendar apps subscribe with the URL alone
    assert.equal(feed.status, 200);
    assert.match(feed.headers.get('content-type') ?? '', /^text\/calendar/);
    const parsed = events(await feed.text());
    const sessions = (await family.get<UpcomingSession[]>(`/groups/${group.id}/sessions`)).body;
    assert.deepEqual(
      parsed.map((e) => [e.start, e.end, e.status]),
      sessions.map((s) => [
        s.startsAt,
        s.endsAt,
        s.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
      ]),
    );
    assert.equal(parsed[0]?.summary, 'الحياة اليومية بين ثقافتين', 'titled in the family language');
    assert.deepEqual(
      parsed.map((e) =>
        new Intl.DateTimeFormat('fi', {
          timeZone: 'Europe/Helsinki',
          hour: '2-digit',
          minute: '2-digit',
        }).format(new Date(e.start)),
      ),
      ['18.00', '18.00', '18.00', '18.00'],
    );

    // The group's own download carries the same events.
    const download = await new ApiClient(app.url).get<string>(`/groups/${group.id}/calendar.ics`);
    assert.deepEqual(
      events(download.body).map((e) => e.start),
      parsed.map((e) => e.start),
    );

    // A new feed URL revokes the old one.
    const rotated = (await family.post<{ url: string }>('/me/calendar')).body.url;
    assert.notEqual(rotated, url);
    assert.equal((await fetch(url)).status, 404);
    assert.equal((await fetch(rotated)).status, 200);

    // [speed-migrate] A token from before feeds were found by key works again once migrated.
    const older = 'older-token-from-before-0123456789';
    await Person.updateOne({ _id: person.id }, { calendarToken: older });
    const olderUrl = rotated.replace(/[^/]+\.ics$/, `${older}.ics`);
    assert.equal((await fetch(olderUrl)).status, 404, 'not found by key yet');
    await mongoose.connection
      .collection<{ _id: string }>('migrations')
      .deleteOne({ _id: 'calendar feeds by key' });
    await migrate(() => undefined);
    assert.equal((await fetch(olderUrl)).status, 200);
    assert.equal((await fetch(rotated)).status, 404, 'the token it replaced stays revoked');
  });
});
