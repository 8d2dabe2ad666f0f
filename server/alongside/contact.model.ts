// A volunteer's logged contact with the family they walk alongside: volunteer time. The note is
// for the supervising trainer only (never the family's, never in a report).
import mongoose, { type InferSchemaType, type Types } from 'mongoose';
import { addId } from '../db/idLists.ts';
import { CONTACT_KINDS } from '../protocol/alongside.ts';

const contactSchema = new mongoose.Schema(
  {
    pairingId: { type: mongoose.Schema.Types.ObjectId, ref: 'AlongsidePairing', required: true },
    volunteerId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    /** Helsinki calendar date of the contact, and its instant at noon that day (for periods). */
    date: { type: String, required: true },
    at: { type: Date, required: true },
    minutes: { type: Number, required: true },
    kind: { type: String, enum: CONTACT_KINDS, required: true },
    note: { type: String, default: '' },
  },
  { timestamps: true, versionKey: false },
);

contactSchema.post('save', async (doc) => {
  await addId('pairing-contacts', doc.pairingId, doc._id);
});

export type ContactLogDoc = InferSchemaType<typeof contactSchema> & { _id: Types.ObjectId };
export const ContactLog = mongoose.model('AlongsideContact', contactSchema, 'alongside_contacts');
