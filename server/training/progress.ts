// What trainees and their trainers change: content read, quiz attempts, extra attempts,
// reflections and their review. One writer per person and module in this process (serialised),
// and numbered inserts so that two processes cannot both use "the last attempt".
import { Types } from 'mongoose';
import { isDuplicateKey, serialised } from '../db/claims.ts';
import { RequestError } from '../errors.ts';
import type { QuizResult } from '../protocol/training.ts';
import { noteContact } from '../supervision/contactCard.ts';
import { listWaiting, unlistWaiting } from './waitingReflections.ts';
import type { TrainingModuleDoc } from './module.model.ts';
import {
  grade,
  loadFacts,
  factsOf,
  moduleProgress,
  quizState,
  type QuizAnswers,
} from './programme.ts';
import {
  ExtraAttempt,
  ModuleRead,
  progressId,
  progressKey,
  QuizAttempt,
  Reflection,
  type ReflectionDoc,
} from './progress.model.ts';

const changedMeanwhile = () => new RequestError('training.changedMeanwhile', 409);

function inOrder<T>(personId: string, moduleId: string, work: () => Promise<T>): Promise<T> {
  return serialised(`training:${progressKey(personId, moduleId)}`, work);
}

export async function progressIn(personId: string, module: TrainingModuleDoc) {
  const facts = factsOf(await loadFacts([personId], [module]), personId, String(module._id));
  return { facts, progress: moduleProgress(module, facts) };
}

export async function markRead(personId: string, module: TrainingModuleDoc, now: Date) {
  const moduleId = String(module._id);
  await ModuleRead.create({
    _id: progressId('training-read', personId, moduleId),
    personId,
    moduleId,
    at: now,
  })
    // Read twice (two tabs): it is read.
    .catch((error: unknown) => {
      if (!isDuplicateKey(error)) throw error;
    });
  return (await progressIn(personId, module)).progress;
}

/** Grades and stores an attempt; refused (nothing stored) once passed or out of attempts. */
export function submitQuiz(
  personId: string,
  module: TrainingModuleDoc,
  answers: QuizAnswers,
  now: Date,
): Promise<QuizResult> {
  const moduleId = String(module._id);
  const quiz = module.quiz;
  if (!quiz) throw new RequestError('training.noQuiz', 409);
  return inOrder(personId, moduleId, async () => {
    const { facts } = await progressIn(personId, module);
    const state = quizState(module, facts)!;
    if (state.passed) throw new RequestError('training.quizPassed', 409);
    if (state.attemptsLeft === 0) throw new RequestError('training.noAttemptsLeft', 409);
    const result = grade(quiz, answers);
    const n = facts.attempts.length + 1;
    await QuizAttempt.create({
      _id: progressId('quiz-attempt', personId, moduleId, n),
      personId,
      moduleId,
      n,
      answers,
      score: result.score,
      passed: result.passed,
      at: now,
    }).catch((error: unknown) => {
      // Another server process stored attempt n at the same moment.
      throw isDuplicateKey(error) ? changedMeanwhile() : error;
    });
    const { progress } = await progressIn(personId, module);
    return {
      ...result,
      passMark: quiz.passMark,
      attemptsLeft: progress.quiz?.attemptsLeft ?? 0,
      progress,
    };
  });
}

/** One more attempt, only for a trainee who has used every attempt without passing. */
export function grantExtraAttempt(
  personId: string,
  module: TrainingModuleDoc,
  byId: string,
  now: Date,
) {
  const moduleId = String(module._id);
  if (!module.quiz) throw new RequestError('training.noQuiz', 409);
  return inOrder(personId, moduleId, async () => {
    const { facts } = await progressIn(personId, module);
    const state = quizState(module, facts)!;
    if (state.passed) throw new RequestError('training.quizPassed', 409);
    if (state.attemptsLeft > 0) throw new RequestError('training.attemptsLeft', 409);
    const n = facts.extraAttempts + 1;
    await ExtraAttempt.create({
      _id: progressId('extra-attempt', personId, moduleId, n),
      personId,
      moduleId,
      byId,
      at: now,
    }).catch((error: unknown) => {
      // The same grant from another process (a double click): granted once, which is the point.
      if (!isDuplicateKey(error)) throw error;
    });
  });
}

/** A new or revised reflection; not once the trainer has accepted it. */
export function submitReflection(
  personId: string,
  module: TrainingModuleDoc,
  text: string,
  now: Date,
) {
  const moduleId = String(module._id);
  if (!module.reflection) throw new RequestError('training.noReflection', 409);
  const _id = progressId('reflection', personId, moduleId);
  return inOrder(personId, moduleId, async () => {
    const existing = await Reflection.findById(_id).lean();
    if (existing?.status === 'accepted') throw new RequestError('training.reflectionAccepted', 409);
    const fields = { text, status: 'submitted', submittedAt: now };
    if (existing) await Reflection.updateOne({ _id }, fields);
    else
      await Reflection.create({ _id, personId, moduleId, ...fields }).catch((error: unknown) => {
        throw isDuplicateKey(error) ? changedMeanwhile() : error;
      });
    await listWaiting(_id);
    return (await progressIn(personId, module)).progress;
  });
}

/** The trainer's answer to a waiting reflection: accepted, or sent back to revise. */
export function reviewReflection(
  reflection: ReflectionDoc,
  review: { accepted: boolean; feedback: string },
  reviewerId: string,
  now: Date,
): Promise<ReflectionDoc> {
  const personId = String(reflection.personId);
  const moduleId = String(reflection.moduleId);
  return inOrder(personId, moduleId, async () => {
    const current = await Reflection.findById(reflection._id).lean();
    if (!current || current.status !== 'submitted')
      throw new RequestError('training.notWaitingReview', 409);
    await Reflection.updateOne(
      // A revision stored meanwhile by another process waits for its own review.
      { _id: current._id, submittedAt: current.submittedAt },
      {
        status: review.accepted ? 'accepted' : 'revise',
        feedback: review.feedback,
        reviewerId: new Types.ObjectId(reviewerId),
        reviewedAt: now,
      },
    );
    await noteContact(personId, now, 'review');
    const after = (await Reflection.findById(current._id).lean()) as ReflectionDoc;
    if (after.status !== 'submitted') await unlistWaiting(after._id);
    return after;
  });
}
