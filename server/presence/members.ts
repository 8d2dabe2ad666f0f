// Who shares a group, from the database: the people whose presence a group's watchers see, and
// the groups a person's changes go to. Facilitators and confirmed families are seen by every
// member; the trainer only by staff (facilitators and the trainer), never by families.
import { findByIds } from '../db/byIds.ts';
import { linkedGroupIds, rosterOf } from '../groups/memberships.ts';
import { facilitatorIds, type GroupDoc } from '../groups/group.model.ts';
import { Person, type PersonDoc } from '../people/person.model.ts';
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
  const families = (await rosterOf(group._id)).active
    .filter((e) => e.status === 'confirmed')
    .map((e) => String(e.personId));
  const trainer = String(group.trainerId);
  // Facilitators first; someone in two roles is listed once, in the first.
  const roles = new Map<string, Member['role']>();
  const add = (id: string, role: Member['role']) => roles.has(id) || roles.set(id, role);
  for (const id of facilitators) add(id, 'facilitator');
  if (forStaff) add(trainer, 'trainer');
  for (const id of families) add(id, 'family');
  const people = new Map(
    (await findByIds<PersonDoc>(Person, [...roles.keys()], { displayName: 1 })).map((p) => [
      String(p._id),
      p.displayName,
    ]),
  );
  return [...roles]
    .filter(([id]) => people.has(id))
    .map(([personId, role]) => ({ personId, role, name: people.get(personId) ?? '' }));
}

/**
 * The groups a person's presence goes to: `staffOnly` where they are only the trainer (their
 * changes reach the group's staff, never its families).
 */
export async function groupsOf(personId: string): Promise<{ id: string; staffOnly: boolean }[]> {
  // The person's own list (groups/memberships.ts): no group or enrolment is searched.
  const { lead, co, trainer, confirmed } = await linkedGroupIds(personId);
  const member = new Set([...lead, ...co, ...confirmed]);
  return [
    ...[...member].map((id) => ({ id, staffOnly: false })),
    ...trainer.filter((id) => !member.has(id)).map((id) => ({ id, staffOnly: true })),
  ];
}
