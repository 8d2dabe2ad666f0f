// Partner organisations and their named contact persons, kept by coordinators; a partner worker
// sees their own organisation. A contact person leaving hands everything over to a successor.
import { Types } from 'mongoose';
import { accessChanged } from '../access/changes.ts';
import { audit } from '../audit/audit.model.ts';
import type { FeatureDeps } from '../deps.ts';
import { notFound, RequestError } from '../errors.ts';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { Organisation } from '../people/organisation.model.ts';
import { Person } from '../people/person.model.ts';
import { groupSchemas } from '../protocol/groups.ts';
import { partnerSchemas, type HandoverInfo } from '../protocol/partners.ts';
import { Contact } from './contact.model.ts';
import './personalData.ts';
import { findPartnerOrganisation, partnerOrganisations, toPartnerInfo } from './organisations.ts';
import { regionReach } from './reach.ts';
import { handOver } from './succession.ts';

/** A partner worker of this organisation (the only people who can be its contact persons). */
async function partnerWorker(personId: string, organisationId: string) {
  if (!Types.ObjectId.isValid(personId)) return null;
  const person = await Person.findById(personId, { roles: 1, organisationId: 1 }).lean();
  return person?.roles.includes('partner') && String(person.organisationId) === organisationId
    ? person
    : null;
}

async function ensureContact(organisationId: string, personId: string) {
  if (await Contact.exists({ organisationId, personId, leftAt: null })) return;
  await Contact.create({ organisationId, personId, since: new Date() });
}

export function partnerRoutes(api: ApiRouter, deps: FeatureDeps): void {
  api.get('/partners', { action: 'partner.list' }, async ({ actor }) => {
    const me = signedIn(actor);
    if (me.roles.includes('coordinator')) return toPartnerInfo(await partnerOrganisations());
    if (!me.organisationId) return [];
    return toPartnerInfo(await partnerOrganisations({ _id: me.organisationId }));
  });

  api.get(
    '/partners/reach',
    { action: 'partner.reach', query: groupSchemas.reachPeriod },
    async ({ actor, query, t }) => {
      const me = signedIn(actor);
      const org = me.organisationId ? await findPartnerOrganisation(me.organisationId) : null;
      if (!org?.region) throw new RequestError('partners.noRegion', 409);
      if (query.from > query.to)
        throw new RequestError('invalid', 400, { to: t('groups.periodReversed') });
      if (Date.parse(query.to) - Date.parse(query.from) > 3 * 366 * 86_400_000)
        throw new RequestError('invalid', 400, { to: t('groups.periodTooLong') });
      return regionReach(org.region, query.from, query.to);
    },
  );

  api.post(
    '/partners',
    { action: 'partner.manage', body: partnerSchemas.registerPartner, status: 201 },
    async ({ actor, body }) => {
      const org = await Organisation.create({ ...body, kind: 'partner' });
      await audit('organisation.created', signedIn(actor).personId, String(org._id), {
        kind: 'partner',
        partnerKind: body.partnerKind,
      });
      const [info] = await toPartnerInfo([org.toObject()]);
      return info;
    },
  );

  api.post(
    '/partners/:id/contacts',
    { action: 'partner.manage', body: partnerSchemas.addContact },
    async ({ actor, params, body, t }) => {
      const org = await findPartnerOrganisation(params.id);
      if (!org) throw notFound();
      if (!(await partnerWorker(body.personId, String(org._id))))
        throw new RequestError('invalid', 400, { personId: t('partners.notPartnerWorker') });
      await ensureContact(String(org._id), body.personId);
      await audit('partner.contactNamed', signedIn(actor).personId, body.personId, {
        organisationId: String(org._id),
      });
      const [info] = await toPartnerInfo([org]);
      return info;
    },
  );

  api.post(
    '/partners/:id/contacts/:personId/leave',
    { action: 'partner.manage', body: partnerSchemas.contactLeaves },
    async ({ actor, params, body, t }): Promise<HandoverInfo> => {
      const org = await findPartnerOrganisation(params.id);
      const fromId = params.personId ?? '';
      if (!org || !Types.ObjectId.isValid(fromId)) throw notFound();
      const organisationId = String(org._id);
      const contact = await Contact.findOne({ organisationId, personId: fromId, leftAt: null });
      if (!contact) throw notFound();
      if (body.successorId === fromId || !(await partnerWorker(body.successorId, organisationId)))
        throw new RequestError('invalid', 400, { successorId: t('partners.notPartnerWorker') });
      await ensureContact(organisationId, body.successorId);
      const passed = await handOver(organisationId, fromId, body.successorId);
      await Contact.updateOne(
        { _id: contact._id },
        { leftAt: new Date(), successorId: body.successorId },
      );
      // They left the organisation: their partner access ends with it.
      const leaving = await Person.findById(fromId, { roles: 1, organisationId: 1 }).lean();
      if (leaving && String(leaving.organisationId) === organisationId) {
        await Person.updateOne(
          { _id: fromId },
          { roles: leaving.roles.filter((r) => r !== 'partner'), organisationId: null },
        );
        accessChanged({ reason: 'roles', personIds: [fromId] });
        deps.connections.dropPerson(fromId, 'roles');
      }
      await audit('partner.contactLeft', signedIn(actor).personId, fromId, {
        organisationId,
        successorId: body.successorId,
        ...passed,
      });
      return { organisationId, fromId, toId: body.successorId, passed };
    },
  );
}
