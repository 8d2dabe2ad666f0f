// Who shares a group, from the database: the people whose presence a group's watchers see, and
// the groups a person's changes go to. Facilitators and confirmed families are seen by every
// member; the trainer only by staff (facilitators and the trainer), never by families.
import { op } from '../db/operators.ts';
import { Enrolment } from '../groups/enrolment.model.ts';
import { facilitatorIds, Group, type GroupDoc } from '../groups/group.model.ts';
import { Person } from '../people/person.model.ts';
import type { PresenceEntry } from '../protocol/chat.ts';

export interface Member {
  personId: string;
  name: string;
  role: PresenceEntry['role'];
}

/** True for the group's facilitators and its trainer: they see the trainer's presence too. */
export function isStaff(group: GroupDoc, personId: string): boolean {
  return facilitatorIds(group).includes(personId) || String(group.trainerId) === personId;
}

/** The group's members as a watcher may see them (the trainer only for staff watchers). */
export async function membersOf(group: GroupDoc, forStaff: boolean): Promise<Member[]> {
  const facilitators = facilitatorIds(group);
  const families = await Enrolment.find(
    { groupId: group._id, status: 'confirmed' },
    { personId: 1 },
  )
    .lean()
    .then((rows) => rows.map((row) => String(row.personId)));
  const trainer = String(group.trainerId);
  // Facilitators first; someone in two roles is listed once, in the first.
  const roles = new Map<string, Member['role']>();
  const add = (id: string, role: Member['role']) => roles.has(id) || roles.set(id, role);
  for (const id of facilitators) add(id, 'facilitator');
  if (forStaff) add(trainer, 'trainer');
  for (const id of families) add(id, 'family');
  const people = await Person.find({ _id: op({ $in: [...roles.keys()] }) }, { displayName: 1 })
    .lean()
    .then((rows) => new Map(rows.map((p) => [String(p._id), p.displayName])));
  return [...roles]
    .filter(([id]) => people.has(id))
    .map(([personId, role]) => ({ personId, role, name: people.get(personId) ?? '' }));
}

/**
 * The groups a person's presence goes to: `staffOnly` where they are only the trainer (their
 * changes reach the group's staff, never its families).
 */
export async function groupsOf(personId: string): Promise<{ id: string; staffOnly: boolean }[]> {
  const ids = (rows: { _id: unknown }[]) => rows.map((row) => String(row._id));
  // One query per indexed field: FerretDB scans the collection for an $or.
  const [lead, co, trained, enrolled] = await Promise.all([
    Group.find({ leadFacilitatorId: personId }, { _id: 1 }).lean().then(ids),
    Group.find({ coFacilitatorId: personId }, { _id: 1 }).lean().then(ids),
    Group.find({ trainerId: personId }, { _id: 1 }).lean().then(ids),
    Enrolment.find({ personId, status: 'confirmed' }, { groupId: 1 })
      .lean()
      .then((rows) => rows.map((row) => String(row.groupId))),
  ]);
  const member = new Set([...lead, ...co, ...enrolled]);
  return [
    ...[...member].map((id) => ({ id, staffOnly: false })),
    ...trained.filter((id) => !member.has(id)).map((id) => ({ id, staffOnly: true })),
  ];
}
