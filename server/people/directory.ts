// Who is listed where, kept by every new person and every change of roles (person.model.ts's
// hooks), so that the coordinator's people page reads by key (FerretDB v1 reads the whole
// collection for a role, a sort or a range): everyone by the day they joined (newest first, a
// page at a time), and the members of each role but family — staff and volunteers, whose number
// follows the organisation's size, not its years or its families. A new facilitator also joins
// the order of last contacts (supervision/contactCard.ts).
import type { Types } from 'mongoose';
import { listByDay, listManyByDay, unlistByDay, type DayLists } from '../db/dayLists.ts';
import { addId, addIds, idsIn, removeId } from '../db/idLists.ts';
import { findEachById } from '../db/byIds.ts';
import { ROLES, type Role } from '../protocol/api.ts';
import { fileFacilitator } from '../supervision/contactCard.ts';
import { Person, type PersonDoc } from './person.model.ts';

export const PEOPLE_DAYS: DayLists = { day: 'people-day', days: 'people-days' };

/** Roles whose members are listed: every role but family. */
export const LISTED_ROLES = ROLES.filter((role) => role !== 'family');
export const isListedRole = (role: string): role is Exclude<Role, 'family'> =>
  (LISTED_ROLES as readonly string[]).includes(role);

type Id = Types.ObjectId | string;

export async function rolesChanged(
  personId: Id,
  before: readonly string[],
  after: readonly string[],
): Promise<void> {
  for (const role of LISTED_ROLES) {
    if (after.includes(role) && !before.includes(role)) await addId('role-members', role, personId);
    if (before.includes(role) && !after.includes(role))
      await removeId('role-members', role, personId);
  }
  if (after.includes('facilitator') && !before.includes('facilitator'))
    await fileFacilitator(personId);
}

export async function personJoined(personId: Id, roles: readonly string[]): Promise<void> {
  await listByDay(PEOPLE_DAYS, personId);
  await rolesChanged(personId, [], roles);
}

/** People written in bulk (a seed, an import, a migration): each list written once. */
export async function peopleJoined(
  people: readonly { _id: Id; roles?: readonly string[] | null }[],
  report?: (line: string) => void,
): Promise<void> {
  await listManyByDay(
    PEOPLE_DAYS,
    people.map((p) => p._id),
    report,
  );
  for (const role of LISTED_ROLES) {
    const members = people.filter((p) => p.roles?.includes(role)).map((p) => p._id);
    if (members.length > 0) await addIds('role-members', role, members);
  }
  for (const person of people)
    if (person.roles?.includes('facilitator')) await fileFacilitator(person._id);
}

/** An erased person leaves every list. */
export async function personLeft(personId: Id, roles: readonly string[]): Promise<void> {
  await unlistByDay(PEOPLE_DAYS, personId);
  for (const role of LISTED_ROLES)
    if (roles.includes(role)) await removeId('role-members', role, personId);
}

/**
 * Those who hold a role now, by name: its members' list read by key, each person checked (a race
 * may leave one behind). With a projection, it must include `roles` and `displayName`.
 */
export async function roleHolders(
  role: Exclude<Role, 'family'>,
  projection?: Record<string, 1>,
): Promise<PersonDoc[]> {
  const people = await findEachById<PersonDoc>(
    Person,
    await idsIn('role-members', role),
    projection,
  );
  return people
    .filter((p) => p.roles.includes(role))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}
