// A meeting a trainer hosted is contact with each facilitator who joins it (contactCard.ts).
import { Group } from '../groups/group.model.ts';
import { Person } from '../people/person.model.ts';
import { onJoin } from '../sessions/attendance.model.ts';
import { noteContact } from './contactCard.ts';

/** Meetings count when a trainer hosted them: the trainer's own kinds of meeting. */
export const TRAINER_MEETINGS = ['supervision', 'training'];

onJoin(async ({ groupId, personId, at }) => {
  const group = await Group.findById(groupId, { kind: 1, leadFacilitatorId: 1 }).lean();
  if (!group || !TRAINER_MEETINGS.includes(group.kind ?? '')) return;
  if (String(group.leadFacilitatorId) === personId) return;
  const host = await Person.findById(group.leadFacilitatorId, { roles: 1 }).lean();
  if (host?.roles.includes('trainer')) await noteContact(personId, at, 'meeting');
});
