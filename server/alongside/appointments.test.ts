// [along-2] The family's own appointments: the volunteer sees only what was shared (API bodies
// and socket frames), reminders go once each in each reader's language, ending the pairing stops
// the volunteer at once, and the appointments are in the export and gone after erasure.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import pino from 'pino';
import type { SignedInActor } from '../access/actor.ts';
import { translator } from '../i18n/index.ts';
import { createMailer } from '../mail/mailer.ts';
import type { AppointmentInfo } from '../protocol/alongside.ts';
import type { NotificationInfo } from '../protocol/groups.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { qualifiedVolunteer } from '../../test/support/alongside.ts';
import { TestClock } from '../../test/support/clock.ts';
import { liveSocket, recordEvents, type TestSocket } from '../../test/support/live.ts';
import { locale, text } from '../../test/support/locales.ts';
import { ApiClient, createPerson, type ApiResponse } from '../../test/support/people.ts';
import { AppointmentReminders } from './appointmentReminders.ts';
import { remindAtFor } from './appointmentStore.ts';
import { Pairing, type PairingDoc } from './pairing.model.ts';
import { ask, endPairing, pair } from './pairings.ts';

const HOUR = 3_600_000;
const SHARED = { what: 'Neuvola Qz81-jaettu', where: 'Kalliontie 9 Qz81' };
const UNSHARED = { what: 'Velkaneuvonta Xk42-salainen', where: 'Hämeentie 77 Xk42' };
const LATER = { what: 'Kela-käynti Wm55-myöhemmin', where: 'Toinen linja Wm55' };
const ALL_TEXTS = [SHARED, UNSHARED, LATER].flatMap((a) => [a.what, a.where]);

/** Helsinki date and time of an instant, as the form sends them. */
function helsinkiParts(at: Date) {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Helsinki',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return {
    date: `${part('year')}-${part('month')}-${part('day')}`,
    time: `${part('hour')}:${part('minute')}`,
  };
}

const whenIn = (lang: string, iso: string) =>
  new Intl.DateTimeFormat(lang, {
    timeZone: 'Europe/Helsinki',
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(new Date(iso));

const actorOf = (personId: string, roles: SignedInActor['roles'], lang: 'fi' | 'ar') =>
  ({
    kind: 'person',
    personId,
    roles,
    organisationId: null,
    paused: false,
    sessionId: 'test',
    csrfToken: 'test',
    lang,
  }) satisfies SignedInActor;

async function everyDocument(): Promise<Record<string, string>> {
  const db = mongoose.connection.db;
  assert.ok(db);
  const dump: Record<string, string> = {};
  for (const { name } of await db.listCollections().toArray())
    dump[name] = JSON.stringify(await db.collection(name).find().toArray());
  return dump;
}

/** A family writing in Arabic, paired by a coordinator with a volunteer who reads Finnish. */
async function pairUp(now: Date) {
  const trainer = await createPerson({ roles: ['trainer'] });
  const volunteer = await qualifiedVolunteer(trainer.id, { language: 'fi' });
  const family = await createPerson({ roles: ['family'], language: 'ar' });
  const coordinator = await createPerson({ roles: ['coordinator'] });
  const request = await ask(
    actorOf(family.id, ['family'], 'ar'),
    { help: 'أحتاج مساعدة في المواعيد', helpLang: 'ar', languages: ['ar', 'fi'] },
    translator('ar'),
  );
  const pairing = await pair(
    String(request._id),
    volunteer.id,
    actorOf(coordinator.id, ['coordinator'], 'fi'),
    translator('fi'),
    now,
  );
  return { trainer, volunteer, family, pairingId: String(pairing._id) };
}

const sweepWith = (clock: TestClock, publicUrl: string) =>
  new AppointmentReminders({
    clock,
    mailer: createMailer({
      smtpUrl: undefined,
      from: 'test@rinnalla.fi',
      log: pino({ level: 'silent' }),
    }),
    log: pino({ level: 'silent' }),
    publicUrl,
  });

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('[along-2] appointments', function () {
  this.timeout(120_000);
  const clock = new TestClock();
  let app: TestApp;
  let socket: TestSocket | undefined;
  before(async () => {
    app = await startTestApp({ label: 'along2', clock });
  });
  after(async () => {
    socket?.disconnect();
    await app?.close();
  });

  it('[along-2] the volunteer sees only what was shared, reminders go once each in each language, ending and erasure take it all back', async () => {
    // A family writing in Arabic, paired with a volunteer who reads Finnish.
    const { trainer, volunteer, family, pairingId } = await pairUp(clock.now());

    const familyClient = await new ApiClient(app.url, 'ar').signIn(family);
    const volunteerClient = await new ApiClient(app.url, 'fi').signIn(volunteer);
    // Everything the volunteer's client and socket receive, to search afterwards.
    const volunteerBodies: string[] = [];
    const asVolunteer = async <T>(res: Promise<ApiResponse<T>>) => {
      const answer = await res;
      volunteerBodies.push(JSON.stringify(answer.body));
      return answer;
    };
    socket = await liveSocket(app.url, volunteer);
    const frames = recordEvents(socket);
    const nudges = () => frames.filter((f) => f.name === 'alongside:appointmentsChanged');

    // A time in the past is refused, with the field's message in the family's language.
    const past = await familyClient.post<{ error: { fields: Record<string, string> } }>(
      '/alongside/appointments',
      { ...SHARED, ...helsinkiParts(new Date(clock.now().getTime() - HOUR)), shared: true },
    );
    assert.equal(past.status, 400);
    assert.equal(past.body.error.fields.date, text(locale('ar', 'errors'), 'appointments.inPast'));
    const missing = await familyClient.post<{ error: { fields: Record<string, string> } }>(
      '/alongside/appointments',
      { what: '', date: 'tomorrow', time: '25:00', shared: 'yes' },
    );
    assert.equal(missing.status, 400);
    assert.deepEqual(Object.keys(missing.body.error.fields).sort(), [
      'date',
      'shared',
      'time',
      'what',
    ]);

    // Three days ahead: one shared, one not.
    const base = clock.now().getTime();
    const sharedAt = new Date(base + 72 * HOUR);
    const unsharedAt = new Date(base + 74 * HOUR);
    const shared = await familyClient.post<AppointmentInfo>('/alongside/appointments', {
      ...SHARED,
      ...helsinkiParts(sharedAt),
      shared: true,
    });
    assert.equal(shared.status, 201, JSON.stringify(shared.body));
    const unshared = await familyClient.post<AppointmentInfo>('/alongside/appointments', {
      ...UNSHARED,
      ...helsinkiParts(unsharedAt),
      shared: false,
    });
    assert.equal(unshared.status, 201);
    // Changes to the unshared one tell the volunteer nothing.
    const changed = await familyClient.patch<AppointmentInfo>(
      `/alongside/appointments/${unshared.body.id}`,
      { where: `${UNSHARED.where} B` },
    );
    assert.equal(changed.status, 200);
    await settle();
    assert.deepEqual(
      nudges().map((f) => f.payload),
      [{ pairingId }],
      'one nudge: the shared appointment',
    );

    // The family reads both, coming first; nobody else reaches them, not even to find them.
    const mine = await familyClient.get<AppointmentInfo[]>('/alongside/appointments');
    assert.deepEqual(
      mine.body.map((a) => a.what),
      [SHARED.what, UNSHARED.what],
    );
    const otherFamily = await new ApiClient(app.url).signIn(
      await createPerson({ roles: ['family'] }),
    );
    assert.equal(
      (await otherFamily.patch(`/alongside/appointments/${unshared.body.id}`, { shared: true }))
        .status,
      404,
    );
    assert.equal(
      (await otherFamily.delete(`/alongside/appointments/${shared.body.id}`)).status,
      404,
    );
    assert.equal(
      (await asVolunteer(volunteerClient.get(`/alongside/appointments`))).status,
      403,
      'appointments are the family’s own',
    );
    const otherVolunteer = await new ApiClient(app.url).signIn(
      await qualifiedVolunteer(trainer.id),
    );
    assert.equal(
      (await otherVolunteer.get(`/alongside/pairings/${pairingId}/appointments`)).status,
      404,
    );

    // The volunteer's view: the shared one only.
    const seen = await asVolunteer(
      volunteerClient.get<AppointmentInfo[]>(`/alongside/pairings/${pairingId}/appointments`),
    );
    assert.equal(seen.status, 200);
    assert.deepEqual(
      seen.body.map((a) => [a.what, a.where]),
      [[SHARED.what, SHARED.where]],
    );

    // Reminders: nothing yet; 23 h before both, two processes sweeping at once and again.
    const sweeps = [sweepWith(clock, app.url), sweepWith(clock, app.url)];
    assert.equal(await sweeps[0]!.runDue(), 0);
    clock.set(new Date(unsharedAt.getTime() - 23 * HOUR));
    const sent = await Promise.all(sweeps.map((s) => s.runDue()));
    const again = await Promise.all(sweeps.map((s) => s.runDue()));
    assert.equal(sent[0]! + sent[1]!, 3, 'two reminders to the family, one note to the volunteer');
    assert.deepEqual(again, [0, 0]);

    const familyNotices = (await familyClient.get<NotificationInfo[]>('/notifications')).body;
    const reminders = familyNotices.filter((n) => n.kind === 'appointment-reminder');
    const email = locale('ar', 'email');
    assert.deepEqual(
      reminders.map((n) => n.text).sort(),
      [
        text(email, 'notice.appointmentReminder', {
          ...SHARED,
          at: whenIn('ar', shared.body.startsAt),
        }),
        text(email, 'notice.appointmentReminder', {
          ...UNSHARED,
          where: `${UNSHARED.where} B`,
          at: whenIn('ar', unshared.body.startsAt),
        }),
      ].sort(),
    );
    const volunteerNotices = (
      await asVolunteer(volunteerClient.get<NotificationInfo[]>('/notifications'))
    ).body.filter((n) => n.kind.startsWith('appointment-'));
    assert.deepEqual(
      volunteerNotices.map((n) => n.text),
      [
        text(locale('fi', 'email'), 'notice.appointmentNote', {
          ...SHARED,
          at: whenIn('fi', shared.body.startsAt),
        }),
      ],
    );
    const outbox = mongoose.connection.collection('outbox_messages');
    const familyEmails = await outbox.find({ to: family.email }).toArray();
    assert.deepEqual(familyEmails.map((m) => m.template).sort(), [
      'appointmentReminder',
      'appointmentReminder',
    ]);
    assert.ok(
      familyEmails.some(
        (m) => (m.subject as string) === text(email, 'appointmentReminder.subject', SHARED),
      ),
    );
    const volunteerEmails = await outbox.find({ to: volunteer.email }).toArray();
    const notes = volunteerEmails.filter((m) => m.template === 'appointmentNote');
    assert.equal(notes.length, 1);
    assert.equal(
      notes[0]!.subject,
      text(locale('fi', 'email'), 'appointmentNote.subject', {
        at: whenIn('fi', shared.body.startsAt),
      }),
    );

    // The family ends the pairing: the volunteer's route is gone at once, and so are notes.
    await endPairing(
      (await Pairing.findById(pairingId).lean()) as PairingDoc,
      'family',
      family.id,
      clock.now(),
    );
    assert.equal(
      (await asVolunteer(volunteerClient.get(`/alongside/pairings/${pairingId}/appointments`)))
        .status,
      404,
    );
    const before = nudges().length;
    const laterAt = new Date(clock.now().getTime() + 48 * HOUR);
    const later = await familyClient.post<AppointmentInfo>('/alongside/appointments', {
      ...LATER,
      ...helsinkiParts(laterAt),
      shared: true,
    });
    assert.equal(later.status, 201);
    clock.set(new Date(laterAt.getTime() - 23 * HOUR));
    assert.equal(await sweeps[0]!.runDue(), 1, 'the family’s reminder only');
    await settle();
    assert.equal(nudges().length, before, 'nothing reaches the volunteer after the end');
    assert.equal(
      await outbox.countDocuments({ to: volunteer.email, template: 'appointmentNote' }),
      1,
    );

    // Nothing unshared ever reached the volunteer; the shared one did, by the route and the note.
    const received = [...volunteerBodies, JSON.stringify(frames)].join('\n');
    for (const secret of [UNSHARED.what, UNSHARED.where])
      assert.ok(!received.includes(secret), `the volunteer never saw ${secret}`);
    assert.ok(volunteerBodies.join('\n').includes(SHARED.what));

    // The export holds every appointment; erasure leaves none of their words anywhere.
    const exported = JSON.stringify((await familyClient.get('/me/export')).body);
    for (const words of [SHARED.what, SHARED.where, UNSHARED.what, LATER.what])
      assert.ok(exported.includes(words), `the export holds ${words}`);
    assert.equal((await familyClient.delete('/me', { password: family.password })).status, 204);
    for (const [collection, documents] of Object.entries(await everyDocument()))
      for (const words of ALL_TEXTS)
        assert.ok(!documents.includes(words), `${collection} still holds ${words}`);
  });

  it('[along-2] the reminder rule: 24 h before, 2 h before when written later, none within 2 h', () => {
    const startsAt = new Date('2026-05-12T15:00:00Z');
    const before = (hours: number) => new Date(startsAt.getTime() - hours * HOUR);
    assert.deepEqual(remindAtFor(startsAt, before(72)), before(24));
    assert.deepEqual(remindAtFor(startsAt, before(24)), before(24));
    assert.deepEqual(remindAtFor(startsAt, before(23)), before(2));
    assert.equal(remindAtFor(startsAt, before(1)), null);
  });

  it('[along-2] a late appointment is reminded 2 h before; unsharing it takes the volunteer’s note back', async () => {
    const { volunteer, family, pairingId } = await pairUp(clock.now());
    const familyClient = await new ApiClient(app.url, 'ar').signIn(family);
    const volunteerClient = await new ApiClient(app.url, 'fi').signIn(volunteer);
    const late = { what: 'Hammaslääkäri Jn63', where: 'Terveysasema Jn63' };
    const startsAt = new Date(clock.now().getTime() + 5 * HOUR);
    const created = await familyClient.post<AppointmentInfo>('/alongside/appointments', {
      ...late,
      ...helsinkiParts(startsAt),
      shared: true,
    });
    assert.equal(created.status, 201);
    const soon = await familyClient.post<AppointmentInfo>('/alongside/appointments', {
      what: 'Apteekki Jn63',
      ...helsinkiParts(new Date(clock.now().getTime() + 90 * 60_000)),
      shared: false,
    });
    assert.equal(soon.status, 201);
    const sweep = sweepWith(clock, app.url);
    // An hour on, the one 90 min ahead would be due by any earlier rule: neither is.
    clock.set(new Date(clock.now().getTime() + HOUR));
    assert.equal(await sweep.runDue(), 0, 'not yet the late one; never the one 90 min ahead');
    clock.set(new Date(new Date(created.body.startsAt).getTime() - 2 * HOUR + 60_000));
    assert.equal(await sweep.runDue(), 2, 'the family’s reminder and the volunteer’s note');
    const notes = async () =>
      (await volunteerClient.get<NotificationInfo[]>('/notifications')).body.filter(
        (n) => n.kind === 'appointment-note',
      );
    assert.equal((await notes()).length, 1);
    const changed = await familyClient.patch(`/alongside/appointments/${created.body.id}`, {
      shared: false,
    });
    assert.equal(changed.status, 200);
    assert.deepEqual(await notes(), [], 'the note went with the share');
    assert.deepEqual(
      (
        await volunteerClient.get<AppointmentInfo[]>(
          `/alongside/pairings/${pairingId}/appointments`,
        )
      ).body,
      [],
    );
    assert.equal(await sweep.runDue(), 0, 'nothing more');
  });
});
