// When a trainer was last in touch with each facilitator, for the coordinator who looks after
// volunteers: feedback on their reports, a reflection reviewed, their alert acknowledged, a
// certification signed off, a message from their supervising trainer in their supervision
// conversation, or a meeting a trainer hosted that they attended. The newest of these counts.
import { findByIds } from '../db/byIds.ts';
import type { Types } from 'mongoose';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { Person, type PersonDoc } from '../people/person.model.ts';
import { supervisionSchemas, type FacilitatorContact } from '../protocol/supervision.ts';
import { contactsOf, type Contact } from './contactCard.ts';
import './contactMeetings.ts';
import type { SupervisionContext } from './context.ts';

export type { Contact, ContactKind } from './contactCard.ts';
interface Facilitator {
  _id: Types.ObjectId;
  supervisorId?: Types.ObjectId | null;
}

/** The newest contact from a trainer per facilitator (none: no entry), one document each. */
export function lastContacts(people: Facilitator[]): Promise<Map<string, Contact>> {
  return contactsOf(people.map((p) => p._id));
}

export function contactRoutes(api: ApiRouter, { clock }: SupervisionContext): void {
  api.get(
    '/supervision/contact',
    { action: 'supervision.contact', query: supervisionSchemas.contactQuery },
    async ({ actor, query }): Promise<FacilitatorContact[]> => {
      signedIn(actor);
      const people = await Person.find(
        { roles: 'facilitator' },
        { displayName: 1, supervisorId: 1, pause: 1 },
      ).lean();
      const [contacts, supervisors] = await Promise.all([
        lastContacts(people),
        // Trainers are few: one by one from the primary key beats a scan of everyone.
        findByIds<PersonDoc>(
          Person,
          people.map((p) => p.supervisorId),
          { displayName: 1 },
        ),
      ]);
      const supervisorName = new Map(supervisors.map((s) => [String(s._id), s.displayName]));
      const since = clock.now().getTime() - query.weeks * 7 * 86_400_000;
      return people
        .map((p) => {
          const contact = contacts.get(String(p._id));
          const supervisorId = p.supervisorId ? String(p.supervisorId) : null;
          return {
            id: String(p._id),
            displayName: p.displayName,
            supervisorId,
            supervisorName: supervisorId ? (supervisorName.get(supervisorId) ?? null) : null,
            paused: !!p.pause?.since,
            lastContactAt: contact ? contact.at.toISOString() : null,
            lastContactKind: contact?.kind ?? null,
          };
        })
        .filter((c) => !c.lastContactAt || Date.parse(c.lastContactAt) < since)
        .sort(
          (a, b) =>
            (a.lastContactAt ?? '').localeCompare(b.lastContactAt ?? '') ||
            a.displayName.localeCompare(b.displayName),
        );
    },
  );
}
