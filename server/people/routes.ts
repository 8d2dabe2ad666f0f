// People (for coordinators, and trainers for the facilitators they supervise) and organisations.
import { Types } from 'mongoose';
import { may } from '../access/policy.ts';
import { audit } from '../audit/audit.model.ts';
import { addId, removeId } from '../db/idLists.ts';
import type { FeatureDeps } from '../deps.ts';
import { notFound, RequestError } from '../errors.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { apiSchemas, type Role } from '../protocol/api.ts';
import { Organisation, toOrganisationInfo } from './organisation.model.ts';
import { roleHolders } from './directory.ts';
import { coordinatorPeople, supervisedPeople } from './listing.ts';
import { Person, personRef, toSummary } from './person.model.ts';

async function findPerson(id: string | undefined) {
  if (!id || !Types.ObjectId.isValid(id)) return null;
  return Person.findById(id).lean();
}

export function peopleRoutes(api: ApiRouter, deps: FeatureDeps): void {
  api.get(
    '/people',
    { action: 'people.list', query: apiSchemas.listPeople },
    async ({ actor, query }) => {
      const me = signedIn(actor);
      const people = me.roles.includes('coordinator')
        ? await coordinatorPeople(query)
        : await supervisedPeople(me.personId, query);
      return people.map(toSummary);
    },
  );

  api.get('/people/:id', { action: 'people.read' }, async ({ actor, params }) => {
    const person = await findPerson(params.id);
    if (!person || !may(actor, 'people.read', personRef(person))) throw notFound();
    return toSummary(person);
  });

  api.put(
    '/people/:id/roles',
    { action: 'people.setRoles', body: apiSchemas.setRoles },
    async ({ actor, params, body, t }) => {
      const me = signedIn(actor);
      const person = await findPerson(params.id);
      if (!person) throw notFound();
      const roles = [...new Set(body.roles)] as Role[];
      // The last coordinator cannot remove their own role: someone must be able to administer.
      if (String(person._id) === me.personId && !roles.includes('coordinator')) {
        const others = (await roleHolders('coordinator', { roles: 1, displayName: 1 })).filter(
          (p) => String(p._id) !== me.personId,
        );
        if (others.length === 0) throw new RequestError('people.lastCoordinator', 409);
      }
      if (body.organisationId && !(await Organisation.exists({ _id: body.organisationId }))) {
        throw new RequestError('invalid', 400, { organisationId: t('field.invalid') });
      }
      if (body.supervisorId) {
        const supervisor = await findPerson(body.supervisorId);
        if (!supervisor || !supervisor.roles.includes('trainer'))
          throw new RequestError('invalid', 400, { supervisorId: t('people.notATrainer') });
      }
      const update: Record<string, unknown> = { roles };
      if (body.organisationId !== undefined) update.organisationId = body.organisationId;
      if (body.supervisorId !== undefined) update.supervisorId = body.supervisorId;
      const updated = await Person.findByIdAndUpdate(person._id, update, { new: true }).lean();
      if (!updated) throw notFound();
      if (String(person.supervisorId ?? '') !== String(updated.supervisorId ?? '')) {
        if (person.supervisorId) await removeId('supervisees', person.supervisorId, person._id);
        if (updated.supervisorId) await addId('supervisees', updated.supervisorId, person._id);
      }
      await audit('roles.changed', me.personId, String(person._id), {
        from: person.roles,
        to: roles,
      });
      // Live connections were authorised with the old roles: asked about again.
      deps.connections.dropPerson(String(person._id), 'roles');
      return toSummary(updated);
    },
  );

  api.get('/organisations', { action: 'organisation.list' }, async () => {
    const organisations = await Organisation.find().sort({ kind: 1, name: 1 }).lean();
    return organisations.map(toOrganisationInfo);
  });

  api.post(
    '/organisations',
    { action: 'organisation.create', body: apiSchemas.createOrganisation, status: 201 },
    async ({ actor, body, t }) => {
      if (body.parentId && !(await Organisation.exists({ _id: body.parentId }))) {
        throw new RequestError('invalid', 400, { parentId: t('field.invalid') });
      }
      const organisation = await Organisation.create({ ...body, parentId: body.parentId ?? null });
      await audit('organisation.created', signedIn(actor).personId, String(organisation._id), {
        kind: body.kind,
      });
      return toOrganisationInfo(organisation.toObject());
    },
  );
}
