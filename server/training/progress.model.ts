// A trainee's progress in a module, kept in small documents that are each written by one party
// and mostly only inserted: FerretDB's updates are not atomic, inserts with a given _id are.
// Their _ids are progressId(kind, person, module[, n]), an HMAC that names nobody:
// - ModuleRead (person, module): the content was read (insert once).
// - QuizAttempt (person, module, n): attempt n (insert only; the key makes "attempt n"
//   happen once even when two requests race, so attempts cannot exceed what is allowed).
// - ExtraAttempt (person, module, n): the n-th extra attempt granted by the trainer.
// - Reflection (person, module): written by the trainee, reviewed by the trainer, both under
//   serialised() for that person and module. Its id reaches the trainer's browser.
import mongoose, { type InferSchemaType, type Types } from 'mongoose';
import { opaqueId } from '../privacy/opaqueId.ts';
import { registerPersonalData } from '../privacy/personalData.ts';

const ref = (name: string) => ({
  type: mongoose.Schema.Types.ObjectId,
  ref: name,
  required: true,
  index: true,
});

/** In-process key (maps, serialised()); never stored. */
export const progressKey = (personId: string, moduleId: string) => `${personId}:${moduleId}`;

export type ProgressKind = 'training-read' | 'quiz-attempt' | 'extra-attempt' | 'reflection';
/** A stored _id: deterministic (the unique _id decides races), yet naming nobody. */
export const progressId = (kind: ProgressKind, personId: string, moduleId: string, n?: number) =>
  n === undefined ? opaqueId(kind, personId, moduleId) : opaqueId(kind, personId, moduleId, n);

const readSchema = new mongoose.Schema(
  { _id: String, personId: ref('Person'), moduleId: ref('TrainingModule'), at: Date },
  { versionKey: false },
);
export const ModuleRead = mongoose.model('TrainingRead', readSchema, 'training_reads');

const attemptSchema = new mongoose.Schema(
  {
    _id: String,
    personId: ref('Person'),
    moduleId: ref('TrainingModule'),
    n: { type: Number, required: true },
    answers: { type: [{ _id: false, questionId: String, optionIds: [String] }], default: [] },
    score: { type: Number, required: true },
    passed: { type: Boolean, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
export type QuizAttemptDoc = InferSchemaType<typeof attemptSchema> & { _id: string };
export const QuizAttempt = mongoose.model(
  'TrainingQuizAttempt',
  attemptSchema,
  'training_quiz_attempts',
);

const extraAttemptSchema = new mongoose.Schema(
  {
    _id: String,
    personId: ref('Person'),
    moduleId: ref('TrainingModule'),
    byId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
export const ExtraAttempt = mongoose.model(
  'TrainingExtraAttempt',
  extraAttemptSchema,
  'training_extra_attempts',
);

export const REFLECTION_STATUSES = ['submitted', 'accepted', 'revise'] as const;

const reflectionSchema = new mongoose.Schema(
  {
    _id: String,
    personId: ref('Person'),
    moduleId: ref('TrainingModule'),
    text: { type: String, required: true },
    status: { type: String, enum: REFLECTION_STATUSES, required: true },
    submittedAt: { type: Date, required: true },
    /** The trainer's latest answer (kept when the trainee revises, as context). */
    feedback: { type: String, default: null },
    reviewerId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    reviewedAt: { type: Date, default: null },
  },
  { versionKey: false },
);
export type ReflectionDoc = InferSchemaType<typeof reflectionSchema> & {
  _id: string;
  personId: Types.ObjectId;
  moduleId: Types.ObjectId;
};
export const Reflection = mongoose.model(
  'TrainingReflection',
  reflectionSchema,
  'training_reflections',
);

const collections = { ModuleRead, QuizAttempt, ExtraAttempt, Reflection } as const;

registerPersonalData({
  name: 'trainingProgress',
  export: async (person) =>
    Object.fromEntries(
      await Promise.all(
        Object.entries(collections).map(async ([name, model]) => [
          name,
          await (model as typeof ModuleRead).find({ personId: person._id }).lean(),
        ]),
      ),
    ),
  erase: async (person) => {
    for (const model of Object.values(collections))
      await (model as typeof ModuleRead).deleteMany({ personId: person._id });
  },
});
