// [train-2] The training programme through the real API on the real database: quiz grading,
// retries and pass marks; certification only when every required module is passed and only by
// the supervising trainer; only certified facilitators lead family groups; the refresher
// reminder (with the test clock); malformed modules and answers change nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import { TestClock } from '../../test/support/clock.ts';
import { certify, groupBody, type GroupStaff } from '../../test/support/groups.ts';
import {
  ApiClient,
  createPerson,
  signedInClient,
  type TestPerson,
} from '../../test/support/people.ts';
import { AuditEntry } from '../audit/audit.model.ts';
import { claimOnce } from '../db/claims.ts';
import { createMailer } from '../mail/mailer.ts';
import { OutboxMessage } from '../mail/outbox.model.ts';
import { Person } from '../people/person.model.ts';
import { projectRoot } from '../platform/paths.ts';
import type { NotificationInfo } from '../protocol/groups.ts';
import type {
  EligibleLead,
  ModuleEdit,
  ModuleInput,
  ModuleView,
  QuizResult,
  ReflectionInfo,
  TraineeProgress,
} from '../protocol/training.ts';
import { Notification } from '../reminders/notification.model.ts';
import { Application } from './application.model.ts';
import { Certification } from './certification.model.ts';
import { TrainingModule } from './module.model.ts';
import { ExtraAttempt, QuizAttempt, Reflection } from './progress.model.ts';
import { helsinkiDate, RefresherReminders } from './refresher.ts';

type Refusal = { error?: { code: string; message: string; fields?: Record<string, string> } };
type Lang = 'fi' | 'sv' | 'en' | 'ar';

const locale = (lang: Lang, ns: string) =>
  JSON.parse(readFileSync(join(projectRoot, 'locales', lang, `${ns}.json`), 'utf8')) as Record<
    string,
    Record<string, string>
  >;

const words = (s: string) => [
  { lang: 'fi' as const, text: s },
  { lang: 'sv' as const, text: `${s} (sv)` },
];
const question = (id: string, correct: string[], options = ['a', 'b', 'c', 'd']) => ({
  id,
  prompt: words(`Kysymys ${id}`),
  options: options.map((o) => ({ id: o, text: words(`Vaihtoehto ${o}`) })),
  correct,
});
/** Four questions: q2 has two right options. */
const fourQuestions = [
  question('q1', ['a']),
  question('q2', ['a', 'c']),
  question('q3', ['b']),
  question('q4', ['d']),
];
const moduleInput = (overrides: Partial<ModuleInput> = {}): ModuleInput => ({
  order: 1,
  required: false,
  published: true,
  content: [
    {
      lang: 'fi',
      title: 'Ryhmän turvallisuus',
      body: '# Turvallisuus\n\nLue [ohje](https://example.fi).',
    },
    { lang: 'sv', title: 'Trygghet i gruppen', body: '# Trygghet\n\nText.' },
  ],
  quiz: null,
  reflection: null,
  ...overrides,
});
const answers = (chosen: Record<string, string[]>) => ({
  answers: Object.entries(chosen).map(([questionId, optionIds]) => ({ questionId, optionIds })),
});
const allRight = { q1: ['a'], q2: ['c', 'a'], q3: ['b'], q4: ['d'] };

describe('[train-2] training programme and certification', function () {
  this.timeout(120_000);
  const clock = new TestClock();
  let app: TestApp;
  let trainer: TestPerson;
  let trainerClient: ApiClient;
  let otherTrainerClient: ApiClient;
  let coordinator: ApiClient;

  before(async () => {
    app = await startTestApp({ label: 'train2', clock });
    trainer = await createPerson({ roles: ['trainer'], displayName: 'Kouluttaja Kaisa' });
    trainerClient = await signedInClient(app.url, trainer);
    otherTrainerClient = await signedInClient(app.url, await createPerson({ roles: ['trainer'] }));
    coordinator = await signedInClient(app.url, await createPerson({ roles: ['coordinator'] }));
  });
  after(() => app?.close());

  const createModule = async (input: ModuleInput) => {
    const res = await trainerClient.post<ModuleEdit & Refusal>('/training/modules', input);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  };
  const trainee = async (lang: Lang = 'fi', supervisorId = trainer.id) => {
    const person = await createPerson({ roles: ['facilitator'], supervisorId, language: lang });
    return { person, client: await new ApiClient(app.url, lang).signIn(person) };
  };
  const submit = (client: ApiClient, moduleId: string, chosen: Record<string, string[]>) =>
    client.post<QuizResult & Refusal>(`/training/modules/${moduleId}/quiz`, answers(chosen));

  it('[train-2] quiz grading: exactly the right options; a partial or extra choice is wrong; the pass mark is inclusive', async () => {
    const atMark = await createModule(
      moduleInput({ quiz: { passMark: 75, maxAttempts: 5, questions: fourQuestions } }),
    );
    const aboveMark = await createModule(
      moduleInput({ order: 2, quiz: { passMark: 76, maxAttempts: 5, questions: fourQuestions } }),
    );
    const { client } = await trainee();

    // q2 with only one of its two right options, q4 wrong: 2 of 4.
    const partial = await submit(client, atMark.id, {
      q1: ['a'],
      q2: ['a'],
      q3: ['b'],
      q4: ['a'],
    });
    assert.equal(partial.status, 200, JSON.stringify(partial.body));
    assert.deepEqual(
      partial.body.questions.map((q) => q.correct),
      [true, false, true, false],
    );
    assert.equal(partial.body.score, 50);
    assert.equal(partial.body.passed, false);
    assert.equal(partial.body.attemptsLeft, 4);
    assert.equal(JSON.stringify(partial.body).includes('"correct":['), false, 'no right options');

    // q2 with both right options and one more: still wrong. 3 of 4 = 75 = the pass mark.
    const extra = { ...allRight, q2: ['a', 'b', 'c'] };
    const atBoundary = await submit(client, atMark.id, extra);
    assert.equal(atBoundary.body.score, 75);
    assert.equal(atBoundary.body.passed, true, 'exactly the pass mark passes');
    assert.equal(atBoundary.body.progress.status, 'inProgress', 'content not read yet');
    assert.equal(atBoundary.body.progress.quiz?.bestScore, 75);

    // The same 75 one below a pass mark of 76 fails; all right passes.
    const below = await submit(client, aboveMark.id, extra);
    assert.equal(below.body.score, 75);
    assert.equal(below.body.passed, false, 'one below the pass mark fails');
    const right = await submit(client, aboveMark.id, allRight);
    assert.equal(right.body.score, 100);
    assert.equal(right.body.passed, true);
    assert.deepEqual(
      right.body.questions.map((q) => q.correct),
      [true, true, true, true],
    );
    // Reading the content completes a module whose quiz is passed.
    const read = await client.post<{ status: string }>(`/training/modules/${aboveMark.id}/read`);
    assert.equal(read.body.status, 'passed');
  });

  it('[train-2] retries: attempts are counted, refused after the last one (translated, nothing stored), one more from the supervising trainer only', async () => {
    const module = await createModule(
      moduleInput({
        order: 3,
        quiz: { passMark: 100, maxAttempts: 2, questions: fourQuestions.slice(0, 2) },
      }),
    );
    const { person, client } = await trainee('sv');
    const wrong = { q1: ['b'], q2: ['a', 'c'] };
    const first = await submit(client, module.id, wrong);
    assert.equal(first.body.attemptsLeft, 1);
    assert.equal(first.body.progress.quiz?.attemptsUsed, 1);
    const second = await submit(client, module.id, wrong);
    assert.equal(second.body.attemptsLeft, 0);
    assert.equal(second.body.progress.status, 'failed');

    const refused = await submit(client, module.id, { q1: ['a'], q2: ['a', 'c'] });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error?.code, 'training.noAttemptsLeft');
    assert.equal(refused.body.error?.message, locale('sv', 'errors').training?.noAttemptsLeft);
    const stored = () => QuizAttempt.countDocuments({ personId: person.id });
    assert.equal(await stored(), 2, 'the refused attempt is not stored');

    // Another trainer, or a coordinator, cannot grant another attempt.
    const path = `/training/trainees/${person.id}/modules/${module.id}/extra-attempt`;
    assert.equal((await otherTrainerClient.post(path)).status, 404);
    assert.equal((await coordinator.post(path)).status, 403);
    assert.equal(await ExtraAttempt.countDocuments({ personId: person.id }), 0);

    const granted = await trainerClient.post<TraineeProgress>(path);
    assert.equal(granted.status, 200, JSON.stringify(granted.body));
    const inModule = granted.body.modules.find((m) => m.moduleId === module.id);
    assert.equal(inModule?.quiz?.attemptsLeft, 1);
    assert.equal(inModule?.status, 'inProgress');
    // While an attempt is left, no second grant (a double click grants one).
    const again = await trainerClient.post<Refusal>(path);
    assert.equal(again.status, 409);
    assert.equal(again.body.error?.code, 'training.attemptsLeft');

    // Three tabs submit the one attempt left at once: exactly one counts.
    const racing = await Promise.all(
      [1, 2, 3].map(() => submit(client, module.id, { q1: ['a'], q2: ['a', 'c'] })),
    );
    assert.deepEqual(racing.map((r) => r.status).sort(), [200, 409, 409]);
    assert.equal(await stored(), 3);
    const passed = racing.find((r) => r.status === 200)!;
    assert.equal(passed.body.passed, true);
    assert.equal(passed.body.attemptsLeft, 0);
    const afterPass = await submit(client, module.id, { q1: ['a'], q2: ['a', 'c'] });
    assert.equal(afterPass.status, 409);
    assert.equal(afterPass.body.error?.code, 'training.quizPassed');
    assert.equal(await stored(), 3);
  });

  it('[train-2] certification needs every required module passed and the supervising trainer; only then may they lead a group', async () => {
    const plain = await createModule(moduleInput({ order: 10, required: true }));
    const withTasks = await createModule(
      moduleInput({
        order: 11,
        required: true,
        quiz: { passMark: 50, maxAttempts: 3, questions: fourQuestions },
        reflection: { prompt: words('Miten kohtaat perheen, joka on huolissaan?') },
      }),
    );
    const optional = await createModule(
      moduleInput({
        order: 12,
        quiz: { passMark: 100, maxAttempts: 1, questions: fourQuestions },
      }),
    );
    // Not published: does not count (yet).
    await createModule(moduleInput({ order: 13, required: true, published: false }));

    const { person, client } = await trainee('sv');
    await Application.create({
      name: person.displayName,
      email: person.email,
      languagesSpoken: ['sv', 'fi'],
      region: 'uusimaa',
      motivation: 'Jag vill stödja familjer som lever mellan två kulturer.',
      availability: 'Kvällar',
      language: 'sv',
      consentAt: new Date(),
      status: 'inTraining',
      history: [{ from: 'accepted', to: 'inTraining', at: new Date(), reason: '' }],
    });
    const signOff = (by: ApiClient, body: Record<string, unknown> = {}) =>
      by.post<TraineeProgress & Refusal>(`/training/trainees/${person.id}/certify`, body);
    const certifications = () => Certification.countDocuments({ personId: person.id });

    const tooEarly = await signOff(trainerClient);
    assert.equal(tooEarly.status, 409);
    assert.equal(tooEarly.body.error?.code, 'training.requiredModulesMissing');
    assert.equal(await certifications(), 0);

    for (const m of [plain, withTasks]) await client.post(`/training/modules/${m.id}/read`);
    assert.equal((await submit(client, withTasks.id, allRight)).body.passed, true);
    const reflectionPath = `/training/modules/${withTasks.id}/reflection`;
    const written = await client.put<{ status: string }>(reflectionPath, {
      text: 'Jag lyssnar först och frågar vad familjen själv behöver.',
    });
    assert.equal(written.status, 200, JSON.stringify(written.body));
    assert.equal(written.body.status, 'waitingReview');
    assert.equal((await signOff(trainerClient)).status, 409, 'the reflection is not accepted yet');

    // The supervising trainer and coordinators see the waiting reflection; another trainer not.
    const waiting = async (by: ApiClient) =>
      (await by.get<ReflectionInfo[]>('/training/reflections')).body.filter(
        (r) => r.traineeId === person.id,
      );
    const [reflection] = await waiting(trainerClient);
    assert.ok(reflection);
    assert.equal((await waiting(coordinator)).length, 1);
    assert.deepEqual(await waiting(otherTrainerClient), []);
    const review = (by: ApiClient, body: { accepted: boolean; feedback: string }) =>
      by.post<ReflectionInfo & Refusal>(`/training/reflections/${reflection.id}/review`, body);
    assert.equal(
      (await review(otherTrainerClient, { accepted: true, feedback: 'Ok' })).status,
      404,
    );

    const sentBack = await review(trainerClient, {
      accepted: false,
      feedback: 'Berätta också hur du tar upp din oro.',
    });
    assert.equal(sentBack.status, 200, JSON.stringify(sentBack.body));
    assert.equal(sentBack.body.status, 'revise');
    const notices = (await client.get<NotificationInfo[]>('/notifications')).body;
    const notice = notices.find((n) => n.kind === 'reflection-reviewed');
    assert.equal(notice?.link, `/training/modules/${withTasks.id}`);
    assert.equal(notice?.groupId, null);
    assert.ok(notice?.text.includes('Trygghet i gruppen'), notice?.text);
    await client.put(reflectionPath, {
      text: 'Jag lyssnar först, och berättar öppet om min oro och vart familjen kan vända sig.',
    });
    assert.equal((await review(trainerClient, { accepted: true, feedback: 'Fint!' })).status, 200);
    const locked = await client.put<Refusal>(reflectionPath, {
      text: 'En helt ny text som ändrar.',
    });
    assert.equal(locked.status, 409);
    assert.equal(locked.body.error?.code, 'training.reflectionAccepted');

    // Not yet certified: cannot lead a family group, but can co-facilitate beside a certified lead.
    const certifiedLead = await createPerson({ roles: ['facilitator'], supervisorId: trainer.id });
    await certify(certifiedLead.id, trainer.id);
    const staff: GroupStaff = { coordinator, facilitator: person, trainer };
    const asLead = await coordinator.post<Refusal>('/groups', groupBody(staff));
    assert.equal(asLead.status, 400);
    assert.ok(asLead.body.error?.fields?.leadFacilitatorId, JSON.stringify(asLead.body));
    const asCo = await coordinator.post(
      '/groups',
      groupBody({ ...staff, facilitator: certifiedLead }, { coFacilitatorId: person.id }),
    );
    assert.equal(asCo.status, 201, JSON.stringify(asCo.body));

    // Ready: but only their own trainer signs off.
    const ready = await trainerClient.get<TraineeProgress>(`/training/trainees/${person.id}`);
    assert.equal(ready.body.readyForSignOff, true);
    assert.equal(ready.body.requiredTotal, 2, 'published required modules only');
    const optionalNow = ready.body.modules.find((m) => m.moduleId === optional.id);
    assert.equal(optionalNow?.status, 'notStarted', 'an optional module does not block');
    assert.equal((await signOff(otherTrainerClient)).status, 404);
    assert.equal((await signOff(coordinator)).status, 403);
    assert.equal(await certifications(), 0);

    const signed = await signOff(trainerClient, { note: 'Hyvä ote ryhmään.' });
    assert.equal(signed.status, 200, JSON.stringify(signed.body));
    const certification = signed.body.certification;
    assert.ok(certification);
    assert.equal(certification.valid, true);
    assert.equal(certification.signedOffByName, 'Kouluttaja Kaisa');
    assert.equal(certification.note, 'Hyvä ote ryhmään.');
    const months =
      (new Date(certification.validUntil).getTime() - clock.now().getTime()) / (30.44 * 86_400_000);
    assert.ok(Math.abs(months - 24) < 0.1, `valid 24 months, was ${months}`);
    assert.equal(await certifications(), 1);
    assert.equal(
      await AuditEntry.countDocuments({ action: 'training.certified', targetId: person.id }),
      1,
    );
    const mine = await client.get<TraineeProgress>('/training/progress');
    assert.equal(mine.body.certification?.valid, true);
    const application = await Application.findOne({ email: person.email }).lean();
    assert.equal(application?.status, 'certified');
    assert.equal(application?.history.at(-1)?.reasonCode, 'signedOff');

    // Certified: lead of a family group, and listed as an eligible lead — unless on a break.
    const nowLead = await coordinator.post('/groups', groupBody(staff));
    assert.equal(nowLead.status, 201, JSON.stringify(nowLead.body));
    await Person.updateOne({ _id: certifiedLead.id }, { pause: { since: new Date(), note: '' } });
    const eligible = (await coordinator.get<EligibleLead[]>('/training/eligible-leads')).body;
    const ids = eligible.map((e) => e.id);
    assert.ok(ids.includes(person.id));
    assert.ok(!ids.includes(certifiedLead.id), 'a paused facilitator is not offered');
    const names = eligible.map((e) => e.displayName);
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b, 'fi')),
    );
    assert.equal(
      eligible.find((e) => e.id === person.id)?.certifiedUntil,
      certification.validUntil,
    );
  });

  it('[train-2] refresher reminder: in-app and email in the person’s language, once, before the certification runs out', async () => {
    const log = pino({ level: 'silent' });
    const sweeper = () =>
      new RefresherReminders({
        clock,
        log,
        publicUrl: app.url,
        mailer: createMailer({ smtpUrl: undefined, from: 'test', log }),
      });
    const start = new Date();
    clock.set(start);
    const person = await createPerson({ roles: ['facilitator'], language: 'sv' });
    const validUntil = new Date(start.getTime() + 100 * 86_400_000);
    await Certification.create({
      personId: person.id,
      signedOffById: trainer.id,
      certifiedAt: start,
      validUntil,
    });
    const emails = () =>
      OutboxMessage.find({ to: person.email, template: 'certificationExpiring' }).lean();
    const notices = () =>
      Notification.find({ personId: person.id, kind: 'certification-expiring' }).lean();

    await sweeper().runDue();
    assert.equal((await emails()).length, 0, '100 days ahead: not yet');

    // 59 days before: due. Two server processes sweep at once, and again later.
    clock.set(new Date(validUntil.getTime() - 59 * 86_400_000));
    await Promise.all([sweeper().runDue(), sweeper().runDue()]);
    await sweeper().runDue();
    clock.set(new Date(validUntil.getTime() - 10 * 86_400_000));
    await sweeper().runDue();

    const sent = await emails();
    assert.equal(sent.length, 1, 'one email');
    const until = helsinkiDate(validUntil, 'sv');
    const template = locale('sv', 'email').certificationExpiring!;
    assert.equal(sent[0]?.subject, template.subject!.replace('{{until}}', until));
    assert.ok(sent[0]?.text.includes(template.body!.replace('{{until}}', until)));
    assert.deepEqual(sent[0]?.links, [`${app.url}/training`]);
    assert.equal((await notices()).length, 1, 'one notification');
    const client = await new ApiClient(app.url, 'sv').signIn(person);
    const notice = (await client.get<NotificationInfo[]>('/notifications')).body.find(
      (n) => n.kind === 'certification-expiring',
    );
    assert.equal(notice?.link, '/training');
    assert.ok(notice?.text.includes(until), notice?.text);

    // A sweep that died after claiming (its lease ran out) is taken up; a live one is not.
    const other = await createPerson({ roles: ['facilitator'], language: 'ar' });
    const claimed = await Certification.create({
      personId: other.id,
      signedOffById: trainer.id,
      certifiedAt: start,
      validUntil,
      refresherAttempts: 1,
      refresherLeaseUntil: new Date(clock.now().getTime() + 60_000),
    });
    assert.equal(await claimOnce(`refresher:${String(claimed._id)}:1`), true);
    const otherEmails = () =>
      OutboxMessage.countDocuments({ to: other.email, template: 'certificationExpiring' });
    await sweeper().runDue();
    assert.equal(await otherEmails(), 0, 'claimed by a live sweep');
    clock.set(new Date(clock.now().getTime() + 10 * 60_000));
    await sweeper().runDue();
    await sweeper().runDue();
    assert.equal(await otherEmails(), 1, 'taken up once after the lease');
    clock.set(new Date());
  });

  it('[train-2] malformed modules and answers are refused with field errors and change nothing; a trainee never sees the right options', async () => {
    const en = locale('en', 'errors').training!;
    const trainerEn = await new ApiClient(app.url, 'en').signIn(trainer);
    const count = () => TrainingModule.countDocuments();
    const before = await count();
    const badQuiz = (questions: ReturnType<typeof question>[]) =>
      moduleInput({ quiz: { passMark: 50, maxAttempts: 2, questions } });
    const cases: [unknown, string, string | null][] = [
      [badQuiz([question('q1', ['x'])]), 'quiz.questions.0.correct.0', en.unknownOption!],
      [
        badQuiz([question('q1', ['a']), question('q1', ['b'])]),
        'quiz.questions.1.id',
        en.duplicateId!,
      ],
      [
        badQuiz([question('q1', ['a'], ['a', 'b', 'a'])]),
        'quiz.questions.0.options.2.id',
        en.duplicateId!,
      ],
      [badQuiz([question('q1', ['a', 'a'])]), 'quiz.questions.0.correct.1', en.duplicateId!],
      [
        moduleInput({ content: [...moduleInput().content, { lang: 'fi', title: 'X', body: 'Y' }] }),
        'content.2.lang',
        en.duplicateLanguage!,
      ],
      [badQuiz([question('Q 1', ['a'])]), 'quiz.questions.0.id', null],
      [badQuiz([question('q1', [], ['a', 'b'])]), 'quiz.questions.0.correct', null],
      [{ ...moduleInput(), content: [] }, 'content', null],
      [{ ...moduleInput(), order: 0 }, 'order', null],
      [{ ...moduleInput(), isAdmin: true }, 'isAdmin', null],
      [
        { ...moduleInput(), quiz: { passMark: 101, maxAttempts: 1, questions: fourQuestions } },
        'quiz.passMark',
        null,
      ],
    ];
    for (const [body, field, message] of cases) {
      const res = await trainerEn.post<Refusal>('/training/modules', body);
      assert.equal(res.status, 400, `${field}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error?.code, 'invalid');
      assert.ok(res.body.error?.fields?.[field], `${field}: ${JSON.stringify(res.body.error)}`);
      if (message) assert.equal(res.body.error?.fields?.[field], message);
    }
    assert.equal(await count(), before, 'no module stored');

    const module = await createModule(
      moduleInput({ order: 20, quiz: { passMark: 50, maxAttempts: 3, questions: fourQuestions } }),
    );
    const edit = async () =>
      (await trainerClient.get<ModuleEdit>(`/training/modules/${module.id}/edit`)).body;
    const saved = await edit();
    assert.deepEqual(saved.quiz?.questions[1]?.correct, ['a', 'c'], 'staff edit the right options');
    const badPut = await trainerClient.put<Refusal>(
      `/training/modules/${module.id}`,
      badQuiz([question('q1', ['z'])]),
    );
    assert.equal(badPut.status, 400);
    assert.deepEqual(await edit(), saved, 'a refused edit changes nothing');

    const { person, client } = await trainee('en');
    const view = await client.get<ModuleView>(`/training/modules/${module.id}`);
    assert.equal(view.status, 200);
    assert.equal(view.body.quiz?.questions.length, 4);
    assert.deepEqual(
      view.body.quiz?.questions.map((q) => q.multiple),
      [false, true, false, false],
    );
    for (const res of [view, await client.get('/training/modules')])
      assert.ok(!/"correct"/.test(JSON.stringify(res.body)), 'no right options for a trainee');
    assert.equal((await client.get(`/training/modules/${module.id}/edit`)).status, 403);

    const refusedAnswers: [unknown, string, string | null][] = [
      [answers({ ...allRight, q9: ['a'] }), 'answers.4.questionId', en.unknownQuestion!],
      [answers({ ...allRight, q1: ['e'] }), 'answers.0.optionIds.0', en.unknownOption!],
      [answers({ q1: ['a'], q2: ['a'], q3: ['b'] }), 'answers', en.answerEveryQuestion!],
      [answers({ ...allRight, q1: ['a', 'a'] }), 'answers.0.optionIds.1', en.duplicateId!],
      [
        { answers: [...answers(allRight).answers, { questionId: 'q1', optionIds: ['a'] }] },
        'answers.4.questionId',
        en.duplicateId!,
      ],
      [{ answers: [{ questionId: 'q1', optionIds: 'a' }] }, 'answers.0.optionIds', null],
      [{ answers: allRight }, 'answers', null],
      [{ answers: [], score: 100 }, 'score', null],
    ];
    for (const [body, field, message] of refusedAnswers) {
      const res = await client.post<Refusal>(`/training/modules/${module.id}/quiz`, body);
      assert.equal(res.status, 400, `${field}: ${JSON.stringify(res.body)}`);
      assert.ok(res.body.error?.fields?.[field], `${field}: ${JSON.stringify(res.body.error)}`);
      if (message) assert.equal(res.body.error?.fields?.[field], message);
    }
    const shortReflection = await client.put(`/training/modules/${module.id}/reflection`, {
      text: 'too short',
    });
    assert.equal(shortReflection.status, 400);
    assert.equal(await QuizAttempt.countDocuments({ personId: person.id }), 0, 'nothing stored');
    assert.equal(await Reflection.countDocuments({ personId: person.id }), 0);

    // An unpublished module is not there for a trainee; staff see it.
    const draft = await createModule(moduleInput({ order: 21, published: false }));
    assert.equal((await client.get(`/training/modules/${draft.id}`)).status, 404);
    assert.equal((await client.post(`/training/modules/${draft.id}/read`)).status, 404);
    assert.equal((await client.get('/training/modules/not-an-id')).status, 404);
    const listed = (await client.get<{ id: string }[]>('/training/modules')).body.map((m) => m.id);
    assert.ok(listed.includes(module.id) && !listed.includes(draft.id));
    assert.equal((await trainerClient.get(`/training/modules/${draft.id}`)).status, 200);

    // A valid edit replaces the module: published, the quiz taken away, a reflection added.
    const edited = await trainerClient.put<ModuleEdit>(
      `/training/modules/${draft.id}`,
      moduleInput({ order: 22, published: true, reflection: { prompt: words('Pohdi') } }),
    );
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    assert.equal(edited.body.order, 22);
    assert.equal(edited.body.quiz, null);
    assert.deepEqual(edited.body.reflection?.prompt, words('Pohdi'));
    assert.equal((await client.get(`/training/modules/${draft.id}`)).status, 200);
  });
});
