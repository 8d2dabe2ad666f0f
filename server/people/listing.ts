// The people a coordinator (everyone) or a trainer (their supervisees) lists, read by key where
// FerretDB would read every person (directory.ts): a role but family from its members' list,
// everyone or families newest first a page at a time from the day lists. A name search is the
// one read of the whole collection: asked for by hand, at most 500 answers.
import { findEachById } from '../db/byIds.ts';
import { pageByDay } from '../db/dayLists.ts';
import { idsIn } from '../db/idLists.ts';
import { PEOPLE_PAGE, type ApiRequest, type Role } from '../protocol/api.ts';
import { isListedRole, PEOPLE_DAYS, roleHolders } from './directory.ts';
import { Person, type PersonDoc } from './person.model.ts';

type Query = ApiRequest<'listPeople'>;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const byName = (a: PersonDoc, b: PersonDoc) => a.displayName.localeCompare(b.displayName);
const hasRole = (role: Role | undefined) => (p: PersonDoc) => !role || p.roles.includes(role);

export async function coordinatorPeople(query: Query): Promise<PersonDoc[]> {
  const q = query.q?.trim();
  if (q) {
    const filter: Record<string, unknown> = { displayName: new RegExp(escapeRegex(q), 'i') };
    if (query.role) filter.roles = query.role;
    return Person.find(filter).sort({ displayName: 1 }).limit(500).lean<PersonDoc[]>();
  }
  const role = query.role;
  if (role && isListedRole(role)) return roleHolders(role);
  return pageByDay(PEOPLE_DAYS, query.before, PEOPLE_PAGE, (ids, need) =>
    readUntil(ids, need, hasRole(role)),
  );
}

/** A trainer's supervisees (any role they hold), by name. */
export async function supervisedPeople(trainerId: string, query: Query): Promise<PersonDoc[]> {
  const q = query.q?.trim().toLocaleLowerCase();
  const people = await findEachById<PersonDoc>(Person, await idsIn('supervisees', trainerId));
  return people
    .filter((p) => String(p.supervisorId) === trainerId)
    .filter(hasRole(query.role))
    .filter((p) => !q || p.displayName.toLocaleLowerCase().includes(q))
    .sort(byName);
}

/** Reads ids in order, a page's worth at a time, until `need` people pass `keep`. */
async function readUntil(
  ids: string[],
  need: number,
  keep: (p: PersonDoc) => boolean,
): Promise<PersonDoc[]> {
  const found: PersonDoc[] = [];
  for (let start = 0; start < ids.length && found.length < need; start += PEOPLE_PAGE) {
    const people = await findEachById<PersonDoc>(Person, ids.slice(start, start + PEOPLE_PAGE));
    found.push(...people.filter(keep));
  }
  return found.slice(0, need);
}
