// The coordinator's "without contact" view (contact.ts) pages through facilitators, longest
// without contact first. FerretDB answers a range or a sort by reading the whole collection, so
// the order is kept as keyed lists (db/idLists.ts): the facilitators whose last contact fell in
// each Helsinki week ('0000-00': never), and the weeks that have anyone. A page reads the weeks'
// list and as many weeks as it needs, by key. Entries are checked on reading (the person's card
// and role): one left behind by a race between processes or a change of role is skipped.
import { DateTime } from 'luxon';
import { addId, idsIn, removeId } from '../db/idLists.ts';
import { ZONE } from '../groups/schedule.ts';

export const NEVER = '0000-00';
/** The key of the list of weeks that have anyone. */
export const WEEKS = 'weeks';

export const weekOf = (at: Date | null | undefined) =>
  at ? DateTime.fromJSDate(at, { zone: ZONE }).toFormat('kkkk-WW') : NEVER;

/** Files a facilitator under the week of their last contact (`at`), out of `before`'s week. */
export async function fileByContact(
  personId: unknown,
  at: Date | null | undefined,
  before?: Date | null,
): Promise<void> {
  const week = weekOf(at);
  if (before !== undefined && weekOf(before) === week) return;
  await addId('contact-weeks', WEEKS, week);
  await addId('contact-week', week, personId);
  if (before !== undefined) await removeId('contact-week', weekOf(before), personId);
}

/** Takes a person out of the order (erasure): from their contact's week and from "never". */
export async function unfile(personId: unknown, at: Date | null | undefined): Promise<void> {
  await removeId('contact-week', weekOf(at), personId);
  if (at) await removeId('contact-week', NEVER, personId);
}

export interface OrderPosition {
  week: string;
  offset: number;
}
export interface Filed {
  personId: string;
  week: string;
}

/**
 * Up to `size` people filed from `from` on, in weeks up to `lastWeek` (included), and where the
 * next page starts (null: nothing after them).
 */
export async function filedFrom(
  from: OrderPosition | null,
  lastWeek: string,
  size: number,
): Promise<{ filed: Filed[]; next: OrderPosition | null }> {
  const weeks = (await idsIn('contact-weeks', WEEKS))
    .filter((w) => w <= lastWeek && (!from || w >= from.week))
    .sort();
  const filed: Filed[] = [];
  for (const week of weeks) {
    const ids = await idsIn('contact-week', week);
    const start = from && from.week === week ? from.offset : 0;
    const taken = ids.slice(start, start + size - filed.length);
    filed.push(...taken.map((personId) => ({ personId, week })));
    if (filed.length === size) {
      const offset = start + taken.length;
      const more = offset < ids.length || weeks.indexOf(week) < weeks.length - 1;
      return { filed, next: more ? { week, offset } : null };
    }
  }
  return { filed, next: null };
}
