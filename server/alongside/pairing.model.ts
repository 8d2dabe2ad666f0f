// A volunteer walking alongside one family. The pair talk in a direct conversation and meet by
// video in a closed group of kind 'alongside' (made when they first plan a meeting). The family
// can end it at any time; the volunteer's access ends with it.
import mongoose, { type InferSchemaType, type Types } from 'mongoose';
import { addId } from '../db/idLists.ts';

const pairingSchema = new mongoose.Schema(
  {
    /** Null once the family erased their account (the request went with them). */
    requestId: { type: mongoose.Schema.Types.ObjectId, ref: 'AlongsideRequest', default: null },
    familyId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    volunteerId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    pairedById: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    conversationId: {
      type: mongoose.Schema.Types.ObjectId,
      ref: 'ChatConversation',
      default: null,
    },
    groupId: { type: mongoose.Schema.Types.ObjectId, ref: 'Group', default: null },
    status: { type: String, enum: ['active', 'ended'], default: 'active' },
    startedAt: { type: Date, required: true },
    endedAt: { type: Date, default: null },
    endedBy: { type: String, enum: ['family', 'volunteer', 'coordinator', null], default: null },
    /** The newest logged contact's time (kept by the log). */
    lastContactAt: { type: Date, default: null },
    /** A quiet pairing raised to the trainer: when, so it is raised once per quiet spell. */
    quietRaisedAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false },
);

pairingSchema.post('save', async (doc) => {
  await addId('alongside-of', doc.familyId, doc._id);
  await addId('alongside-of', doc.volunteerId, doc._id);
  await addId('alongside-pairings', 'all', doc._id);
});

export type PairingDoc = InferSchemaType<typeof pairingSchema> & { _id: Types.ObjectId };
export const Pairing = mongoose.model('AlongsidePairing', pairingSchema, 'alongside_pairings');
