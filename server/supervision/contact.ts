// When a trainer was last in touch with each facilitator, for the coordinator who looks after
// volunteers: feedback on their reports, a reflection reviewed, their alert acknowledged, a
// certification signed off, a message from their supervising trainer in their supervision
// conversation, or a meeting a trainer hosted that they attended. The newest of these counts.
import { findByIds } from '../db/byIds.ts';
import type { Types } from 'mongoose';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { Person, type PersonDoc } from '../people/person.model.ts';
import { supervisionSchemas, type FacilitatorContactPage } from '../protocol/supervision.ts';
import { contactsOf, type Contact } from './contactCard.ts';
import { filedFrom, weekOf, type OrderPosition } from './contactOrder.ts';
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

/** Facilitators read per page: a page reads this many people and cards, by key. */
export const CONTACT_PAGE = 50;

const positionOf = (cursor: string | undefined): OrderPosition | null => {
  if (!cursor) return null;
  const [week, offset] = cursor.split(':');
  return { week: week!, offset: Number(offset) };
};

export function contactRoutes(api: ApiRouter, { clock }: SupervisionContext): void {
  api.get(
    '/supervision/contact',
    { action: 'supervision.contact', query: supervisionSchemas.contactQuery },
    async ({ actor, query }): Promise<FacilitatorContactPage> => {
      signedIn(actor);
      const since = new Date(clock.now().getTime() - query.weeks * 7 * 86_400_000);
      const { filed, next } = await filedFrom(
        positionOf(query.cursor),
        weekOf(since),
        CONTACT_PAGE,
      );
      const [people, contacts] = await Promise.all([
        findByIds<PersonDoc>(
          Person,
          filed.map((f) => f.personId),
          { displayName: 1, supervisorId: 1, pause: 1, roles: 1 },
          (p) => p.roles.includes('facilitator'),
        ),
        contactsOf(filed.map((f) => f.personId)),
      ]);
      // An entry counts where the person's card is still in that week (and before `since`).
      const weekOfPerson = new Map(filed.map((f) => [f.personId, f.week]));
      const listed = people.filter((p) => {
        const at = contacts.get(String(p._id))?.at ?? null;
        return weekOf(at) === weekOfPerson.get(String(p._id)) && (!at || at < since);
      });
      // Trainers are few: one by one from the primary key beats a scan of everyone.
      const supervisors = await findByIds<PersonDoc>(
        Person,
        listed.map((p) => p.supervisorId),
        { displayName: 1 },
      );
      const supervisorName = new Map(supervisors.map((s) => [String(s._id), s.displayName]));
      const volunteers = listed
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
        .sort(
          (a, b) =>
            (a.lastContactAt ?? '').localeCompare(b.lastContactAt ?? '') ||
            a.displayName.localeCompare(b.displayName),
        );
      return { volunteers, nextCursor: next ? `${next.week}:${next.offset}` : null };
    },
  );
}
