// A family's request for a walk-alongside volunteer, in their own words and language. Made by the
// family's own account (or after a partner's consented referral, which it then names).
import mongoose, { type InferSchemaType, type Types } from 'mongoose';
import { addId } from '../db/idLists.ts';

const requestSchema = new mongoose.Schema(
  {
    familyId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    help: { type: String, required: true },
    helpLang: { type: String, required: true },
    languages: { type: [String], default: [] },
    region: { type: String, default: null },
    /** The partner referral the family came through, and that partner organisation (the report). */
    referralId: { type: mongoose.Schema.Types.ObjectId, ref: 'Referral', default: null },
    organisationId: { type: mongoose.Schema.Types.ObjectId, ref: 'Organisation', default: null },
    status: { type: String, enum: ['waiting', 'paired', 'withdrawn'], default: 'waiting' },
    pairingId: { type: mongoose.Schema.Types.ObjectId, ref: 'AlongsidePairing', default: null },
  },
  { timestamps: true, versionKey: false },
);

requestSchema.post('save', async (doc) => {
  await addId('alongside-requests', 'all', doc._id);
  await addId('alongside-of', doc.familyId, doc._id);
});

export type AlongsideRequestDoc = InferSchemaType<typeof requestSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const AlongsideRequest = mongoose.model(
  'AlongsideRequest',
  requestSchema,
  'alongside_requests',
);
