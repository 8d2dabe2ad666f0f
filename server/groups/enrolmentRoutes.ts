// Enrolling, cancelling, and a facilitator's view of enrolments and the waitlist.
import { findByIds } from '../db/byIds.ts';
import { Types } from 'mongoose';
import { may } from '../access/policy.ts';
import { notFound } from '../errors.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { Person, type PersonDoc } from '../people/person.model.ts';
import { recordConsent } from '../privacy/consent.model.ts';
import { groupSchemas } from '../protocol/groups.ts';
import { systemClock, type Clock } from '../reminders/runner.ts';
import { ACTIVE_ENROLMENT, approve, endEnrolment, enrol } from './enrolment.ts';
import { Enrolment } from './enrolment.model.ts';
import { latestEnrolment, rosterOf } from './memberships.ts';
import { findGroup, visibleGroup } from './routes.ts';
import { groupRef, toEnrolmentInfos } from './views.ts';

async function namesOf(personIds: unknown[]): Promise<Map<string, string>> {
  const people = await findByIds<PersonDoc>(Person, personIds, { displayName: 1 });
  return new Map(people.map((p) => [String(p._id), p.displayName]));
}

export function enrolmentRoutes(api: ApiRouter, clock: Clock = systemClock): void {
  api.post(
    '/groups/:id/enrolments',
    { action: 'group.enrol', body: groupSchemas.enrol, status: 201 },
    async ({ actor, params, body }) => {
      const me = signedIn(actor);
      const group = await visibleGroup(params.id, actor);
      const enrolment = await enrol(group, me.personId, body.acceptRules, clock.now());
      await recordConsent(me.personId, 'group-rules', body.acceptRules, String(group._id));
      const [info] = await toEnrolmentInfos([enrolment], await namesOf([me.personId]));
      return info;
    },
  );

  api.delete('/groups/:id/enrolments/me', { action: 'group.mine' }, async ({ actor, params }) => {
    const me = signedIn(actor);
    const group = await findGroup(params.id);
    const enrolment = await latestEnrolment(group._id, me.personId);
    if (!enrolment || !ACTIVE_ENROLMENT.includes(enrolment.status)) throw notFound();
    await endEnrolment(enrolment, 'cancelled', null, clock.now());
  });

  api.get('/groups/:id/enrolments', { action: 'group.roster' }, async ({ actor, params }) => {
    const group = await findGroup(params.id);
    if (!may(actor, 'group.roster', await groupRef(group, actor))) throw notFound();
    // The roster holds what the list shows: no enrolment is searched for.
    const roster = await rosterOf(group._id);
    const enrolments = [...roster.active, ...roster.ended]
      .sort((a, b) => a.arrival - b.arrival)
      .map((e) => ({ ...e, _id: e.enrolmentId, groupId: group._id }));
    return toEnrolmentInfos(enrolments, await namesOf(enrolments.map((e) => e.personId)));
  });

  const managed = async (
    groupId: string | undefined,
    enrolmentId: string | undefined,
    actor: Parameters<typeof groupRef>[1],
  ) => {
    const group = await findGroup(groupId);
    if (!may(actor, 'group.manage', await groupRef(group, actor))) throw notFound();
    const enrolment =
      enrolmentId && Types.ObjectId.isValid(enrolmentId)
        ? await Enrolment.findById(enrolmentId).lean()
        : null;
    if (!enrolment || String(enrolment.groupId) !== String(group._id)) throw notFound();
    return { group, enrolment };
  };

  api.post(
    '/groups/:id/enrolments/:enrolmentId/approve',
    { action: 'group.manage' },
    async ({ actor, params }) => {
      const { group, enrolment } = await managed(params.id, params.enrolmentId, actor);
      const approved = await approve(group, enrolment, clock.now());
      return (await toEnrolmentInfos([approved], await namesOf([approved.personId])))[0];
    },
  );

  api.post(
    '/groups/:id/enrolments/:enrolmentId/remove',
    { action: 'group.manage', body: groupSchemas.removeEnrolment },
    async ({ actor, params, body }) => {
      const { enrolment } = await managed(params.id, params.enrolmentId, actor);
      await endEnrolment(enrolment, 'removed', body.reason, clock.now());
    },
  );
}
