// [train-1] A booked interview is a short video meeting on the session engine: booking makes the
// meeting, its session and the applicant's place in it, and emails a personal link in the
// applicant's language; the link signs a pure applicant in, never an account with a password;
// a cancelled, declined, expired or wrong link opens nothing.
import assert from 'node:assert/strict';
import type { SignedInActor } from '../access/actor.ts';
import { Enrolment } from '../groups/enrolment.model.ts';
import { Group } from '../groups/group.model.ts';
import { admit, loadSessionContext } from '../live/admission.ts';
import { OutboxMessage } from '../mail/outbox.model.ts';
import { Person } from '../people/person.model.ts';
import type { SessionInfo } from '../protocol/api.ts';
import type {
  ApplicationInfo,
  ApplicationInput,
  InterviewEntry,
  InterviewInfo,
} from '../protocol/training.ts';
import { GroupSession } from '../sessions/groupSession.model.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { ApiClient, createPerson, signedInClient } from '../../test/support/people.ts';
import { locale } from '../../test/support/locales.ts';
import { languages } from '../protocol/languages.ts';
import { Application } from './application.model.ts';

type Failure = { error?: { code: string; message: string } };

describe('recruitment interviews', function () {
  this.timeout(60_000);
  let app: TestApp;
  let coordinator: ApiClient;
  let coordinatorId: string;

  before(async () => {
    app = await startTestApp({ label: 'interview' });
    const person = await createPerson({ roles: ['coordinator'], displayName: 'Koordinaattori' });
    coordinatorId = person.id;
    coordinator = await signedInClient(app.url, person);
  });
  after(() => app?.close());

  const apply = async (overrides: Partial<ApplicationInput> = {}) => {
    const email = `hakija.${Date.now()}.${Math.random().toString(36).slice(2)}@example.fi`;
    const res = await new ApiClient(app.url, 'fi').post<{ id: string }>('/volunteer-applications', {
      name: 'Leila',
      email,
      languagesSpoken: ['fi', 'ar'],
      region: 'pirkanmaa',
      motivation: 'Haluan tukea muita perheitä, koska olen itse elänyt kahden kulttuurin arkea.',
      availability: 'Arki-illat',
      language: 'sv',
      consent: true,
      ...overrides,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return { id: res.body.id, email: overrides.email ?? email };
  };
  const move = (id: string, body: Record<string, unknown>) =>
    coordinator.post<ApplicationInfo & Failure>(`/recruitment/${id}/transition`, body);
  const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000);
  /** Books an interview and returns the token from the emailed link. */
  const book = async (id: string, email: string, at = inMinutes(5)) => {
    const res = await move(id, { to: 'interviewBooked', interviewAt: at.toISOString() });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const letters = await OutboxMessage.find({ to: email, template: 'interviewBooked' })
      .sort({ sentAt: -1 })
      .lean();
    const link = letters[0]?.links[0] ?? '';
    const token = new URL(link).pathname.replace('/interview/', '');
    return { info: res.body, token, letter: letters[0]! };
  };

  it('[train-1] booking makes a one-session meeting hosted by the coordinator, with the applicant in it and a link by email', async () => {
    const { id, email } = await apply({ language: 'sv', name: 'Amira' });
    const at = inMinutes(3 * 24 * 60);
    const { info, token, letter } = await book(id, email, at);

    const stored = (await Application.findById(id).lean())!;
    const group = (await Group.findById(stored.interviewGroupId).lean())!;
    assert.equal(group.kind, 'interview');
    assert.equal(group.visibility, 'invitation');
    assert.equal(group.observationAllowed, false);
    assert.equal(String(group.leadFacilitatorId), coordinatorId);
    assert.equal(String(group.trainerId), coordinatorId);
    // Titled in every UI language, as each language's email texts word it.
    const titles = Object.fromEntries(group.title.map((t) => [t.lang, t.text]));
    assert.deepEqual(Object.keys(titles).sort(), languages.map((l) => l.code).sort());
    assert.equal(titles.fi, 'Haastattelu: Amira');
    assert.equal(titles.ar, 'مقابلة: Amira');
    for (const { code } of languages) {
      const title = (locale(code, 'email').interviewMeeting as Record<string, string>).title!;
      assert.equal(titles[code], title.replace('{{name}}', 'Amira'));
    }
    const sessions = await GroupSession.find({ groupId: group._id }).lean();
    assert.equal(sessions.length, 1, 'one session');
    const session = sessions[0]!;
    assert.equal(String(session._id), info.interviewSessionId);
    // To the minute, in Helsinki time: the schedule's wall clock.
    assert.equal(session.startsAt.getTime(), Math.floor(at.getTime() / 60_000) * 60_000);
    assert.equal(session.endsAt.getTime() - session.startsAt.getTime(), 45 * 60_000);

    const applicant = (await Person.findOne({ email }).lean())!;
    assert.deepEqual(applicant.roles, []);
    assert.equal(applicant.passwordHash, null);
    assert.equal(applicant.emailVerifiedAt, null);
    assert.equal(applicant.displayName, 'Amira');
    assert.equal(applicant.language, 'sv');
    const enrolments = await Enrolment.find({ groupId: group._id }).lean();
    assert.deepEqual(
      enrolments.map((e) => [String(e.personId), e.status]),
      [[String(applicant._id), 'confirmed']],
    );

    // The email: Swedish, the Helsinki time written out, and only a hash of the token kept.
    assert.match(letter.subject, /videointervju/);
    const when = new Intl.DateTimeFormat('sv', {
      timeZone: 'Europe/Helsinki',
      dateStyle: 'full',
      timeStyle: 'short',
    }).format(session.startsAt);
    assert.ok(letter.text.includes(when), `${when} in: ${letter.text}`);
    assert.ok(letter.text.includes('cirka 45 minuter'), 'its length in the plural Swedish writes');
    assert.equal(letter.links[0], `${app.url}/interview/${token}`);
    assert.ok(token.length >= 43);
    assert.ok(!JSON.stringify(stored).includes(token), 'the token itself is not stored');
    assert.ok(stored.interviewTokenValidUntil! > session.endsAt);

    const page = await new ApiClient(app.url).get<InterviewInfo>(`/interviews/${token}`);
    assert.equal(page.status, 200);
    assert.deepEqual(page.body, {
      name: 'Amira',
      startsAt: session.startsAt.toISOString(),
      endsAt: session.endsAt.toISOString(),
    });
  });

  it('[train-1] the link signs a pure applicant in, and they may enter the live session as a member', async () => {
    const { id, email } = await apply({ language: 'fi' });
    const { info, token } = await book(id, email);
    const browser = new ApiClient(app.url, 'fi');
    const entered = await browser.post<InterviewEntry>('/interviews/enter', { token });
    assert.equal(entered.status, 200, JSON.stringify(entered.body));
    assert.deepEqual(entered.body, { sessionId: info.interviewSessionId });
    const session = await browser.get<SessionInfo>('/auth/session');
    assert.equal(session.body.person?.email, email, 'signed in by the link');
    // Entering again, signed in, answers the same.
    browser.csrfToken = session.body.csrfToken;
    const again = await browser.post<InterviewEntry>('/interviews/enter', { token });
    assert.deepEqual(again.body, entered.body);

    // The live session takes them as a member, and the coordinator as its host.
    const now = new Date();
    const actorOf = (personId: string, roles: SignedInActor['roles']): SignedInActor => ({
      kind: 'person',
      personId,
      roles,
      organisationId: null,
      paused: false,
      sessionId: 'test',
      csrfToken: 'test',
      lang: 'fi',
    });
    const applicant = actorOf(session.body.person!.id, []);
    const host = actorOf(coordinatorId, ['coordinator']);
    const sessionId = info.interviewSessionId!;
    const admitted = await admit(
      applicant,
      'participant',
      await loadSessionContext(sessionId, applicant),
      now,
    );
    assert.equal(admitted.role, 'family');
    const hosting = await admit(
      host,
      'participant',
      await loadSessionContext(sessionId, host),
      now,
    );
    assert.equal(hosting.role, 'host');
    // Someone else with no role is not let in.
    const stranger = await createPerson({ roles: [] });
    await assert.rejects(loadSessionContext(sessionId, actorOf(stranger.id, [])), /live/);
  });

  it('[train-1] a wrong, expired or cancelled link opens nothing (404, translated)', async () => {
    const anonymous = new ApiClient(app.url, 'en');
    const wrong = await anonymous.post<Failure>('/interviews/enter', {
      token: 'A'.repeat(43),
    });
    assert.equal(wrong.status, 404);
    assert.equal(wrong.body.error?.code, 'interview.notFound');
    assert.match(wrong.body.error?.message ?? '', /interview link is not valid/);
    assert.equal((await anonymous.get(`/interviews/${'B'.repeat(43)}`)).status, 404);
    assert.equal((await anonymous.post('/interviews/enter', { token: 'x' })).status, 400);

    const expired = await apply();
    const { token: oldToken } = await book(expired.id, expired.email);
    await Application.updateOne(
      { _id: expired.id },
      { interviewTokenValidUntil: new Date(Date.now() - 1000) },
    );
    assert.equal((await anonymous.post('/interviews/enter', { token: oldToken })).status, 404);
    assert.equal((await anonymous.get(`/interviews/${oldToken}`)).status, 404);

    const cancelled = await apply();
    const { token, info } = await book(cancelled.id, cancelled.email);
    const back = await move(cancelled.id, { to: 'applied', reason: 'Siirretään' });
    assert.equal(back.status, 200, JSON.stringify(back.body));
    assert.equal(back.body.interviewSessionId, null);
    const refused = await anonymous.post<Failure>('/interviews/enter', { token });
    assert.equal(refused.status, 404);
    assert.equal(anonymous.cookie, undefined, 'nobody signed in');
    const session = (await GroupSession.findById(info.interviewSessionId).lean())!;
    assert.equal(session.status, 'cancelled', 'the session is cancelled');
    assert.equal((await Group.findById(session.groupId).lean())?.status, 'ended');

    // Booking again makes a new meeting with a new link; the old one stays dead.
    const rebooked = await book(cancelled.id, cancelled.email);
    assert.notEqual(rebooked.info.interviewSessionId, info.interviewSessionId);
    assert.notEqual(rebooked.token, token);
    assert.equal((await anonymous.post('/interviews/enter', { token })).status, 404);
    assert.equal(
      (await new ApiClient(app.url).post('/interviews/enter', { token: rebooked.token })).status,
      200,
    );
    // Declining a booked application cancels its meeting too.
    const declined = await move(cancelled.id, { to: 'declined', reason: 'Ei sovi' });
    assert.equal(declined.status, 200);
    const second = (await GroupSession.findById(rebooked.info.interviewSessionId).lean())!;
    assert.equal(second.status, 'cancelled');
    assert.equal(
      (await new ApiClient(app.url).post('/interviews/enter', { token: rebooked.token })).status,
      404,
    );
  });

  it('[train-1] an account with a password is not signed in by the link: it signs in first', async () => {
    // No role (say, one whose roles a coordinator took away) but a password: still an account.
    const existing = await createPerson({ roles: [], displayName: 'Leila Tili' });
    const { id } = await apply({ email: existing.email });
    const { token, info } = await book(id, existing.email);
    const anonymous = new ApiClient(app.url, 'fi');
    const refused = await anonymous.post<Failure>('/interviews/enter', { token });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error?.code, 'interview.signInFirst');
    assert.match(refused.body.error?.message ?? '', /Kirjaudu ensin sisään/);
    assert.equal(anonymous.cookie, undefined, 'not signed in');
    // Someone else signed in gets the same answer and stays themself.
    const other = await signedInClient(app.url, await createPerson({ roles: ['family'] }));
    assert.equal((await other.post('/interviews/enter', { token })).status, 409);
    // Signed in as that account, the link opens the interview.
    const own = await signedInClient(app.url, existing);
    const entered = await own.post<InterviewEntry>('/interviews/enter', { token });
    assert.equal(entered.status, 200);
    assert.equal(entered.body.sessionId, info.interviewSessionId);
    const person = (await Person.findById(existing.id).lean())!;
    assert.deepEqual(person.roles, [], 'the account is unchanged');
    assert.equal(person.displayName, 'Leila Tili');

    // A family account is not opened by a link either.
    const family = await createPerson({ roles: ['family'] });
    const booked = await apply({ email: family.email });
    const link = await book(booked.id, family.email);
    const refusedFamily = await new ApiClient(app.url).post<Failure>('/interviews/enter', {
      token: link.token,
    });
    assert.equal(refusedFamily.body.error?.code, 'interview.signInFirst');
  });
});
