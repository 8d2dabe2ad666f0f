// Someone a facilitator removed from a live session: they cannot rejoin that session.
// Kept with the reason (the person may export it) and deleted with their account.
import mongoose from 'mongoose';
import { registerPersonalData } from '../privacy/personalData.ts';
import { isDuplicateKey } from '../db/claims.ts';
import { opaqueId } from '../privacy/opaqueId.ts';

const removalSchema = new mongoose.Schema(
  {
    /**
     * Of session and person (removalKey): a removal is recorded once, and every join and group
     * page finds it by key (on FerretDB only `_id` alone is looked up by index: ../db/explain.test.ts).
     */
    _id: { type: String, required: true },
    sessionId: { type: mongoose.Schema.Types.ObjectId, ref: 'GroupSession', required: true },
    personId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    byId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    reason: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
removalSchema.index({ personId: 1 });

export const LiveRemoval = mongoose.model('LiveRemoval', removalSchema, 'live_removals');

/** A removal's `_id`: opaque, so the person's id does not live on inside it (privacy/opaqueId). */
export const removalKey = (sessionId: string, personId: string) =>
  opaqueId('removal', sessionId, personId);

export async function recordRemoval(
  sessionId: string,
  personId: string,
  byId: string,
  reason: string,
): Promise<void> {
  try {
    await LiveRemoval.create({
      _id: removalKey(sessionId, personId),
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
  // One look-up by key each (a list of keys in one filter would read every removal).
  const found = await Promise.all(
    sessionIds.map(async (sessionId) =>
      (await wasRemoved(sessionId, personId)) ? sessionId : null,
    ),
  );
  return new Set(found.filter((id): id is string => id !== null));
}

export async function wasRemoved(sessionId: string, personId: string): Promise<boolean> {
  return (await LiveRemoval.exists({ _id: removalKey(sessionId, personId) })) !== null;
}

registerPersonalData({
  name: 'liveRemovals',
  export: (person) =>
    LiveRemoval.find({ personId: person._id }, { _id: 0, personId: 0, byId: 0 }).lean(),
  erase: async (person) => {
    await LiveRemoval.deleteMany({ personId: person._id });
  },
});
