// Documents by a list of ids. FerretDB v1 answers `_id: { $in: [...] }` with a full scan of the
// collection (~1 s for a few thousand people on this machine) but an `_id` equality from its
// primary key (~4 ms), so a short list is fetched id by id; a long one is one `$in` query. Any
// further condition is checked here: `{ _id, roles: 'trainer' }` would make FerretDB scan too.
import { isValidObjectId, type Model } from 'mongoose';
import { op } from './operators.ts';

/** Above this many ids one scan is cheaper than that many look-ups. */
const ONE_BY_ONE_LIMIT = 100;

export async function findByIds<T>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any>,
  ids: readonly unknown[],
  projection?: Record<string, 0 | 1>,
  /** A further condition each document must meet (e.g. a role; in the projection). */
  keep: (doc: T) => boolean = () => true,
): Promise<T[]> {
  const wanted = [...new Set(ids.filter((id) => id != null).map(String))].filter((id) =>
    isValidObjectId(id),
  );
  if (wanted.length === 0) return [];
  if (wanted.length > ONE_BY_ONE_LIMIT)
    return ((await model.find({ _id: op({ $in: wanted }) }, projection).lean()) as T[]).filter(
      keep,
    );
  const found = await Promise.all(wanted.map((_id) => model.findById(_id, projection).lean()));
  return (found.filter((doc) => doc !== null) as T[]).filter(keep);
}

/**
 * Documents by id, each read by its key however many there are (in batches), in the order of
 * `ids`, missing ones left out. For lists whose length does not grow with the data (a page, a
 * role's members), where a `$in` would read the whole collection.
 */
export async function findEachById<T>(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any>,
  ids: readonly string[],
  projection?: Record<string, 0 | 1>,
): Promise<T[]> {
  // Keys that are not ObjectIds (opaque strings) are read as they are.
  const byObjectId = model.schema.path('_id')?.instance === 'ObjectId';
  const found: T[] = [];
  for (let start = 0; start < ids.length; start += ONE_BY_ONE_LIMIT) {
    const batch = ids
      .slice(start, start + ONE_BY_ONE_LIMIT)
      .filter((id) => !byObjectId || isValidObjectId(id));
    const docs = await Promise.all(batch.map((_id) => model.findById(_id, projection).lean()));
    found.push(...(docs.filter((doc) => doc !== null) as T[]));
  }
  return found;
}
