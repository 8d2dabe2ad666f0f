// When a trainer was last in touch with each facilitator (supervision/contact.ts), one document
// per facilitator kept by the write that is such a contact — feedback on a report, a reflection
// reviewed, an alert acknowledged, a certification, a supervising trainer's message, a trainer's
// meeting attended — so the coordinator's and the trainer's views read one document per person
// instead of searching every report, review, alert and attendance row (FerretDB would read them
// all). The newest contact is kept; an older one noted later changes nothing.
import mongoose, { type Types } from 'mongoose';
import { rewrite } from '../db/rewrite.ts';
import { opaqueId } from '../privacy/opaqueId.ts';
import { registerPersonalData } from '../privacy/personalData.ts';

export type ContactKind = 'feedback' | 'review' | 'alert' | 'certification' | 'message' | 'meeting';
export interface Contact {
  at: Date;
  kind: ContactKind;
}

const cardSchema = new mongoose.Schema(
  {
    /** An HMAC of the person's id (privacy/opaqueId.ts). */
    _id: String,
    personId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    at: { type: Date, required: true },
    kind: { type: String, required: true },
  },
  { versionKey: false },
);
export const ContactCard = mongoose.model('ContactCard', cardSchema, 'contact_cards');

interface CardDoc {
  _id: string;
  personId: unknown;
  at: Date;
  kind: ContactKind;
}

export const contactKey = (personId: unknown) => opaqueId('last-contact', String(personId));

export async function noteContact(
  personId: unknown,
  at: Date | null | undefined,
  kind: ContactKind,
): Promise<void> {
  if (!personId || !at) return;
  const _id = contactKey(personId);
  await rewrite<CardDoc>(
    ContactCard,
    _id,
    (current) =>
      current && current.at >= at ? current : { _id, personId: toId(personId), at, kind },
    (doc) => doc.at >= at,
  );
}

const toId = (id: unknown) =>
  id instanceof mongoose.Types.ObjectId ? id : new mongoose.Types.ObjectId(String(id));

/** The newest contact per person, read by key (none: no entry). */
export async function contactsOf(ids: readonly (string | Types.ObjectId)[]) {
  const cards = await Promise.all(
    ids.map((id) => ContactCard.findById(contactKey(id)).lean() as Promise<CardDoc | null>),
  );
  return new Map(
    cards.flatMap((c) =>
      c ? [[String(c.personId), { at: c.at, kind: c.kind } as Contact] as const] : [],
    ),
  );
}

registerPersonalData({
  name: 'lastTrainerContact',
  export: (person) => ContactCard.findById(contactKey(person._id), { _id: 0, personId: 0 }).lean(),
  erase: async (person) => {
    await ContactCard.deleteOne({ _id: contactKey(person._id) });
  },
});
