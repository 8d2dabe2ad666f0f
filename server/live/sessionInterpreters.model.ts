// Interpreters invited for one session only: someone with an account who is not in the group
// (a professional, a volunteer from elsewhere) may join that session and interprets into their
// language. One document per session, its _id the session's, so the join reads it by _id.
import mongoose, { type FlattenMaps, type InferSchemaType, type Types } from 'mongoose';

const sessionInterpretersSchema = new mongoose.Schema(
  {
    _id: { type: mongoose.Schema.Types.ObjectId, ref: 'GroupSession' },
    interpreters: [
      {
        _id: false,
        /** Null once they have erased their account. */
        personId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
        language: { type: String, required: true },
        invitedBy: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
        invitedAt: { type: Date, required: true },
      },
    ],
  },
  { timestamps: true, versionKey: false },
);

export type SessionInterpretersDoc = FlattenMaps<
  InferSchemaType<typeof sessionInterpretersSchema>
> & { _id: Types.ObjectId };
export const SessionInterpreters = mongoose.model(
  'SessionInterpreters',
  sessionInterpretersSchema,
  'session_interpreters',
);

/** The language someone was invited to interpret into for this session, if they were. */
export async function invitedInterpreter(
  sessionId: unknown,
  personId: string,
): Promise<string | null> {
  const doc = await SessionInterpreters.findById(sessionId, { interpreters: 1 }).lean();
  return doc?.interpreters.find((i) => String(i.personId) === personId)?.language ?? null;
}
