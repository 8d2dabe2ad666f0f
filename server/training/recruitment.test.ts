// [train-1] The recruitment pipeline refuses invalid transitions and records each valid one
// (who, when, why); applying is public and validated; declining sends a kind email in the
// applicant's language.
import assert from 'node:assert/strict';
import type { ApplicationInfo, ApplicationInput } from '../protocol/training.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { ApiClient, createPerson, signedInClient } from '../../test/support/people.ts';
import { OutboxMessage } from '../mail/outbox.model.ts';
import { Application } from './application.model.ts';

const application = (overrides: Partial<ApplicationInput> = {}): ApplicationInput => ({
  name: 'Leila',
  email: `leila.${Date.now()}.${Math.random().toString(36).slice(2)}@example.fi`,
  languagesSpoken: ['fi', 'ar', 'fr'],
  region: 'pirkanmaa',
  motivation: 'Olen itse kasvattanut lapsia kahden kulttuurin perheessä ja haluan tukea muita.',
  availability: 'Arki-illat, joka toinen viikko',
  language: 'sv',
  consent: true,
  ...overrides,
});

describe('recruitment', function () {
  this.timeout(60_000);
  let app: TestApp;
  let coordinator: ApiClient;

  before(async () => {
    app = await startTestApp({ label: 'recruitment' });
    const person = await createPerson({ roles: ['coordinator'], displayName: 'Koordinaattori' });
    coordinator = await signedInClient(app.url, person);
  });
  after(() => app?.close());

  const apply = async (overrides: Partial<ApplicationInput> = {}) => {
    const res = await new ApiClient(app.url, 'fi').post<{ id: string }>(
      '/volunteer-applications',
      application(overrides),
    );
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.id;
  };
  const move = (id: string, body: Record<string, unknown>) =>
    coordinator.post<
      ApplicationInfo & { error?: { code: string; fields?: Record<string, string> } }
    >(`/recruitment/${id}/transition`, body);

  it('[train-1] only valid transitions, each recorded with who, when and why', async () => {
    const id = await apply();
    const before = await Application.findById(id).lean();
    // Not possible from "applied": skipping the interview, certifying, resuming.
    for (const to of ['interviewed', 'accepted', 'certified', 'active', 'paused', 'applied']) {
      const res = await move(id, { to, reason: 'test' });
      assert.equal(res.status, 409, `${to}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error?.code, 'recruitment.invalidTransition');
    }
    // An interview needs a time in the future; declining and pausing need a reason.
    const past = await move(id, { to: 'interviewBooked', interviewAt: '2020-01-01T10:00:00Z' });
    assert.equal(past.status, 400);
    assert.ok(past.body.error?.fields?.interviewAt);
    assert.deepEqual(await Application.findById(id).lean(), before, 'refusals changed nothing');

    const interviewAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const path: Record<string, unknown>[] = [
      { to: 'interviewBooked', interviewAt },
      { to: 'interviewed', reason: 'Hyvä haastattelu' },
      { to: 'accepted' },
      { to: 'inTraining' },
      { to: 'paused', reason: 'Perhesyistä kevään ajan' },
    ];
    let info: ApplicationInfo | undefined;
    for (const step of path) {
      const res = await move(id, step);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      info = res.body;
    }
    assert.equal(info?.status, 'paused');
    // Paused returns only to where it was paused from.
    assert.deepEqual(info?.next.sort(), ['ended', 'inTraining']);
    assert.equal((await move(id, { to: 'active' })).status, 409);
    const resumed = await move(id, { to: 'inTraining' });
    assert.equal(resumed.body.status, 'inTraining');
    assert.deepEqual(
      resumed.body.history.map((s) => [s.from, s.to]),
      [
        [null, 'applied'],
        ['applied', 'interviewBooked'],
        ['interviewBooked', 'interviewed'],
        ['interviewed', 'accepted'],
        ['accepted', 'inTraining'],
        ['inTraining', 'paused'],
        ['paused', 'inTraining'],
      ],
    );
    for (const step of resumed.body.history.slice(1)) {
      assert.equal(step.byName, 'Koordinaattori');
      assert.ok(Date.now() - Date.parse(step.at) < 60_000);
    }
    assert.equal(resumed.body.history[5]!.reason, 'Perhesyistä kevään ajan');
    assert.equal(resumed.body.interviewAt, interviewAt);
  });

  it('[train-1] declining needs a reason, is final, and the applicant gets a kind email in their language', async () => {
    const email = `amir.${Date.now()}@example.fi`;
    const id = await apply({ email, language: 'sv', name: 'Amir' });
    const received = await OutboxMessage.find({ to: email }).lean();
    assert.deepEqual(
      received.map((m) => m.template),
      ['applicationReceived'],
    );
    assert.equal((await move(id, { to: 'declined' })).status, 400, 'no reason');
    const declined = await move(id, { to: 'declined', reason: 'Ei tällä kertaa' });
    assert.equal(declined.body.status, 'declined');
    assert.deepEqual(declined.body.next, []);
    assert.equal((await move(id, { to: 'applied' })).status, 409, 'final');
    const letter = (
      await OutboxMessage.find({ to: email, template: 'applicationDeclined' }).lean()
    )[0];
    assert.ok(letter, 'a decline email');
    assert.match(letter.subject, /volontäransökan/, 'in Swedish');
    assert.ok(
      !JSON.stringify(letter).includes('Ei tällä kertaa'),
      'the internal reason stays internal',
    );
  });

  it('applying is public but validated; the pipeline is for coordinators only', async () => {
    const anonymous = new ApiClient(app.url, 'en');
    const bad = await anonymous.post<{ fields: Record<string, string> }>(
      '/volunteer-applications',
      {
        ...application(),
        consent: false,
        motivation: 'short',
        region: 'atlantis',
        isAdmin: true,
      },
    );
    assert.equal(bad.status, 400);
    const count = await Application.countDocuments();
    const family = await signedInClient(app.url, await createPerson({ roles: ['family'] }));
    assert.equal((await family.get('/recruitment')).status, 403);
    const id = await apply();
    assert.equal(
      (await family.post(`/recruitment/${id}/transition`, { to: 'declined', reason: 'x' })).status,
      403,
    );
    assert.equal((await anonymous.get('/recruitment')).status, 401);
    assert.equal(await Application.countDocuments(), count + 1);
    const list = await coordinator.get<ApplicationInfo[]>('/recruitment?status=applied');
    assert.ok(list.body.some((a) => a.id === id));
    assert.ok(list.body.every((a) => a.status === 'applied'));
    assert.equal((await coordinator.get('/recruitment/0123456789abcdef01234567')).status, 404);
  });
});
