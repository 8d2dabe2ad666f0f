// Meetings for facilitators: list mine, set one up, change who takes part. Their sessions,
// schedule changes, live video and chat go through the groups' own routes.
import { findByIds } from '../db/byIds.ts';
import type { Actor } from '../access/actor.ts';
import { may } from '../access/policy.ts';
import { op } from '../db/operators.ts';
import { notFound } from '../errors.ts';
import { linkedGroupIds, rosterOf } from '../groups/memberships.ts';
import { Group, type GroupDoc } from '../groups/group.model.ts';
import { findGroup } from '../groups/routes.ts';
import { groupRef, isStaffOf, upcomingByGroup } from '../groups/views.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { roleHolders } from '../people/directory.ts';
import { Person, type PersonDoc } from '../people/person.model.ts';
import {
  groupSchemas,
  MEETING_KINDS,
  type MeetingInfo,
  type MeetingKind,
} from '../protocol/groups.ts';
import { systemClock, type Clock } from '../reminders/runner.ts';
import { changeMembers, createMeeting } from './meetings.ts';

const texts = (list: { lang?: string | null; text?: string | null }[]) =>
  list.map((t) => ({ lang: t.lang ?? '', text: t.text ?? '' }));

async function toInfos(groups: GroupDoc[], actor: Actor, now: Date): Promise<MeetingInfo[]> {
  const enrolments = (
    await Promise.all(
      groups.map(async (g) =>
        (await rosterOf(g._id)).active
          .filter((e) => e.status === 'confirmed')
          .map((e) => ({ groupId: g._id, personId: e.personId })),
      ),
    )
  ).flat();
  const personIds = [
    ...enrolments.map((e) => e.personId),
    ...groups.map((g) => g.leadFacilitatorId),
  ];
  const names = new Map(
    (await findByIds<PersonDoc>(Person, personIds, { displayName: 1 })).map((p) => [
      String(p._id),
      p.displayName,
    ]),
  );
  const upcoming = upcomingByGroup(groups, now, 6, (g) => isStaffOf(g, actor));
  return Promise.all(
    groups.map(async (g) => {
      const hostId = String(g.leadFacilitatorId);
      return {
        id: String(g._id),
        kind: g.kind as MeetingKind,
        title: texts(g.title),
        description: texts(g.description),
        host: { id: hostId, displayName: names.get(hostId) ?? '' },
        members: enrolments
          .filter((e) => String(e.groupId) === String(g._id))
          .map((e) => ({
            id: String(e.personId),
            displayName: names.get(String(e.personId)) ?? '',
          }))
          .sort((a, b) => a.displayName.localeCompare(b.displayName)),
        sessionLanguages: g.sessionLanguages,
        nextSessions: upcoming.get(String(g._id)) ?? [],
        canManage: may(actor, 'meeting.manage', await groupRef(g, actor)),
      };
    }),
  );
}

/** A meeting the actor may manage; anything else is "not found". */
async function managedMeeting(id: string | undefined, actor: Actor): Promise<GroupDoc> {
  const group = await findGroup(id);
  const meeting = (MEETING_KINDS as readonly string[]).includes(group.kind ?? 'family');
  if (!meeting || !may(actor, 'meeting.manage', await groupRef(group, actor))) throw notFound();
  return group;
}

export function meetingRoutes(api: ApiRouter, clock: Clock = systemClock): void {
  api.get('/meetings', { action: 'meeting.list' }, async ({ actor }) => {
    const me = signedIn(actor);
    const current = (g: GroupDoc) =>
      (MEETING_KINDS as readonly string[]).includes(g.kind ?? 'family') && g.status !== 'ended';
    // A coordinator sees them all; anyone else their own, from their list of groups.
    let groups: GroupDoc[];
    if (me.roles.includes('coordinator')) {
      groups = await Group.find({
        kind: op({ $in: [...MEETING_KINDS] }),
        status: op({ $ne: 'ended' }),
      })
        .sort({ _id: -1 })
        .limit(200)
        .lean();
    } else {
      const { lead, trainer, confirmed } = await linkedGroupIds(me.personId);
      groups = (await findByIds<GroupDoc>(Group, [...lead, ...trainer, ...confirmed]))
        .filter(current)
        .sort((a, b) => String(b._id).localeCompare(String(a._id)));
    }
    return toInfos(groups, actor, clock.now());
  });

  // Facilitators set up peer meetings too, but may not list people: they get colleagues' names only.
  api.get('/meetings/colleagues', { action: 'meeting.create' }, async ({ actor }) => {
    const me = signedIn(actor).personId;
    // Read by key from the role's list (people/directory.ts), each checked for the role.
    const people = await roleHolders('facilitator', { displayName: 1, roles: 1 });
    return people
      .filter((p) => String(p._id) !== me)
      .map((p) => ({ id: String(p._id), displayName: p.displayName }));
  });

  api.post(
    '/meetings',
    { action: 'meeting.create', body: groupSchemas.meetingInput, status: 201 },
    async ({ actor, body, t }) => {
      const group = await createMeeting(body, signedIn(actor), t, clock.now());
      const [info] = await toInfos([group], actor, clock.now());
      return info!;
    },
  );

  api.put(
    '/meetings/:id/members',
    { action: 'meeting.manage', body: groupSchemas.meetingMembers },
    async ({ actor, params, body, t }) => {
      const group = await managedMeeting(params.id, actor);
      await changeMembers(group, body.memberIds, signedIn(actor), t, clock.now());
      const [info] = await toInfos([await findGroup(String(group._id))], actor, clock.now());
      return info!;
    },
  );
}
