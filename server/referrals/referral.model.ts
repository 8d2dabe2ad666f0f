// A partner's referral of a family: a link the partner gives the family. The partner later sees
// only the stages the family consented to share — never who signed up or anything about them.
import mongoose, { type InferSchemaType, type Types } from 'mongoose';
import { hashToken } from '../auth/tokens.ts';
import { addId } from '../db/idLists.ts';
import { op } from '../db/operators.ts';
import { REFERRAL_CONSENT_VERSION, REFERRAL_STAGES } from '../protocol/referrals.ts';
import { recordConsent } from '../privacy/consent.model.ts';

const referralSchema = new mongoose.Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    organisationId: {
      type: mongoose.Schema.Types.ObjectId,
      ref: 'Organisation',
      required: true,
      index: true,
    },
    /** The partner worker who holds the referral now (a successor after a hand-over). */
    createdBy: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    /** Earlier holders, oldest first: the hand-overs' history. */
    previousHolders: { type: [mongoose.Schema.Types.ObjectId], default: [] },
    /** The partner's own reference (a case number), never the family's name. */
    reference: { type: String, required: true },
    language: { type: String, required: true },
    target: {
      groupId: { type: mongoose.Schema.Types.ObjectId, ref: 'Group', default: null },
      language: { type: String, default: null },
      region: { type: String, default: null },
      topic: { type: String, default: null },
      /** A walk-alongside volunteer rather than a group (alongside/referralStages.ts). */
      alongside: { type: Boolean, default: false },
    },
    status: { type: String, enum: ['sent', 'signed-up'], default: 'sent' },
    familyId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null, index: true },
    openedAt: { type: Date, default: null },
    signedUpAt: { type: Date, default: null },
    /** The family's first session attended in a group the referral points to. */
    attendedAt: { type: Date, default: null },
    /** The family erased their account (a stage: no longer taking part). */
    familyGoneAt: { type: Date, default: null },
    consent: {
      state: {
        type: String,
        enum: ['pending', 'given', 'declined', 'withdrawn'],
        default: 'pending',
      },
      version: { type: String, default: null },
      stages: { type: [{ type: String, enum: REFERRAL_STAGES }], default: [] },
      at: { type: Date, default: null },
    },
    remindedAt: { type: Date, default: null },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: true, versionKey: false },
);

export type ReferralDoc = InferSchemaType<typeof referralSchema> & {
  _id: Types.ObjectId;
  createdAt: Date;
};
export const Referral = mongoose.model('Referral', referralSchema, 'referrals');

const open = (token: string) => ({
  tokenHash: hashToken(token),
  expiresAt: op({ $gt: new Date() }),
});

/** The referral behind a link that can still be used. */
export async function referralByToken(token: string) {
  return Referral.findOne(open(token)).lean();
}

/** linkReferral's look-up, changing nothing (a sign-up with an address that has an account). */
export async function referralIsOpen(token: string): Promise<boolean> {
  return (await Referral.countDocuments({ ...open(token), status: 'sent' })) > 0;
}

/** A family signed up (or signed in) through a referral link: the first one uses it. */
export async function linkReferral(
  token: string,
  familyId: string,
  /** The stages chosen on the referral page: the consent is the family's own sign-up's. */
  stages?: readonly string[],
): Promise<void> {
  const consent = stages?.length
    ? {
        consent: {
          state: 'given',
          version: REFERRAL_CONSENT_VERSION,
          stages: [...new Set(stages)],
          at: new Date(),
        },
      }
    : {};
  const linked = await Referral.findOneAndUpdate(
    { ...open(token), status: 'sent' },
    { status: 'signed-up', familyId, signedUpAt: new Date(), ...consent },
  );
  if (!linked) return;
  await addId('family-referrals', familyId, linked._id);
  if (stages?.length)
    await recordConsent(familyId, 'referral', REFERRAL_CONSENT_VERSION, String(linked._id));
}
