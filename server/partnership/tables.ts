// Setting up a partnership table and choosing who sits at it. A table is a group of kind
// 'partnership' hosted by a coordinator; its members (coordinators and partner contact persons)
// hold a confirmed enrolment, so sessions, live video, chat, reminders and calendar feeds serve
// it exactly as they serve facilitators' meetings.
import type { z } from 'zod';
import type { SignedInActor } from '../access/actor.ts';
import { audit } from '../audit/audit.model.ts';
import { findByIds } from '../db/byIds.ts';
import { RequestError } from '../errors.ts';
import { ALL, Group, type GroupDoc } from '../groups/group.model.ts';
import { recordStaff } from '../groups/memberships.ts';
import { addId } from '../db/idLists.ts';
import { closedGroupFields } from '../groups/closedGroup.ts';
import { setMembers } from '../meetings/meetings.ts';
import { Person, type PersonDoc } from '../people/person.model.ts';
import type { tableSchemas } from '../protocol/partnership.ts';
import { syncSessions } from '../sessions/sync.ts';

type TableInput = z.output<typeof tableSchemas.tableInput>;
type Translate = (key: string) => string;

/** Members are coordinators or partner workers of an organisation, each once, not the host. */
export async function checkTableMembers(memberIds: string[], hostId: string, t: Translate) {
  const unique = [...new Set(memberIds)];
  const people = await findByIds<PersonDoc>(Person, unique, { roles: 1, organisationId: 1 });
  const fits = people.filter(
    (p) => p.roles.includes('coordinator') || (p.roles.includes('partner') && p.organisationId),
  );
  if (fits.length !== unique.length || unique.includes(hostId))
    throw new RequestError('invalid', 400, { memberIds: t('table.membersMustBePartners') });
  return unique;
}

export async function createTable(
  input: TableInput,
  actor: SignedInActor,
  t: Translate,
  now: Date,
): Promise<GroupDoc> {
  const hostId = actor.personId;
  const memberIds = await checkTableMembers(input.memberIds, hostId, t);
  const group = await Group.create({
    kind: 'partnership',
    title: input.title,
    description: input.description ?? input.title,
    sessionLanguages: input.sessionLanguages,
    region: 'online-finland',
    joinWindowMinutes: 15,
    ...closedGroupFields({
      hostId,
      // The engine needs a trainer; a table has none, so the host stands in (as for interviews).
      trainerId: hostId,
      capacity: memberIds.length,
      schedule: input.schedule,
      rulesVersion: 'partnership',
    }),
  });
  await recordStaff(null, group.toObject());
  // Listed by key: the coordinator's list never searches every group there is.
  await addId('partnership-tables', ALL, group._id);
  await setMembers(String(group._id), memberIds, now);
  await audit('table.created', hostId, String(group._id), { members: memberIds.length });
  return syncSessions((await Group.findById(group._id).lean())!, now);
}

export async function changeTableMembers(
  group: GroupDoc,
  memberIds: string[],
  actor: SignedInActor,
  t: Translate,
  now: Date,
): Promise<void> {
  const members = await checkTableMembers(memberIds, String(group.leadFacilitatorId), t);
  await setMembers(String(group._id), members, now);
  await audit('table.membersChanged', actor.personId, String(group._id), {
    members: members.length,
  });
}
