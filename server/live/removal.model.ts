// Someone a facilitator removed from a live session: they cannot rejoin that session.
// Kept with the reason (the person may export it) and deleted with their account.
import mongoose from 'mongoose';
import { op } from '../db/operators.ts';
import { registerPersonalData } from '../privacy/personalData.ts';
import { isDuplicateKey } from '../db/claims.ts';

const removalSchema = new mongoose.Schema(
  {
    /** "session:person": unique, so a removal is recorded once. */
    key: { type: String, required: true },
    sessionId: { type: mongoose.Schema.Types.ObjectId, ref: 'GroupSession', required: true },
    personId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    byId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    reason: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
removalSchema.index({ key: 1 }, { unique: true });
removalSchema.index({ personId: 1 });

export const LiveRemoval = mongoose.model('LiveRemoval', removalSchema, 'live_removals');

const removalKey = (sessionId: string, personId: string) => `${sessionId}:${personId}`;

export async function recordRemoval(
  sessionId: string,
  personId: string,
  byId: string,
  reason: string,
): Promise<void> {
  try {
    await LiveRemoval.create({
      key: removalKey(sessionId, personId),
      sessionId,
      personId,
      byId,
      reason,
      at: new Date(),
    });
  } catch (error) {
    // Removed twice (two facilitators at once): the first reason stands.
    if (!isDuplicateKey(error)) throw error;
  }
}

/** Of these sessions, those a facilitator removed this person from (they cannot rejoin them). */
export async function removedFrom(sessionIds: string[], personId: string): Promise<Set<string>> {
  if (sessionIds.length === 0) return new Set();
  const keys = sessionIds.map((sessionId) => removalKey(sessionId, personId));
  const found = await LiveRemoval.find({ key: op({ $in: keys }) }, { sessionId: 1 }).lean();
  return new Set(found.map((r) => String(r.sessionId)));
}

export async function wasRemoved(sessionId: string, personId: string): Promise<boolean> {
  return (await LiveRemoval.exists({ key: removalKey(sessionId, personId) })) !== null;
}

registerPersonalData({
  name: 'liveRemovals',
  export: (person) =>
    LiveRemoval.find({ personId: person._id }, { _id: 0, key: 0, personId: 0, byId: 0 }).lean(),
  erase: async (person) => {
    await LiveRemoval.deleteMany({ personId: person._id });
  },
});
