// A coordinator's invitation for a facilitator, trainer, coordinator or partner worker.
import mongoose, { type InferSchemaType, type Types } from 'mongoose';
import { INVITED_ROLES } from '../protocol/api.ts';

const invitationSchema = new mongoose.Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    email: { type: String, required: true, lowercase: true, index: true },
    roles: { type: [{ type: String, enum: INVITED_ROLES }], required: true },
    organisationId: { type: mongoose.Schema.Types.ObjectId, ref: 'Organisation', required: true },
    invitedBy: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    language: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    acceptedAt: { type: Date, default: null },
    revokedAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false },
);

export type InvitationDoc = InferSchemaType<typeof invitationSchema> & { _id: Types.ObjectId };
export const Invitation = mongoose.model('Invitation', invitationSchema, 'invitations');
