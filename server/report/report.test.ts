// [report-1] The funder's report over seeded data equals the figures counted here from the raw
// documents (attendance rows, sessions, groups, pairings, contacts, certifications, referrals) —
// not from the ledger the report reads; a family in two groups counts once; small cells are
// suppressed in the CSV, which is formula-safe; and the print layout renders at A4 width.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { launchBrowser } from '../../test/support/browser.ts';
import { certify, createGroup, helsinkiDay, weekdayOf } from '../../test/support/groups.ts';
import {
  ApiClient,
  createOrganisation,
  createPerson,
  signedInClient,
  signInCookie,
  type TestPerson,
} from '../../test/support/people.ts';
import { ContactLog } from '../alongside/contact.model.ts';
import { Pairing } from '../alongside/pairing.model.ts';
import { Organisation } from '../people/organisation.model.ts';
import type { MeetingInfo, UpcomingSession } from '../protocol/groups.ts';
import type { ReportFigures } from '../protocol/report.ts';
import { Referral } from '../referrals/referral.model.ts';
import { Attendance } from '../sessions/attendance.model.ts';
import { GroupSession } from '../sessions/groupSession.model.ts';
import { Group } from '../groups/group.model.ts';
import { Certification } from '../training/certification.model.ts';

const DAY = 86_400_000;
const oid = () => new mongoose.Types.ObjectId();
const inHelsinki = (at: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Helsinki' }).format(at);

function parseCsv(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .map((line) =>
      [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] ?? '').replace(/""/g, '"')),
    );
}

/** The figures, counted from what is stored with no help from the report's code. */
async function expectedFigures(from: string, to: string) {
  const groups = new Map((await Group.find({}).lean()).map((g) => [String(g._id), g] as const));
  const sessions = new Map(
    (await GroupSession.find({}).lean()).map((s) => [String(s._id), s] as const),
  );
  const present = new Map<string, string[]>();
  for (const row of await Attendance.find({ present: true }).lean()) {
    const session = sessions.get(String(row.sessionId));
    const group = groups.get(String(row.groupId));
    if (!session || !group || session.status === 'cancelled') continue;
    const staff = [group.leadFacilitatorId, group.coFacilitatorId, group.trainerId].map(String);
    if (staff.includes(String(row.personId))) continue;
    present.set(String(session._id), [
      ...(present.get(String(session._id)) ?? []),
      String(row.personId),
    ]);
  }
  const minutes = (s: {
    startsAt: Date;
    endsAt: Date;
    startedAt?: Date | null;
    endedAt?: Date | null;
  }) =>
    Math.round(
      (s.startedAt && s.endedAt ? +s.endedAt - +s.startedAt : +s.endsAt - +s.startsAt) / 60_000,
    );
  const families = new Set<string>();
  const before = new Set<string>();
  const volunteers = new Set<string>();
  const trainees = new Set<string>();
  let held = 0;
  let participantMinutes = 0;
  let ledMinutes = 0;
  let trainingMinutes = 0;
  for (const [sessionId, people] of present) {
    const session = sessions.get(sessionId)!;
    const group = groups.get(String(session.groupId))!;
    const day = inHelsinki(session.startsAt);
    if (group.kind === 'family' && day < from) people.forEach((p) => before.add(p));
    if (day < from || day > to) continue;
    if (group.kind === 'training') {
      trainingMinutes += people.length * minutes(session);
      people.forEach((p) => trainees.add(p));
      continue;
    }
    if (group.kind !== 'family') continue;
    held += 1;
    participantMinutes += people.length * minutes(session);
    people.forEach((p) => families.add(p));
    for (const f of [group.leadFacilitatorId, group.coFacilitatorId].filter(Boolean)) {
      volunteers.add(String(f));
      ledMinutes += minutes(session);
    }
  }
  const start = new Date(`${from}T00:00:00+02:00`); // the seeded dates keep clear of the edges
  const end = new Date(+new Date(`${to}T00:00:00+02:00`) + DAY);
  const pairings = (await Pairing.find({}).lean()).filter(
    (p) => p.startedAt < end && (!p.endedAt || p.endedAt >= start),
  );
  const contacts = (await ContactLog.find({}).lean()).filter((c) => c.date >= from && c.date <= to);
  contacts.forEach((c) => volunteers.add(String(c.volunteerId)));
  const contactMinutes = contacts.reduce((sum, c) => sum + c.minutes, 0);
  const alongsideFamilies = new Set(pairings.map((p) => String(p.familyId)));
  const certified = new Set(
    (await Certification.find({}).lean())
      .filter((c) => c.certifiedAt >= start && c.certifiedAt < end)
      .map((c) => String(c.personId)),
  );
  const kinds = new Map(
    (await Organisation.find({}).lean()).map((o) => [String(o._id), o.partnerKind ?? 'other']),
  );
  const referrals = (await Referral.find({}).lean()).filter(
    (r) => r.createdAt >= start && r.createdAt < end,
  );
  const byKind = (kind: string) =>
    referrals.filter((r) => kinds.get(String(r.organisationId)) === kind);
  return {
    families: {
      inGroups: families.size,
      alongside: alongsideFamilies.size,
      total: new Set([...families, ...alongsideFamilies]).size,
      new: [...families].filter((f) => !before.has(f)).length,
      returning: [...families].filter((f) => before.has(f)).length,
    },
    held,
    participantMinutes,
    volunteers: {
      active: volunteers.size,
      sessionMinutes: ledMinutes,
      alongsideMinutes: contactMinutes,
      trainingMinutes,
      totalMinutes: ledMinutes + contactMinutes + trainingMinutes,
    },
    trainees: trainees.size,
    certified: certified.size,
    contacts: contacts.length,
    pairingsActive: pairings.length,
    referrals: ['municipality', 'ngo'].map((key) => ({
      key,
      referred: byKind(key).length,
      signedUp: byKind(key).filter((r) => r.status === 'signed-up').length,
    })),
  };
}

describe("[report-1] the funder's report", function () {
  this.timeout(240_000);
  let app: TestApp;
  let coordinator: TestPerson;
  let client: ApiClient;
  const from = helsinkiDay(-60);
  const to = helsinkiDay(0);
  const orgName = '=HYPERLINK("http://evil.invalid") Perheverkosto';
  const note = `SECRET-NOTE-${randomBytes(4).toString('hex')}`;

  before(async () => {
    app = await startTestApp({ label: 'report1' });
    const orgId = await createOrganisation('central', orgName);
    coordinator = await createPerson({
      roles: ['coordinator'],
      organisationId: orgId,
      language: 'en',
    });
    client = await new ApiClient(app.url, 'en').signIn(coordinator);
    const trainer = await createPerson({ roles: ['trainer'] });
    const facilitator = async (certifiedDaysAgo: number) => {
      const person = await createPerson({ roles: ['facilitator'], supervisorId: trainer.id });
      await certify(person.id, trainer.id, new Date(Date.now() - certifiedDaysAgo * DAY));
      return person;
    };
    const [lead, co, leadB, volunteer] = [
      await facilitator(5),
      await facilitator(400), // certified long before the period: not counted
      await facilitator(10),
      await facilitator(20),
    ];
    const staff = { coordinator: client, facilitator: lead, trainer };
    const weekly = (startDays: number, count: number, durationMinutes: number) => {
      const startDate = helsinkiDay(startDays);
      return {
        frequency: 'weekly' as const,
        weekday: weekdayOf(startDate),
        startDate,
        startTime: '17:00',
        durationMinutes,
        count,
      };
    };
    const groupA = await createGroup(staff, {
      coFacilitatorId: co.id,
      sessionLanguages: ['fi', 'ar'],
      region: 'pirkanmaa',
      topics: ['small-children'],
      schedule: weekly(-84, 12, 90),
    });
    const groupB = await createGroup(staff, {
      leadFacilitatorId: leadB.id,
      title: [{ lang: 'fi', text: '=cmd|calc Isien ryhmä' }],
      sessionLanguages: ['so'],
      region: 'helsinki',
      topics: ['fathers'],
      schedule: weekly(-49, 6, 60),
    });
    const families: TestPerson[] = [];
    for (let i = 0; i < 10; i += 1) families.push(await createPerson({ roles: ['family'] }));
    const enrol = async (groupId: string, rules: string, members: TestPerson[]) => {
      for (const member of members) {
        const res = await (
          await signedInClient(app.url, member)
        ).post(`/groups/${groupId}/enrolments`, { acceptRules: rules });
        assert.equal(res.status, 201);
      }
    };
    const membersA = families.slice(0, 6);
    const membersB = [families[0]!, families[6]!, families[7]!]; // families[0] is in both groups
    await enrol(groupA.id, groupA.rulesVersion, membersA);
    await enrol(groupB.id, groupB.rulesVersion, membersB);
    const sessionsOf = async (id: string) =>
      (await client.get<UpcomingSession[]>(`/groups/${id}/sessions`)).body;
    const mark = async (sessionId: string, members: TestPerson[], present: TestPerson[]) =>
      assert.equal(
        (
          await client.put(`/sessions/${sessionId}/attendance`, {
            entries: members.map((m) => ({ personId: m.id, present: present.includes(m) })),
          })
        ).status,
        200,
      );
    const sessionsA = await sessionsOf(groupA.id);
    assert.equal(sessionsA.length, 12);
    await mark(sessionsA[0]!.id, membersA, [families[1]!, families[2]!]); // before the period
    await mark(sessionsA[1]!.id, membersA, [families[3]!]); // before, and never again
    for (let s = 4; s < 12; s += 1) {
      const present = s === 6 ? [] : membersA.filter((_, k) => k !== 3 && (k + s) % 3 !== 0);
      await mark(sessionsA[s]!.id, membersA, present);
    }
    // One session opened and ended on the platform: its held length (75 min) counts, not 90.
    const heldOne = await GroupSession.findById(sessionsA[5]!.id).lean();
    const startedAt = new Date(+heldOne!.startsAt - 5 * 60_000);
    await GroupSession.updateOne(
      { _id: heldOne!._id },
      { startedAt, endedAt: new Date(+startedAt + 75 * 60_000) },
    );
    for (const [s, session] of (await sessionsOf(groupB.id)).entries()) {
      const present = [
        families[0]!,
        ...(s % 2 === 0 ? [families[6]!] : []),
        ...(s === 0 ? [families[7]!] : []),
      ];
      await mark(session.id, membersB, present);
    }

    // A training meeting: two sessions, its members' time is volunteer time.
    const meeting = await client.post<MeetingInfo>('/meetings', {
      kind: 'training',
      title: [{ lang: 'fi', text: 'Peruskoulutus' }],
      hostId: trainer.id,
      memberIds: [co.id, volunteer.id],
      sessionLanguages: ['fi'],
      schedule: weekly(-40, 2, 120),
    });
    assert.equal(meeting.status, 201, JSON.stringify(meeting.body));
    const [t1, t2] = await sessionsOf(meeting.body.id);
    await mark(t1!.id, [co, volunteer], [co, volunteer]);
    await mark(t2!.id, [co, volunteer], [volunteer]);

    // Walk-alongside: one pairing from before the period, one begun in it, one ended before it.
    const pairing = async (
      family: TestPerson,
      by: TestPerson,
      startDays: number,
      endDays?: number,
    ) =>
      Pairing.create({
        requestId: oid(),
        familyId: family.id,
        volunteerId: by.id,
        pairedById: coordinator.id,
        startedAt: new Date(Date.now() + startDays * DAY),
        ...(endDays !== undefined
          ? { status: 'ended', endedAt: new Date(Date.now() + endDays * DAY), endedBy: 'family' }
          : {}),
      });
    const p1 = await pairing(families[0]!, volunteer, -90);
    const p2 = await pairing(families[8]!, lead, -30);
    const p3 = await pairing(families[9]!, volunteer, -200, -100);
    const contact = (p: typeof p1, days: number, minutes: number, kind: string) => {
      const date = helsinkiDay(days);
      return ContactLog.create({
        pairingId: p._id,
        volunteerId: p.volunteerId,
        date,
        at: new Date(`${date}T10:00:00Z`),
        minutes,
        kind,
        note,
      });
    };
    await contact(p1, -20, 45, 'call');
    await contact(p1, -70, 30, 'call'); // before the period
    await contact(p2, -25, 60, 'video');
    await contact(p2, -3, 20, 'message');
    await contact(p3, -150, 40, 'meeting');

    // Referrals from partners of two kinds; one made before the period.
    const partner = async (partnerKind: string) =>
      (await Organisation.create({ name: `=SUM(${partnerKind})`, kind: 'partner', partnerKind }))
        ._id;
    const [ngo, municipality] = [await partner('ngo'), await partner('municipality')];
    const referral = (organisationId: unknown, signedUp: boolean) => ({
      tokenHash: randomBytes(16).toString('hex'),
      organisationId,
      reference: '=1+1',
      language: 'fi',
      status: signedUp ? 'signed-up' : 'sent',
      expiresAt: new Date(Date.now() + 30 * DAY),
    });
    for (let i = 0; i < 6; i += 1) await Referral.create(referral(ngo, i < 3));
    for (let i = 0; i < 2; i += 1) await Referral.create(referral(municipality, i < 1));
    const old = new Date(Date.now() - 100 * DAY);
    await Referral.collection.insertOne({
      ...referral(ngo, true),
      _id: oid(),
      createdAt: old,
      updatedAt: old,
    } as never);
  });
  after(() => app?.close());

  it('[report-1] the figures equal those counted from the raw documents; the CSV suppresses small cells and is formula-safe', async () => {
    const started = Date.now();
    const res = await client.get<ReportFigures>(`/report?from=${from}&to=${to}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const took = Date.now() - started;
    const got = res.body;
    const want = await expectedFigures(from, to);

    assert.deepEqual(
      { ...got.families, parents: undefined },
      { ...want.families, parents: undefined },
    );
    assert.equal(got.families.inGroups, 7, 'families 0–2, 4–7: the family in two groups once');
    assert.equal(got.families.total, 8, 'and the walk-alongside family 8');
    assert.equal(got.families.parents, got.families.total, 'parents are counted as accounts');
    assert.equal(got.sessions.held, want.held);
    assert.equal(got.sessions.participantMinutes, want.participantMinutes);
    assert.deepEqual(got.volunteers, want.volunteers);
    assert.equal(got.training.trainingsHeld, 2);
    assert.equal(got.training.trainees, want.trainees);
    assert.equal(got.training.certified, want.certified);
    assert.equal(got.training.certified, 3);
    assert.equal(got.alongside.contacts, want.contacts);
    assert.equal(got.alongside.pairingsActive, want.pairingsActive);
    assert.equal(got.alongside.pairingsNew, 1);
    assert.deepEqual(got.referrals.byPartnerKind, want.referrals);
    assert.deepEqual(
      got.groups.byLanguage.map((r) => [r.key, r.groups]),
      [
        ['ar', 1],
        ['fi', 1],
        ['so', 1],
      ],
    );
    assert.equal(got.organisationName, orgName);
    const text = JSON.stringify(got);
    assert.ok(!text.includes(note), 'a contact note never reaches the report');
    assert.ok(!text.includes(coordinator.id) && !text.includes('@'), 'no ids or emails');

    const csv = await client.request<string>('GET', `/report.csv?from=${from}&to=${to}`);
    assert.equal(csv.status, 200);
    assert.match(
      csv.headers.get('content-disposition') ?? '',
      new RegExp(`attachment; filename=".*${from}-${to}\\.csv"`),
    );
    const raw = await (
      await fetch(`${app.url}/api/report.csv?from=${from}&to=${to}`, {
        headers: { cookie: client.cookie! },
      })
    ).arrayBuffer();
    assert.deepEqual([...new Uint8Array(raw).slice(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with BOM');
    const rows = parseCsv(csv.body);
    assert.deepEqual(rows[0], ['Section', 'Figure', 'Breakdown', 'Value']);
    assert.ok(rows.every((r) => r.length === 4));
    for (const cell of rows.flat())
      assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `formula-safe: ${cell}`);
    const value = (figure: string, breakdown = '') =>
      rows.find((r) => r[1] === figure && r[2] === breakdown)?.[3];
    assert.equal(value('Organisation'), `'${orgName}`);
    assert.equal(value('Families reached in all'), '8');
    assert.equal(value('Families with a walk-alongside volunteer'), '< 5');
    assert.equal(value('Pairings active'), '< 5');
    assert.equal(value('Contacts logged'), String(want.contacts), 'not people: not suppressed');
    assert.equal(value('Families referred by partner kind', 'Municipality'), '< 5');
    assert.equal(value('Families referred by partner kind', 'Organisation (NGO)'), '6');
    assert.equal(value('Participant-hours'), (want.participantMinutes / 60).toFixed(1));
    assert.equal(value('Volunteer hours in all'), (want.volunteers.totalMinutes / 60).toFixed(1));
    assert.ok(!csv.body.includes(note));
    console.log(`      report over the seeded data: ${took} ms`);

    // A reversed or impossible period, and anyone but a coordinator, are refused.
    const reversed = await client.get<{ error: { fields: Record<string, string> } }>(
      `/report?from=${to}&to=${from}`,
    );
    assert.equal(reversed.status, 400);
    assert.equal(reversed.body.error.fields.to, 'The end of the period is before its start.');
    assert.equal((await client.get('/report?from=2026-02-30&to=2026-03-01')).status, 400);
    assert.equal((await client.get('/report?from=2020-01-01&to=2026-01-01')).status, 400);
    const trainer = await signedInClient(app.url, await createPerson({ roles: ['trainer'] }));
    assert.equal((await trainer.get(`/report?from=${from}&to=${to}`)).status, 403);
  });

  it('[report-1] the print layout at A4 width names the organisation, the period and the date made, without navigation', async () => {
    const browser = await launchBrowser();
    try {
      const cookie = await signInCookie(app.url, coordinator);
      const context = await browser.newContext({ viewport: { width: 794, height: 1123 } });
      await context.addCookies([{ name: cookie.name, value: cookie.value, url: app.url }]);
      const page = await context.newPage();
      await page.goto(`${app.url}/admin/report?from=${from}&to=${to}`);
      await page.getByTestId('report-figures').waitFor();
      await page.emulateMedia({ media: 'print' });
      const header = page.getByTestId('report-print-header');
      assert.ok(await header.isVisible(), 'the print header shows');
      const printed = await header.innerText();
      assert.ok(printed.includes(orgName), printed);
      assert.match(printed, /Period .+ – .+/);
      assert.match(printed, /Made .+/);
      assert.ok(!(await page.locator('.shell-header').isVisible()), 'navigation hidden');
      assert.ok(!(await page.locator('.report-controls').isVisible()), 'controls hidden');
      // Outside the screen a small cell reads "< 5", never its number.
      const alongside = page.getByTestId('figure-familiesAlongside');
      assert.equal((await alongside.locator('.released').innerText()).trim(), '< 5');
      assert.ok(!(await alongside.locator('.exact').isVisible()));
      const width = await page.evaluate<number>('document.documentElement.scrollWidth');
      assert.ok(width <= 794, `fits A4 width (${width} px)`);
      if (process.env.SCREENSHOTS) {
        mkdirSync(process.env.SCREENSHOTS, { recursive: true });
        await page.screenshot({
          path: join(process.env.SCREENSHOTS, 'report-print-a4.png'),
          fullPage: true,
        });
      }
    } finally {
      await browser.close();
    }
  });
});
