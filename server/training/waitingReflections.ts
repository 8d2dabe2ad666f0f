// Reflections waiting for a trainer's review, listed by key (db/idLists.ts) as they are submitted
// and taken out when reviewed: the reviewing page reads the waiting ones instead of every
// reflection ever written (FerretDB reads the whole collection for a status). Entries are checked
// on reading: one left behind by a race or an erasure is skipped.
import { findEachById } from '../db/byIds.ts';
import { addId, idsIn, removeId } from '../db/idLists.ts';
import { Reflection, type ReflectionDoc } from './progress.model.ts';

const WAITING = 'all';

export const listWaiting = (reflectionId: unknown) =>
  addId('reflections-waiting', WAITING, reflectionId);
export const unlistWaiting = (reflectionId: unknown) =>
  removeId('reflections-waiting', WAITING, reflectionId);

/** Waiting reflections, the longest waiting first; only those of `people` when given. */
export async function waitingReflections(people?: Set<string>): Promise<ReflectionDoc[]> {
  const listed = await findEachById<ReflectionDoc>(
    Reflection,
    await idsIn('reflections-waiting', WAITING),
  );
  return listed
    .filter((r) => r.status === 'submitted' && (!people || people.has(String(r.personId))))
    .sort((a, b) => Number(a.submittedAt) - Number(b.submittedAt))
    .slice(0, 500);
}
