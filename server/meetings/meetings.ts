// Meetings for facilitators — cohort training, group supervision (työnohjaus) and peer meetings —
// are groups of another kind with their own members. Members hold a confirmed enrolment, so the
// session engine, live video, chat, calendar feeds and reminders serve them unchanged; a meeting
// is invitation-only and never in the catalogue, and nobody observes it hidden.
import { accessChanged } from '../access/changes.ts';
import type { z } from 'zod';
import type { SignedInActor } from '../access/actor.ts';
import { audit } from '../audit/audit.model.ts';
import { findEachById } from '../db/byIds.ts';
import { serialised } from '../db/claims.ts';
import { RequestError } from '../errors.ts';
import { activeKey, Enrolment, endedKey } from '../groups/enrolment.model.ts';
import { Group, type GroupDoc } from '../groups/group.model.ts';
import { closedGroupFields } from '../groups/closedGroup.ts';
import { Person, type PersonDoc } from '../people/person.model.ts';
import type { groupSchemas, MeetingKind } from '../protocol/groups.ts';
import { cancelPersonReminders, planReminders } from '../reminders/planning.ts';
import { syncSessions } from '../sessions/sync.ts';
import { recordEnrolment, recordStaff, rosterOf } from '../groups/memberships.ts';

type MeetingInput = z.output<typeof groupSchemas.meetingInput>;
type Translate = (key: string) => string;

const HOST_ROLES: Record<MeetingKind, readonly string[]> = {
  training: ['trainer'],
  supervision: ['trainer'],
  peer: ['facilitator', 'trainer'],
};

/** Who may create which meeting: coordinators any; trainers ones they host; facilitators peer ones they host. */
function mayCreate(actor: SignedInActor, input: MeetingInput): boolean {
  if (actor.roles.includes('coordinator')) return true;
  if (input.hostId !== actor.personId) return false;
  return actor.roles.includes('trainer') || input.kind === 'peer';
}

/** Members are facilitators (trainees included), each once, and not the host. */
async function checkMembers(memberIds: string[], hostId: string, t: Translate) {
  const unique = [...new Set(memberIds)];
  // By key, the role checked here (FerretDB reads every person for `$in` or `{ _id, roles }`).
  const found = (await findEachById<PersonDoc>(Person, unique, { roles: 1 }))
    .filter((p) => p.roles.includes('facilitator'))
    .map((p) => String(p._id));
  if (found.length !== unique.length || unique.includes(hostId))
    throw new RequestError('invalid', 400, { memberIds: t('meetings.membersMustBeFacilitators') });
  return unique;
}

async function checkHost(input: MeetingInput, actor: SignedInActor, t: Translate) {
  if (!mayCreate(actor, input)) throw new RequestError('forbidden', 403);
  const found = await Person.findById(input.hostId).lean();
  const host = found?.roles.some((role) => HOST_ROLES[input.kind].includes(role)) ? found : null;
  if (!host)
    throw new RequestError('invalid', 400, { hostId: t(`meetings.hostRole.${input.kind}`) });
  return host;
}

export async function createMeeting(
  input: MeetingInput,
  actor: SignedInActor,
  t: Translate,
  now: Date,
): Promise<GroupDoc> {
  const host = await checkHost(input, actor, t);
  const memberIds = await checkMembers(input.memberIds, input.hostId, t);
  const group = await Group.create({
    kind: input.kind,
    title: input.title,
    description: input.description ?? input.title,
    sessionLanguages: input.sessionLanguages,
    region: 'online-finland',
    joinWindowMinutes: 15,
    ...closedGroupFields({
      hostId: host._id,
      // The trainer of a meeting is its host, or for a peer meeting the host's own trainer.
      trainerId: host.roles.includes('trainer') ? host._id : (host.supervisorId ?? host._id),
      capacity: memberIds.length,
      schedule: input.schedule,
      rulesVersion: 'meeting',
    }),
  });
  await recordStaff(null, group.toObject());
  await setMembers(String(group._id), memberIds, now);
  await audit('meeting.created', actor.personId, String(group._id), {
    kind: input.kind,
    members: memberIds.length,
  });
  return syncSessions((await Group.findById(group._id).lean())!, now);
}

/** Makes the confirmed members exactly `memberIds`: new ones enrolled, others' places ended. */
export function setMembers(groupId: string, memberIds: string[], now: Date): Promise<void> {
  return serialised(`meeting:${groupId}`, async () => {
    const current = (await rosterOf(groupId)).active.filter((e) => e.status === 'confirmed');
    const keep = new Set(memberIds);
    for (const member of current) {
      const personId = String(member.personId);
      if (keep.delete(personId)) continue;
      const enrolment = await Enrolment.findById(member.enrolmentId).lean();
      if (!enrolment) continue;
      const ended = {
        status: 'removed' as const,
        activeKey: endedKey(groupId, personId, String(enrolment._id)),
      };
      await Enrolment.updateOne({ _id: enrolment._id }, ended);
      await recordEnrolment({ ...enrolment, ...ended });
      await cancelPersonReminders(personId, groupId);
      accessChanged({ personIds: [personId], reason: 'enrolment' });
    }
    const group = await Group.findById(groupId, { arrivalSeq: 1 }).lean();
    let arrival = group?.arrivalSeq ?? 0;
    for (const personId of keep) {
      arrival += 1;
      const enrolment = await Enrolment.create({
        groupId,
        personId,
        status: 'confirmed',
        arrival,
        rulesVersion: 'meeting',
        activeKey: activeKey(groupId, personId),
      });
      await recordEnrolment(enrolment.toObject());
      await planReminders(personId, groupId, now);
    }
    await Group.updateOne(
      { _id: groupId },
      { arrivalSeq: arrival, confirmedCount: memberIds.length, capacity: memberIds.length },
    );
  });
}

export async function changeMembers(
  group: GroupDoc,
  memberIds: string[],
  actor: SignedInActor,
  t: Translate,
  now: Date,
): Promise<void> {
  const members = await checkMembers(memberIds, String(group.leadFacilitatorId), t);
  await setMembers(String(group._id), members, now);
  await audit('meeting.membersChanged', actor.personId, String(group._id), {
    members: members.length,
  });
}
