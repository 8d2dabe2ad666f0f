// A module of the training programme: content in several languages (Markdown, stored as given
// and rendered safely by the client), an optional auto-graded quiz and an optional reflection.
import mongoose, { type FlattenMaps, type InferSchemaType, type Types } from 'mongoose';

const localized = [{ _id: false, lang: String, text: String }];

const questionSchema = new mongoose.Schema(
  {
    id: { type: String, required: true },
    prompt: { type: localized, required: true },
    options: {
      type: [{ _id: false, id: String, text: localized }],
      required: true,
    },
    /** The right options' ids: never sent to a trainee. */
    correct: { type: [String], required: true },
  },
  { _id: false },
);

const moduleSchema = new mongoose.Schema(
  {
    order: { type: Number, required: true },
    required: { type: Boolean, required: true },
    published: { type: Boolean, required: true },
    content: {
      type: [{ _id: false, lang: String, title: String, body: String }],
      required: true,
    },
    quiz: {
      type: new mongoose.Schema(
        {
          passMark: { type: Number, required: true },
          maxAttempts: { type: Number, required: true },
          questions: { type: [questionSchema], required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    /** What passing this module qualifies a certified facilitator for (e.g. 'walk-alongside'). */
    qualifies: { type: String, default: null },
    reflection: {
      type: new mongoose.Schema({ prompt: { type: localized, required: true } }, { _id: false }),
      default: null,
    },
  },
  { timestamps: true, versionKey: false },
);
moduleSchema.index({ order: 1 });

export type TrainingModuleDoc = FlattenMaps<InferSchemaType<typeof moduleSchema>> & {
  _id: Types.ObjectId;
  updatedAt: Date;
};
export type QuizDoc = NonNullable<TrainingModuleDoc['quiz']>;
export const TrainingModule = mongoose.model('TrainingModule', moduleSchema, 'training_modules');
