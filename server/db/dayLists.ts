// Documents listed by the UTC day their id was made, newest first, read by key. FerretDB v1
// answers a sort or an `_id` range by reading the whole collection, so a collection that only
// grows (the audit log, people, a partner's referrals) is paged from keyed lists instead (idLists.ts): each document
// under its day, and the days that have any. A page reads the days' list, as many days as it
// needs, and then each document by `_id`.
import type { Types } from 'mongoose';
import { groupBy } from '../platform/groupBy.ts';
import { addId, addIds, idsIn, removeId, type ListKind } from './idLists.ts';

export interface DayLists {
  /** The list of one day's ids. */
  day: ListKind;
  /** The list of the days that have any. */
  days: ListKind;
}

/**
 * Whose lists (e.g. one organisation's referrals); none: the collection's. A scope keys its own
 * day lists and its own list of days.
 */
export type Scope = string | undefined;
const dayKey = (scope: Scope, day: string) => (scope ? `${scope}|${day}` : day);

/** The key of the list of days. */
export const DAYS = 'days';

/** The UTC day an id was made on (ids are made when their document is written). */
export const dayOf = (id: Types.ObjectId | string) =>
  new Date(parseInt(String(id).slice(0, 8), 16) * 1000).toISOString().slice(0, 10);

/** Lists one id under its day. */
export async function listByDay(
  lists: DayLists,
  id: Types.ObjectId | string,
  scope?: Scope,
): Promise<void> {
  const day = dayOf(id);
  await addId(lists.days, dayKey(scope, DAYS), day);
  await addId(lists.day, dayKey(scope, day), id);
}

/** Takes an id out of its day (its day stays listed: a page skips an empty day). */
export async function unlistByDay(
  lists: DayLists,
  id: Types.ObjectId | string,
  scope?: Scope,
): Promise<void> {
  await removeId(lists.day, dayKey(scope, dayOf(id)), id);
}

/** Lists ids at once, a day's list written once (a migration, a bulk write). */
export async function listManyByDay(
  lists: DayLists,
  ids: readonly (Types.ObjectId | string)[],
  report: (line: string) => void = () => undefined,
  scope?: Scope,
): Promise<void> {
  const byDay = groupBy(ids.map(String), dayOf);
  let done = 0;
  for (const [day, dayIds] of byDay) {
    await addIds(lists.day, dayKey(scope, day), dayIds);
    await addId(lists.days, dayKey(scope, DAYS), day);
    done += 1;
    if (done % 50 === 0) report(`${done} of ${byDay.size} days`);
  }
}

/**
 * A page, newest first, of what is listed before `before` (none: from the newest): `read` turns
 * a day's ids (newest first) into up to `need` items, until `size` items are found.
 */
export async function pageByDay<T>(
  lists: DayLists,
  before: string | undefined,
  size: number,
  read: (ids: string[], need: number) => Promise<T[]>,
  scope?: Scope,
): Promise<T[]> {
  const lastDay = before ? dayOf(before) : null;
  const days = (await idsIn(lists.days, dayKey(scope, DAYS)))
    .filter((day) => !lastDay || day <= lastDay)
    .sort()
    .reverse();
  const page: T[] = [];
  for (const day of days) {
    const ids = newestFirst(await idsIn(lists.day, dayKey(scope, day)), before);
    if (ids.length > 0) page.push(...(await read(ids, size - page.length)));
    if (page.length >= size) break;
  }
  return page.slice(0, size);
}

/** Ids newest first (hex ids of one length order as their ObjectIds: time first), only those older than `before` when given. */
export const newestFirst = (ids: readonly string[], before?: string) =>
  ids
    .filter((id) => !before || id < before)
    .sort()
    .reverse();
