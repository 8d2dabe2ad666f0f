// The programme's rules: what a well-formed module is, how a quiz is graded, and where a trainee
// stands in a module (computed from the facts stored in progress.model.ts, never stored itself).
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { RequestError } from '../errors.ts';
import type {
  ModuleProgress,
  ModuleStatus,
  programmeSchemas,
  QuizResult,
} from '../protocol/training.ts';
import type { QuizDoc, TrainingModuleDoc } from './module.model.ts';
import {
  ExtraAttempt,
  ModuleRead,
  progressId,
  progressKey,
  QuizAttempt,
  Reflection,
  type QuizAttemptDoc,
  type ReflectionDoc,
} from './progress.model.ts';

export type ModuleInput = z.output<typeof programmeSchemas.moduleInput>;
export type QuizAnswers = z.output<typeof programmeSchemas.quizAnswers>['answers'];

/** Adds `key` for `field` unless the field already has a message. */
function collector(t: TFunction) {
  const fields = new Map<string, string>();
  return {
    add: (field: string, key: string) => {
      if (!fields.has(field)) fields.set(field, t(key));
    },
    /** Flags every later repeat of a value at `path.<index>.<suffix>`. */
    unique: (values: string[], path: string, suffix = '', key = 'training.duplicateId') => {
      values.forEach((value, i) => {
        if (values.indexOf(value) !== i)
          fields.set([path, i, suffix].filter((p) => p !== '').join('.'), t(key));
      });
    },
    throwIfAny: () => {
      if (fields.size > 0) throw new RequestError('invalid', 400, Object.fromEntries(fields));
    },
  };
}

/** What the schema cannot say: unique languages and ids, right answers among the options. */
export function checkModuleInput(input: ModuleInput, t: TFunction): void {
  const c = collector(t);
  const languagesOnce = 'training.duplicateLanguage';
  c.unique(
    input.content.map((x) => x.lang),
    'content',
    'lang',
    languagesOnce,
  );
  if (input.reflection)
    c.unique(
      input.reflection.prompt.map((x) => x.lang),
      'reflection.prompt',
      'lang',
      languagesOnce,
    );
  const questions = input.quiz?.questions ?? [];
  c.unique(
    questions.map((q) => q.id),
    'quiz.questions',
    'id',
  );
  questions.forEach((question, i) => {
    const at = `quiz.questions.${i}`;
    c.unique(
      question.prompt.map((x) => x.lang),
      `${at}.prompt`,
      'lang',
      languagesOnce,
    );
    const optionIds = question.options.map((o) => o.id);
    c.unique(optionIds, `${at}.options`, 'id');
    question.options.forEach((option, j) =>
      c.unique(
        option.text.map((x) => x.lang),
        `${at}.options.${j}.text`,
        'lang',
        languagesOnce,
      ),
    );
    c.unique(question.correct, `${at}.correct`);
    question.correct.forEach((id, j) => {
      if (!optionIds.includes(id)) c.add(`${at}.correct.${j}`, 'training.unknownOption');
    });
  });
  c.throwIfAny();
}

/** Answers name this quiz's questions and options, each question once. */
export function checkAnswers(quiz: QuizDoc, answers: QuizAnswers, t: TFunction): void {
  const c = collector(t);
  c.unique(
    answers.map((a) => a.questionId),
    'answers',
    'questionId',
  );
  answers.forEach((answer, i) => {
    const question = quiz.questions.find((q) => q.id === answer.questionId);
    if (!question) return c.add(`answers.${i}.questionId`, 'training.unknownQuestion');
    c.unique(answer.optionIds, `answers.${i}.optionIds`);
    answer.optionIds.forEach((id, j) => {
      if (!question.options.some((o) => o.id === id))
        c.add(`answers.${i}.optionIds.${j}`, 'training.unknownOption');
    });
  });
  if (quiz.questions.some((q) => !answers.some((a) => a.questionId === q.id)))
    c.add('answers', 'training.answerEveryQuestion');
  c.throwIfAny();
}

/** A question is right when exactly its right options are chosen; score in whole percent. */
export function grade(
  quiz: QuizDoc,
  answers: QuizAnswers,
): Pick<QuizResult, 'score' | 'passed' | 'questions'> {
  const questions = quiz.questions.map((question) => {
    const chosen = new Set(answers.find((a) => a.questionId === question.id)?.optionIds ?? []);
    const correct =
      chosen.size === question.correct.length && question.correct.every((id) => chosen.has(id));
    return { questionId: question.id, correct };
  });
  const right = questions.filter((q) => q.correct).length;
  const score = Math.round((100 * right) / quiz.questions.length);
  return { score, passed: score >= quiz.passMark, questions };
}

/** What is stored about one person in one module. */
export interface ProgressFacts {
  read: boolean;
  attempts: { score: number; passed: boolean }[];
  extraAttempts: number;
  reflection: ReflectionDoc | null;
}

const noFacts = (): ProgressFacts => ({
  read: false,
  attempts: [],
  extraAttempts: 0,
  reflection: null,
});

/**
 * Facts by progressKey(person, module), for these people in these modules, read by key: every
 * stored _id is progressId(kind, person, module[, n]) and attempts are numbered from 1 without
 * gaps, so nothing is searched (FerretDB would read the whole of each collection; these grow with
 * every facilitator ever trained). Attempts only where the module has a quiz.
 */
export async function loadFacts(
  personIds: string[],
  modules: ModuleRules[],
): Promise<Map<string, ProgressFacts>> {
  const pairs = personIds.flatMap((p) => modules.map((m): Pair => [p, String(m._id)]));
  const quizPairs = personIds.flatMap((p) =>
    modules.filter((m) => m.quiz).map((m): Pair => [p, String(m._id)]),
  );
  const [reads, reflections, attempts, extras] = await Promise.all([
    Promise.all(
      pairs.map(([p, m]) => ModuleRead.findById(progressId('training-read', p, m)).lean()),
    ),
    Promise.all(pairs.map(([p, m]) => Reflection.findById(progressId('reflection', p, m)).lean())),
    numbered(QuizAttempt, 'quiz-attempt', quizPairs),
    numbered(ExtraAttempt, 'extra-attempt', quizPairs),
  ]);
  const facts = new Map<string, ProgressFacts>();
  pairs.forEach(([p, m], i) => {
    const key = progressKey(p, m);
    const entry = noFacts();
    entry.read = !!reads[i];
    entry.reflection = (reflections[i] as ReflectionDoc | null) ?? null;
    entry.attempts = (attempts.get(key) ?? []) as QuizAttemptDoc[];
    entry.extraAttempts = extras.get(key)?.length ?? 0;
    facts.set(key, entry);
  });
  return facts;
}

type Pair = [personId: string, moduleId: string];

/** Each pair's documents numbered 1, 2, …: number n of every open chain at once, until a gap. */
async function numbered(
  model: typeof QuizAttempt | typeof ExtraAttempt,
  kind: 'quiz-attempt' | 'extra-attempt',
  pairs: Pair[],
): Promise<Map<string, unknown[]>> {
  const found = new Map<string, unknown[]>();
  let open = pairs;
  for (let n = 1; open.length > 0; n += 1) {
    const docs = await Promise.all(
      open.map(([p, m]) =>
        (model as typeof QuizAttempt).findById(progressId(kind, p, m, n)).lean(),
      ),
    );
    open = open.filter(([p, m], i) => {
      if (!docs[i]) return false;
      const key = progressKey(p, m);
      found.set(key, [...(found.get(key) ?? []), docs[i]]);
      return true;
    });
  }
  return found;
}

export function factsOf(facts: Map<string, ProgressFacts>, personId: string, moduleId: string) {
  return facts.get(progressKey(personId, moduleId)) ?? noFacts();
}

type ModuleRules = Pick<TrainingModuleDoc, 'quiz' | 'reflection'> & { _id: unknown };

export function quizState(module: ModuleRules, facts: ProgressFacts) {
  if (!module.quiz) return null;
  const passed = facts.attempts.some((a) => a.passed);
  const allowed = module.quiz.maxAttempts + facts.extraAttempts;
  return {
    attemptsUsed: facts.attempts.length,
    attemptsLeft: passed ? 0 : Math.max(0, allowed - facts.attempts.length),
    bestScore: facts.attempts.length ? Math.max(...facts.attempts.map((a) => a.score)) : null,
    passed,
  };
}

/**
 * Passed = content read, the quiz (if any) passed and the reflection (if any) accepted. The
 * trainee waits for review when only the trainer's answer is missing; `failed` when every
 * attempt is used (the trainer may grant another).
 */
export function moduleProgress(
  module: ModuleRules,
  facts: ProgressFacts,
  names: Map<string, string> = new Map(),
): ModuleProgress {
  const quiz = quizState(module, facts);
  const reflection = facts.reflection;
  const quizDone = !quiz || quiz.passed;
  const reflectionDone = !module.reflection || reflection?.status === 'accepted';
  let status: ModuleStatus;
  if (facts.read && quizDone && reflectionDone) status = 'passed';
  else if (quiz && !quiz.passed && quiz.attemptsLeft === 0) status = 'failed';
  else if (facts.read && quizDone && reflection?.status === 'submitted') status = 'waitingReview';
  else if (facts.read || facts.attempts.length > 0 || reflection) status = 'inProgress';
  else status = 'notStarted';
  return {
    moduleId: String(module._id),
    status,
    read: facts.read,
    quiz,
    reflection:
      module.reflection && reflection
        ? {
            text: reflection.text,
            status: reflection.status as 'submitted' | 'accepted' | 'revise',
            feedback: reflection.feedback ?? null,
            feedbackByName: reflection.reviewerId
              ? (names.get(String(reflection.reviewerId)) ?? null)
              : null,
            submittedAt: reflection.submittedAt.toISOString(),
            reviewedAt: reflection.reviewedAt ? reflection.reviewedAt.toISOString() : null,
          }
        : null,
  };
}
