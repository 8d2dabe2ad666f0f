// Reading partner organisations with their contact persons, and the "no active contact" flag.
import { Types } from 'mongoose';
import { findByIds } from '../db/byIds.ts';
import { op } from '../db/operators.ts';
import { Organisation, type OrganisationDoc } from '../people/organisation.model.ts';
import { Person, type PersonDoc } from '../people/person.model.ts';
import type { Region } from '../protocol/groups.ts';
import type { PartnerKind, PartnerOrganisationInfo } from '../protocol/partners.ts';
import { Contact } from './contact.model.ts';

export async function partnerOrganisations(filter: Record<string, unknown> = {}) {
  return Organisation.find({ ...filter, kind: 'partner' })
    .sort({ name: 1 })
    .limit(1000)
    .lean();
}

export async function toPartnerInfo(orgs: OrganisationDoc[]): Promise<PartnerOrganisationInfo[]> {
  const orgIds = orgs.map((o) => o._id);
  const contacts = orgIds.length
    ? await Contact.find({ organisationId: op({ $in: orgIds }) })
        .sort({ since: 1 })
        .lean()
    : [];
  const found = await findByIds<PersonDoc>(
    Person,
    contacts.map((c) => c.personId),
    { displayName: 1, email: 1, roles: 1, organisationId: 1 },
  );
  const people = new Map(found.map((p) => [String(p._id), p]));
  return orgs.map((org) => {
    const own = contacts.filter((c) => String(c.organisationId) === String(org._id));
    // Active means still named and still a partner worker of this organisation (a role taken
    // away elsewhere or an erased account leaves the organisation without a contact).
    const active = own.filter((c) => {
      const person = people.get(String(c.personId));
      return (
        !c.leftAt &&
        person?.roles.includes('partner') &&
        String(person.organisationId) === String(org._id)
      );
    });
    return {
      id: String(org._id),
      name: org.name,
      partnerKind: (org.partnerKind ?? 'other') as PartnerKind,
      region: (org.region ?? 'online-finland') as Region,
      languagesServed: org.languagesServed ?? [],
      contacts: own.map((c) => ({
        personId: String(c.personId),
        displayName: people.get(String(c.personId))?.displayName ?? '',
        email: people.get(String(c.personId))?.email ?? '',
        since: c.since.toISOString(),
        leftAt: c.leftAt ? c.leftAt.toISOString() : null,
        successorId: c.successorId ? String(c.successorId) : null,
      })),
      needsContact: active.length === 0,
    };
  });
}

export async function findPartnerOrganisation(id: string | undefined) {
  if (!id || !Types.ObjectId.isValid(id)) return null;
  return Organisation.findOne({ _id: id, kind: 'partner' }).lean();
}
