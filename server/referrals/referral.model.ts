// A partner's referral of a family: a link the partner gives the family (with the family's
// consent). The partner later sees only its status — never who signed up or anything about them.
import mongoose, { type InferSchemaType, type Types } from 'mongoose';
import { hashToken } from '../auth/tokens.ts';
import { op } from '../db/operators.ts';
import type { ReferralStatus } from '../protocol/api.ts';

const referralSchema = new mongoose.Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    organisationId: {
      type: mongoose.Schema.Types.ObjectId,
      ref: 'Organisation',
      required: true,
      index: true,
    },
    createdBy: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    /** The partner's own reference (a case number), never the family's name. */
    reference: { type: String, required: true },
    language: { type: String, required: true },
    status: { type: String, enum: ['sent', 'signed-up'], default: 'sent' },
    familyId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null, index: true },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: true, versionKey: false },
);

export type ReferralDoc = InferSchemaType<typeof referralSchema> & { _id: Types.ObjectId };
export const Referral = mongoose.model('Referral', referralSchema, 'referrals');
export type { ReferralStatus };

/** A family signed up through a referral link: the first sign-up uses it. */
/** linkReferral's look-up, changing nothing (a sign-up with an address that has an account). */
export async function referralIsOpen(token: string): Promise<boolean> {
  const filter = {
    tokenHash: hashToken(token),
    status: 'sent',
    expiresAt: op({ $gt: new Date() }),
  };
  return (await Referral.countDocuments(filter)) > 0;
}

export async function linkReferral(token: string, familyId: string): Promise<void> {
  await Referral.updateOne(
    { tokenHash: hashToken(token), status: 'sent', expiresAt: op({ $gt: new Date() }) },
    { status: 'signed-up', familyId },
  );
}
