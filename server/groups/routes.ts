// Groups: the catalogue, a group's page, my groups, and setting groups up.
import { accessChanged } from '../access/changes.ts';
import { findByIds } from '../db/byIds.ts';
import { idsIn } from '../db/idLists.ts';
import { createHash } from 'node:crypto';
import { Types } from 'mongoose';
import type { z } from 'zod';
import { isSignedIn, type Actor } from '../access/actor.ts';
import { may } from '../access/policy.ts';
import { audit } from '../audit/audit.model.ts';
import { notFound, RequestError } from '../errors.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { Person, type PersonDoc } from '../people/person.model.ts';
import {
  groupSchemas,
  type AllGroupsPage,
  type GroupDetail,
  type MyGroups,
} from '../protocol/groups.ts';
import { systemClock, type Clock } from '../reminders/runner.ts';
import { GroupSession } from '../sessions/groupSession.model.ts';
import { syncSessions } from '../sessions/sync.ts';
import { validCertification } from '../training/certification.model.ts';
import { catalogue, searchTextOf } from './catalogue.ts';
import { ACTIVE_ENROLMENT, fillFreedPlaces } from './enrolment.ts';
import { Enrolment, type EnrolmentDoc } from './enrolment.model.ts';
import { groupsOf, latestEnrolment, recordStaff } from './memberships.ts';
import { ALL, facilitatorIds, Group, type GroupDoc } from './group.model.ts';
import { helsinkiInstant, timeOfDay } from './schedule.ts';
import { groupTextsChanged } from '../reach/cache.ts';
import {
  comingSessions,
  groupRef,
  isStaffOf,
  markRemovals,
  scheduleOf,
  toCard,
  toEnrolmentInfos,
  upcomingByGroup,
} from './views.ts';

type GroupInput = z.output<typeof groupSchemas.groupInput>;

/**
 * Groups read per page of the coordinator's overview: a screenful to scan, and a read that stays
 * short however many groups the organisation has.
 */
export const ALL_GROUPS_PAGE = 50;

/** What families agree to: a change to any of it asks them to agree again. */
function rulesVersionOf(
  input: Pick<
    GroupInput,
    'observationAllowed' | 'requiresApproval' | 'capacity' | 'sessionLanguages'
  >,
): string {
  const basis = JSON.stringify([
    input.observationAllowed,
    input.requiresApproval,
    input.capacity,
    input.sessionLanguages,
  ]);
  return createHash('sha256').update(basis).digest('hex').slice(0, 12);
}

/** Whoever a staff change took something from is asked about again, live. */
function staffChanged(before: GroupDoc, after: GroupDoc): void {
  const now = new Set(facilitatorIds(after));
  const replaced = facilitatorIds(before).filter((id) => !now.has(id));
  accessChanged({ personIds: replaced, reason: 'facilitators' });
  if (String(before.trainerId) !== String(after.trainerId))
    accessChanged({ personIds: [String(before.trainerId)], reason: 'trainer' });
  else if (before.observationAllowed && !after.observationAllowed)
    accessChanged({ personIds: [String(after.trainerId)], reason: 'observation' });
}

export async function findGroup(id: string | undefined): Promise<GroupDoc> {
  const group = id && Types.ObjectId.isValid(id) ? await Group.findById(id).lean() : null;
  if (!group) throw notFound();
  return group;
}

/** The group if the actor may see it: public and published, or theirs. */
export async function visibleGroup(id: string | undefined, actor: Actor): Promise<GroupDoc> {
  const group = await findGroup(id);
  const open = group.visibility === 'public' && group.status !== 'draft';
  if (!open && !may(actor, 'group.read', await groupRef(group, actor))) throw notFound();
  return group;
}

/**
 * The group's staff exist in their roles. A newly chosen lead must hold a valid certification; a
 * trainee may co-facilitate beside a certified lead for practice. Nobody on a pause is assigned.
 */
async function checkStaff(
  input: GroupInput,
  t: (k: string) => string,
  now: Date,
  current?: GroupDoc,
): Promise<void> {
  const fields: Record<string, string> = {};
  const facilitator = async (id: string | null | undefined, field: string, mustLead: boolean) => {
    if (!id) return;
    // By key, the role checked here (`{ _id, roles }` would read every person on FerretDB).
    const found = await Person.findById(id, { pause: 1, roles: 1 }).lean();
    const person = found?.roles.includes('facilitator') ? found : null;
    const unchanged = current && String(current[field as 'leadFacilitatorId']) === id;
    if (!person) fields[field] = t('groups.notAFacilitator');
    else if (unchanged) return;
    else if (person.pause?.since) fields[field] = t('groups.facilitatorPaused');
    else if (mustLead && !(await validCertification(id, now)))
      fields[field] = t('groups.leadNotCertified');
  };
  await facilitator(input.leadFacilitatorId, 'leadFacilitatorId', true);
  await facilitator(input.coFacilitatorId, 'coFacilitatorId', false);
  if (input.coFacilitatorId && input.coFacilitatorId === input.leadFacilitatorId)
    fields.coFacilitatorId = t('groups.sameFacilitatorTwice');
  if ((await Person.exists({ _id: input.trainerId, roles: 'trainer' })) === null)
    fields.trainerId = t('people.notATrainer');
  if (Object.keys(fields).length) throw new RequestError('invalid', 400, fields);
}

export async function groupDetail(group: GroupDoc, actor: Actor, now: Date): Promise<GroupDetail> {
  const coming = comingSessions(group, now, isStaffOf(group, actor)).slice(0, 6);
  const upcoming = isSignedIn(actor) ? await markRemovals(coming, actor.personId, now) : coming;
  const ref = await groupRef(group, actor);
  const people = await findByIds<PersonDoc>(
    Person,
    [group.leadFacilitatorId, group.coFacilitatorId],
    { displayName: 1 },
  );
  const name = (id: unknown) => people.find((p) => String(p._id) === String(id))?.displayName ?? '';
  const mine = isSignedIn(actor) ? await latestEnrolment(group._id, actor.personId) : null;
  const [myEnrolment] = mine ? await toEnrolmentInfos([mine], new Map()) : [];
  const host = isSignedIn(actor) && ref.facilitatorIds.includes(actor.personId);
  return {
    ...toCard(group, upcoming),
    description: group.description.map((t) => ({ lang: t.lang ?? '', text: t.text ?? '' })),
    leadFacilitator: {
      id: String(group.leadFacilitatorId),
      displayName: name(group.leadFacilitatorId),
    },
    coFacilitator: group.coFacilitatorId
      ? { id: String(group.coFacilitatorId), displayName: name(group.coFacilitatorId) }
      : null,
    trainerId: String(group.trainerId),
    visibility: group.visibility as 'public' | 'invitation',
    requiresApproval: group.requiresApproval,
    joinWindowMinutes: group.joinWindowMinutes,
    autoAdmit: group.autoAdmit ?? true,
    schedule: scheduleOf(group),
    rulesVersion: group.rulesVersion,
    myEnrolment: myEnrolment ?? null,
    can: {
      manage: may(actor, 'group.manage', ref),
      edit: may(actor, 'group.update', ref),
      enrol: isSignedIn(actor) && actor.roles.includes('family') && !ref.enrolled,
      roster: may(actor, 'group.roster', ref),
      observe: may(actor, 'session.observe', {
        ...ref,
        observationAllowed: group.observationAllowed,
      }),
      join: host || myEnrolment?.status === 'confirmed',
      host,
    },
  };
}

export function groupRoutes(api: ApiRouter, clock: Clock = systemClock): void {
  api.get('/groups', { action: 'group.browse', query: groupSchemas.catalogue }, async ({ query }) =>
    catalogue(query, clock.now()),
  );

  api.get('/groups/mine', { action: 'group.mine' }, async ({ actor }): Promise<MyGroups> => {
    const me = signedIn(actor);
    const now = clock.now();
    // The person's own list of groups (memberships.ts): no enrolment or group is searched.
    const links = await groupsOf(me.personId);
    const enrolments = await findByIds<EnrolmentDoc>(
      Enrolment,
      links.enrolments.filter((e) => ACTIVE_ENROLMENT.includes(e.status)).map((e) => e.enrolmentId),
    );
    const enrolledGroups = await findByIds<GroupDoc>(
      Group,
      enrolments.map((e) => e.groupId),
    );
    const running = await findByIds<GroupDoc>(
      Group,
      links.staff.map((s) => s.groupId),
    );
    const all = [...enrolledGroups, ...running];
    const staff = (g: GroupDoc) => isStaffOf(g, me);
    const upcoming = upcomingByGroup(all, now, 3, staff);
    const infos = await toEnrolmentInfos(enrolments, new Map());
    const byId = new Map(all.map((g) => [String(g._id), g]));
    const confirmedOrRunning = new Set([
      ...enrolments.filter((e) => e.status === 'confirmed').map((e) => String(e.groupId)),
      ...running.map((g) => String(g._id)),
    ]);
    const sessions = [...confirmedOrRunning]
      .flatMap((groupId) => {
        const group = byId.get(groupId) as GroupDoc;
        return (upcoming.get(groupId) ?? [])
          .filter((s) => s.status !== 'cancelled')
          .map((s) => ({
            ...s,
            groupId,
            title: toCard(group, []).title,
            hosting: facilitatorIds(group).includes(me.personId),
          }));
      })
      .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
    return {
      enrolments: infos.flatMap((info) => {
        const group = byId.get(info.groupId);
        return group ? [{ ...info, group: toCard(group, upcoming.get(info.groupId) ?? []) }] : [];
      }),
      running: running.map((g) => toCard(g, upcoming.get(String(g._id)) ?? [])),
      upcoming: await markRemovals(sessions, me.personId, now),
    };
  });

  // Every family group, drafts and invitation-only ones included: the coordinator's overview.
  // (Facilitators' meetings are listed on /api/meetings.) Newest first, a page at a time, from the
  // list of family groups (idLists.ts, kept when a group is created): FerretDB uses no index but
  // `_id`, and reading every group grew with the organisation (853 ms for 1 000 groups).
  api.get(
    '/groups/all',
    { action: 'group.create', query: groupSchemas.allGroups },
    async ({ query }): Promise<AllGroupsPage> => {
      const listed = (await idsIn('family-groups', ALL)).reverse();
      const start = query.cursor ? listed.indexOf(query.cursor) + 1 : 0;
      if (start === 0 && query.cursor) return { groups: [], nextCursor: null };
      const ids = listed.slice(start, start + ALL_GROUPS_PAGE);
      const groups = await findByIds<GroupDoc>(
        Group,
        ids,
        undefined,
        (g) => (g.kind ?? 'family') === 'family',
      );
      groups.sort((a, b) => ids.indexOf(String(a._id)) - ids.indexOf(String(b._id)));
      const upcoming = upcomingByGroup(groups, clock.now(), 1);
      return {
        groups: groups.map((g) => toCard(g, upcoming.get(String(g._id)) ?? [])),
        nextCursor: start + ids.length < listed.length ? ids.at(-1)! : null,
      };
    },
  );

  api.get('/groups/:id', { action: 'group.browse' }, async ({ actor, params }) =>
    groupDetail(await visibleGroup(params.id, actor), actor, clock.now()),
  );

  api.post(
    '/groups',
    { action: 'group.create', body: groupSchemas.groupInput, status: 201 },
    async ({ actor, body, t }) => {
      await checkStaff(body, t, clock.now());
      const group = await Group.create({
        ...body,
        coFacilitatorId: body.coFacilitatorId ?? null,
        timeOfDay: timeOfDay(body.schedule.startTime),
        searchText: searchTextOf(body),
        rulesVersion: rulesVersionOf(body),
      });
      await recordStaff(null, group.toObject());
      const doc = await syncSessions(group.toObject() as GroupDoc, clock.now());
      await audit('group.created', signedIn(actor).personId, String(group._id));
      return groupDetail(doc, actor, clock.now());
    },
  );

  api.put(
    '/groups/:id',
    { action: 'group.update', body: groupSchemas.groupInput },
    async ({ actor, params, body, t }) => {
      const group = await findGroup(params.id);
      if (!may(actor, 'group.update', await groupRef(group, actor))) throw notFound();
      // Meetings for facilitators are set up through /api/meetings (other staff rules).
      if ((group.kind ?? 'family') !== 'family') throw notFound();
      const me = signedIn(actor);
      // A lead facilitator edits the texts; staff, schedule and places are the coordinator's.
      if (!me.roles.includes('coordinator')) {
        const same =
          JSON.stringify([
            body.leadFacilitatorId,
            body.coFacilitatorId ?? null,
            body.trainerId,
            body.capacity,
            body.schedule,
            body.observationAllowed,
          ]) ===
          JSON.stringify([
            String(group.leadFacilitatorId),
            group.coFacilitatorId ? String(group.coFacilitatorId) : null,
            String(group.trainerId),
            group.capacity,
            scheduleOf(group),
            group.observationAllowed,
          ]);
        if (!same) throw new RequestError('forbidden', 403);
      }
      await checkStaff(body, t, clock.now(), group);
      if (body.capacity < group.confirmedCount)
        throw new RequestError('invalid', 400, {
          capacity: t('groups.capacityBelowConfirmed', { count: group.confirmedCount }),
        });
      const updated = await Group.findByIdAndUpdate(
        group._id,
        {
          ...body,
          coFacilitatorId: body.coFacilitatorId ?? null,
          timeOfDay: timeOfDay(body.schedule.startTime),
          searchText: searchTextOf(body),
          rulesVersion: rulesVersionOf(body),
        },
        { new: true },
      ).lean();
      if (!updated) throw notFound();
      await groupTextsChanged(); // reach figures name the group, its languages, region, topics
      await recordStaff(group, updated);
      staffChanged(group, updated);
      await syncSessions(updated, clock.now());
      // A larger capacity admits families from the waitlist; open/full follows the places.
      await fillFreedPlaces(String(updated._id), clock.now());
      return groupDetail(await findGroup(String(updated._id)), actor, clock.now());
    },
  );

  api.post(
    '/groups/:id/schedule/changes',
    { action: 'group.manage', body: groupSchemas.scheduleChange },
    async ({ actor, params, body, t }) => {
      const group = await findGroup(params.id);
      if (!may(actor, 'group.manage', await groupRef(group, actor))) throw notFound();
      const session = await GroupSession.findOne({ groupId: group._id, key: body.date }).lean();
      if (!session) throw new RequestError('invalid', 400, { date: t('groups.noSessionOnDate') });
      if (body.action === 'move' && (!body.newDate || !body.newTime))
        throw new RequestError('invalid', 400, { newDate: t('field.required') });
      const newStart =
        body.action === 'move' ? helsinkiInstant(body.newDate ?? '', body.newTime ?? '') : null;
      if (newStart && newStart <= clock.now())
        throw new RequestError('invalid', 400, { newDate: t('groups.inThePast') });
      const exceptions = [
        ...(group.exceptions ?? []).filter((e) => e.date !== body.date),
        {
          date: body.date,
          kind: body.action === 'move' ? 'moved' : 'cancelled',
          newStart,
          reason: body.reason,
        },
      ];
      const updated = await Group.findByIdAndUpdate(
        group._id,
        { exceptions },
        { new: true },
      ).lean();
      if (!updated) throw notFound();
      return groupDetail(await syncSessions(updated, clock.now()), actor, clock.now());
    },
  );
}
