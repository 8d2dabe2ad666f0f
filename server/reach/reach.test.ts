// [groups-5] Reach figures and their CSV agree with attendance generated here.
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import {
  createGroup,
  createStaff,
  groupBody,
  helsinkiDay,
  weekdayOf,
} from '../../test/support/groups.ts';
import {
  createPerson,
  signedInClient,
  type ApiClient,
  type TestPerson,
} from '../../test/support/people.ts';
import type { GroupDetail, ReachFigures, ReachRow, UpcomingSession } from '../protocol/groups.ts';

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number) {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((line) =>
      [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] ?? '').replace(/""/g, '"')),
    );
}

class Expected {
  readonly rows = new Map<
    string,
    { sessions: number; attendances: number; families: Set<string> }
  >();
  add(key: string, present: string[]) {
    const row = this.rows.get(key) ?? { sessions: 0, attendances: 0, families: new Set<string>() };
    row.sessions += 1;
    row.attendances += present.length;
    present.forEach((p) => row.families.add(p));
    this.rows.set(key, row);
  }
  list(): ReachRow[] {
    return [...this.rows.entries()]
      .map(([key, r]) => ({
        key,
        sessionsHeld: r.sessions,
        attendances: r.attendances,
        uniqueFamilies: r.families.size,
      }))
      .sort((a, b) => a.key.localeCompare(b.key));
  }
}

describe('[groups-5] reach figures', function () {
  this.timeout(90_000);
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ label: 'groups5' });
  });
  after(() => app?.close());

  it('[groups-5] figures and CSV match the generated attendance, by group, language, region and topic', async () => {
    const staff = await createStaff(app.url);
    const first = helsinkiDay(-56);
    const schedule = {
      frequency: 'weekly' as const,
      weekday: weekdayOf(first),
      startDate: first,
      startTime: '17:00',
      durationMinutes: 90,
      count: 6,
    };
    const groups: GroupDetail[] = [
      await createGroup(staff, {
        sessionLanguages: ['fi', 'ar'],
        region: 'pirkanmaa',
        topics: ['small-children'],
        schedule,
      }),
      await createGroup(staff, {
        title: [{ lang: 'fi', text: 'Isien ryhmä' }],
        sessionLanguages: ['so', 'fi'],
        region: 'online-finland',
        topics: ['fathers', 'wellbeing'],
        schedule,
      }),
    ];
    const families: TestPerson[] = [];
    for (let i = 0; i < 7; i += 1) families.push(await createPerson({ roles: ['family'] }));
    const facilitator: ApiClient = await signedInClient(app.url, staff.facilitator);
    const rand = random(2026);
    const expected = {
      total: new Expected(),
      group: new Expected(),
      language: new Expected(),
      region: new Expected(),
      topic: new Expected(),
    };

    for (const [g, group] of groups.entries()) {
      const members = families.filter((_, i) => (g === 0 ? i < 5 : i >= 3));
      for (const member of members) {
        const res = await (
          await signedInClient(app.url, member)
        ).post(`/groups/${group.id}/enrolments`, { acceptRules: group.rulesVersion });
        assert.equal(res.status, 201);
      }
      const sessions = (await facilitator.get<UpcomingSession[]>(`/groups/${group.id}/sessions`))
        .body;
      assert.equal(sessions.length, 6);
      for (const [s, session] of sessions.entries()) {
        // One session nobody came to: it does not count as held.
        const present =
          g === 0 && s === 2 ? [] : members.filter(() => rand() < 0.6).map((m) => m.id);
        const entries = members.map((m) => ({ personId: m.id, present: present.includes(m.id) }));
        assert.equal(
          (await facilitator.put(`/sessions/${session.id}/attendance`, { entries })).status,
          200,
        );
        if (!present.length) continue;
        expected.total.add('total', present);
        expected.group.add(group.id, present);
        group.sessionLanguages.forEach((l) => expected.language.add(l, present));
        expected.region.add(group.region, present);
        group.topics.forEach((t) => expected.topic.add(t, present));
      }
    }

    const query = `from=${helsinkiDay(-60)}&to=${helsinkiDay(0)}`;
    const figures = (await staff.coordinator.get<ReachFigures>(`/reach?${query}`)).body;
    const [total] = expected.total.list();
    assert.deepEqual(figures.totals, {
      sessionsHeld: total?.sessionsHeld,
      attendances: total?.attendances,
      uniqueFamilies: total?.uniqueFamilies,
    });
    assert.deepEqual(figures.byGroup, expected.group.list());
    assert.deepEqual(figures.byLanguage, expected.language.list());
    assert.deepEqual(figures.byRegion, expected.region.list());
    assert.deepEqual(figures.byTopic, expected.topic.list());
    assert.equal(
      figures.byWeek.reduce((n, w) => n + w.attendances, 0),
      total?.attendances,
    );

    // Groups are named by title (each figure keyed by id, never shown).
    for (const group of groups)
      assert.deepEqual(figures.groups[group.id]?.title, group.title, 'the group is named');

    // The CSV in the language asked for: translated headers and names, its separator, a BOM.
    const csv = await staff.coordinator.get<string>(`/reach.csv?${query}&lang=en`);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    assert.ok(
      csv.body.replace(/^\uFEFF/, '').startsWith('"Breakdown","Item",'),
      csv.body.slice(0, 40),
    );
    const rows = parseCsv(csv.body);
    assert.deepEqual(rows[0], [
      'Breakdown',
      'Item',
      'Sessions held',
      'Attendances',
      'Different families',
    ]);
    const section = (dimension: string) =>
      rows
        .filter((r) => r[0] === dimension)
        .map((r) => ({
          key: r[1],
          sessionsHeld: Number(r[2]),
          attendances: Number(r[3]),
          uniqueFamilies: Number(r[4]),
        }));
    const named = (rows: ReachRow[], name: (key: string) => string) =>
      rows.map((row) => ({ ...row, key: name(row.key) }));
    const english = new Intl.DisplayNames(['en'], { type: 'language' });
    assert.deepEqual(
      section('Language'),
      named(figures.byLanguage, (code) => english.of(code) ?? code),
    );
    assert.deepEqual(
      section('Group').map((r) => r.attendances),
      figures.byGroup.map((r) => r.attendances),
    );
    for (const cell of section('Group').map((r) => r.key ?? ''))
      assert.ok(!/[0-9a-f]{24}/.test(cell), `no database id in "${cell}"`);
    assert.ok(section('Week').every((r) => /^Week \d+, \d{4}$/.test(r.key ?? '')));
    assert.deepEqual(
      section('Total').map((r) => r.attendances),
      [total?.attendances],
    );
    // In Finnish: Finnish headers, split by ";" as Finnish spreadsheet programs expect.
    const finnish = (await staff.coordinator.get<string>(`/reach.csv?${query}&lang=fi`)).body;
    assert.ok(
      finnish.replace(/^\uFEFF/, '').startsWith('"Jaottelu";"Kohde";'),
      finnish.slice(0, 40),
    );

    // Figures are kept once counted, and counted again after any change they show: a
    // correction of attendance, and a group's new title.
    const ask = async () => (await staff.coordinator.get<ReachFigures>(`/reach?${query}`)).body;
    /** Asks until the figures are current (counted again in the background after a change). */
    const again = async () => {
      for (let i = 0; i < 40; i += 1) {
        const answer = await ask();
        if (!answer.updating) return answer;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error('the figures stayed "updating"');
    };
    assert.equal(figures.updating, false);
    assert.deepEqual(await ask(), figures, 'the same figures, kept');
    // The session nobody came to: now everyone did.
    const corrected = (
      await facilitator.get<UpcomingSession[]>(`/groups/${groups[0]!.id}/sessions`)
    ).body[2];
    const everyone = families.slice(0, 5).map((m) => ({ personId: m.id, present: true }));
    assert.equal(
      (await facilitator.put(`/sessions/${corrected!.id}/attendance`, { entries: everyone }))
        .status,
      200,
    );
    const stale = await ask();
    assert.equal(stale.updating, true, 'the kept figures at once, marked as being counted again');
    assert.deepEqual(stale.totals, figures.totals);
    // The funder's file is counted as things are now.
    const freshCsv = parseCsv(
      (await staff.coordinator.get<string>(`/reach.csv?${query}&lang=en`)).body,
    );
    const csvTotal = Number(freshCsv.find((r) => r[0] === 'Total')?.[3]);
    assert.ok(csvTotal > figures.totals.attendances, `the CSV counts the correction (${csvTotal})`);
    const afterCorrection = await again();
    assert.equal(afterCorrection.totals.attendances, csvTotal);
    assert.ok(afterCorrection.countedAt > figures.countedAt);
    assert.ok(afterCorrection.totals.attendances > figures.totals.attendances, 'counted again');
    const renamed = await staff.coordinator.put(
      `/groups/${groups[1]!.id}`,
      groupBody(staff, {
        title: [{ lang: 'fi', text: 'Isät yhdessä' }],
        sessionLanguages: ['so', 'fi'],
        region: 'online-finland',
        topics: ['fathers', 'wellbeing'],
        schedule,
      }),
    );
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    const names = (await again()).groups;
    assert.deepEqual(names[groups[1]!.id]?.title, [{ lang: 'fi', text: 'Isät yhdessä' }]);

    // A period longer than three years is refused, with the reason.
    const tooLong = await staff.coordinator.get<{ fields?: Record<string, string> }>(
      `/reach?from=2020-01-01&to=2026-01-01`,
    );
    assert.equal(tooLong.status, 400);
    assert.match(JSON.stringify(tooLong.body), /three years|kolme vuotta/);

    // Only coordinators read reach figures.
    assert.equal((await facilitator.get(`/reach?${query}`)).status, 403);
  });
});
