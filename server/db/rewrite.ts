// A small document rewritten whole (a group's roster, a person's groups): one writer at a time in
// this process, and read back after writing — FerretDB applies an update as read, change, write,
// so a writer in another process can put back what it read first; whoever's change is missing
// then does it again. Each change must be idempotent (set an entry to a value), and `applied`
// must tell whether it is in a document.
import { isDeepStrictEqual } from 'node:util';
import type { Model } from 'mongoose';
import { isDuplicateKey, serialised } from './claims.ts';

const ATTEMPTS = 5;

export function rewrite<T extends { _id: unknown }>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any>,
  _id: unknown,
  change: (current: T | null) => T,
  applied: (doc: T) => boolean,
): Promise<T> {
  return serialised(`rewrite:${model.modelName}:${String(_id)}`, async () => {
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const current = (await model.findById(_id).lean()) as T | null;
      const next = change(current);
      // Nothing to change (an id already listed last, a day already listed): no write.
      if (current && isDeepStrictEqual(next, current) && applied(current)) return current;
      await replaceById(model, _id, next);
      const after = (await model.findById(_id).lean()) as T | null;
      if (after && applied(after)) return after;
    }
    throw new Error(
      `${model.modelName} ${String(_id)}: a change did not hold after ${ATTEMPTS} tries`,
    );
  });
}

/**
 * Replaces a document by `_id`, making it when missing. When two make it at once FerretDB refuses
 * the second insert (its upsert is not atomic): that one then replaces what the first made.
 */
export async function replaceById(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any>,
  _id: unknown,
  doc: unknown,
): Promise<void> {
  try {
    await model.replaceOne({ _id }, doc as object, { upsert: true });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await model.replaceOne({ _id }, doc as object);
  }
}
