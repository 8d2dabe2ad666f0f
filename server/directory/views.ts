// Entries as the client sees them: their organisation's and contact person's names, and whether
// they may be out of date (by the app's clock, so tests can move a year on).
import type { SignedInActor } from '../access/actor.ts';
import { may } from '../access/policy.ts';
import { findByIds } from '../db/byIds.ts';
import { Organisation, type OrganisationDoc } from '../people/organisation.model.ts';
import { Person, type PersonDoc } from '../people/person.model.ts';
import {
  CONFIRM_EVERY_DAYS,
  type DirectoryEntryInfo,
  type ServiceNeed,
  type SharedEntryCard,
} from '../protocol/directory.ts';
import type { Region } from '../protocol/groups.ts';
import type { EntryDoc } from './entry.model.ts';

const DAY_MS = 86_400_000;

export function isOutdated(entry: Pick<EntryDoc, 'confirmedAt'>, now: Date): boolean {
  return now.getTime() - entry.confirmedAt.getTime() > CONFIRM_EVERY_DAYS * DAY_MS;
}

export async function toEntryInfos(
  entries: EntryDoc[],
  actor: SignedInActor,
  now: Date,
): Promise<DirectoryEntryInfo[]> {
  const [orgs, people] = await Promise.all([
    findByIds<OrganisationDoc>(
      Organisation,
      entries.map((e) => e.organisationId),
      { name: 1 },
    ),
    findByIds<PersonDoc>(
      Person,
      entries.map((e) => e.contactPersonId),
      { displayName: 1 },
    ),
  ]);
  const orgNames = new Map(orgs.map((o) => [String(o._id), o.name]));
  const names = new Map(people.map((p) => [String(p._id), p.displayName]));
  return entries.map((e) => {
    const organisationId = String(e.organisationId);
    const contactId = e.contactPersonId ? String(e.contactPersonId) : null;
    const contactName = contactId ? names.get(contactId) : undefined;
    return {
      id: String(e._id),
      organisationId,
      organisationName: orgNames.get(organisationId) ?? '',
      name: e.name,
      summary: e.summary.map((s) => ({ lang: s.lang ?? '', text: s.text ?? '' })),
      need: e.need as ServiceNeed,
      region: e.region as Region,
      languages: e.languages,
      phone: e.phone,
      email: e.email,
      url: e.url,
      address: e.address,
      openingHours: e.openingHours,
      contactPerson: contactId && contactName ? { id: contactId, displayName: contactName } : null,
      confirmedAt: e.confirmedAt.toISOString(),
      updatedAt: e.updatedAt.toISOString(),
      possiblyOutdated: isOutdated(e, now),
      editable: may(actor, 'directory.manage', { organisationId }),
    };
  });
}

/** What a chat card shows: the details as they are now, kept with the message. */
export function toCard(info: DirectoryEntryInfo): SharedEntryCard {
  return {
    entryId: info.id,
    name: info.name,
    organisationName: info.organisationName,
    need: info.need,
    region: info.region,
    languages: info.languages,
    phone: info.phone,
    email: info.email,
    url: info.url,
    address: info.address,
    openingHours: info.openingHours,
    contactName: info.contactPerson?.displayName ?? '',
  };
}

/** The card as plain text, for where cards are not drawn (previews, exports, old clients). */
export function cardText(card: SharedEntryCard): string {
  const contact = [card.phone, card.email, card.url].filter(Boolean).join(' · ');
  return [card.name, card.organisationName, contact].filter(Boolean).join(' — ');
}
