// Display names by person id, for lists that name people (missing people: no entry).
import { findByIds } from '../db/byIds.ts';
import { Person, type PersonDoc } from './person.model.ts';

export async function namesOf(ids: readonly unknown[]): Promise<Map<string, string>> {
  const people = await findByIds<PersonDoc>(Person, ids, { displayName: 1 });
  return new Map(people.map((p) => [String(p._id), p.displayName]));
}
