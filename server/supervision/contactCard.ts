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
import { fileByContact, unfile } from './contactOrder.ts';

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
  let before = null as Date | null;
  const card = await rewrite<CardDoc>(
    ContactCard,
    _id,
    (current) => {
      before = current?.at ?? null;
      return current && current.at >= at ? current : { _id, personId: toId(personId), at, kind };
    },
    (doc) => doc.at >= at,
  );
  if (card.at.getTime() === at.getTime()) await fileByContact(personId, at, before);
}

/** A new facilitator (or one given the role again) joins the order of contacts. */
export async function fileFacilitator(personId: unknown): Promise<void> {
  const card = (await ContactCard.findById(contactKey(personId), { at: 1 }).lean()) as Pick<
    CardDoc,
    'at'
  > | null;
  await fileByContact(personId, card?.at ?? null);
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
    const card = (await ContactCard.findById(contactKey(person._id)).lean()) as CardDoc | null;
    await unfile(person._id, card?.at);
    await ContactCard.deleteOne({ _id: contactKey(person._id) });
  },
});
