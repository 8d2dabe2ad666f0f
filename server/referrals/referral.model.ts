// A partner's referral of a family: a link the partner gives the family. The partner later sees
// only the stages the family consented to share — never who signed up or anything about them.
import mongoose, { type InferSchemaType, type Types } from 'mongoose';
import { hashToken } from '../auth/tokens.ts';
import { claimOnce } from '../db/claims.ts';
import { groupBy } from '../platform/groupBy.ts';
import { listByDay, listManyByDay, type DayLists } from '../db/dayLists.ts';
import { addId, idsIn, setIds } from '../db/idLists.ts';
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
// Each referral is listed under its organisation by the day it was made, and its link's token
// hash leads to it (db/idLists.ts): a partner's pages and a family opening a link read by key
// (FerretDB reads every referral for an organisation or a token hash).
export const REFERRAL_DAYS: DayLists = { day: 'referrals-day', days: 'referrals-days' };
referralSchema.pre('save', function () {
  this.$locals.wasNew = this.isNew;
});
referralSchema.post('save', async (doc) => {
  if (!doc.$locals.wasNew) return;
  await listReferral(doc);
});
referralSchema.post('insertMany', (docs: ListedReferral[]) => listReferralsInBulk(docs));

interface ListedReferral {
  _id: Types.ObjectId;
  organisationId: unknown;
  tokenHash: string;
}

/** Referrals written in bulk (a bench, an import, a migration): each day's list written once. */
export async function listReferralsInBulk(
  docs: readonly ListedReferral[],
  report?: (line: string) => void,
): Promise<void> {
  for (const doc of docs) await setIds('referral-token', doc.tokenHash, [doc._id]);
  const byOrganisation = groupBy(docs, (doc) => String(doc.organisationId));
  for (const [organisationId, listed] of byOrganisation)
    await listManyByDay(
      REFERRAL_DAYS,
      listed.map((doc) => doc._id),
      report,
      organisationId,
    );
}

async function listReferral(doc: ListedReferral): Promise<void> {
  await addId('referral-token', doc.tokenHash, doc._id);
  await listByDay(REFERRAL_DAYS, doc._id, String(doc.organisationId));
}

export const Referral = mongoose.model('Referral', referralSchema, 'referrals');

/** The referral behind a link that can still be used. */
export async function referralByToken(token: string) {
  const tokenHash = hashToken(token);
  const [id] = await idsIn('referral-token', tokenHash);
  const referral = id ? await Referral.findById(id).lean() : null;
  return referral && referral.tokenHash === tokenHash && referral.expiresAt > new Date()
    ? referral
    : null;
}

/** linkReferral's look-up, changing nothing (a sign-up with an address that has an account). */
export async function referralIsOpen(token: string): Promise<boolean> {
  return (await referralByToken(token))?.status === 'sent';
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
  // Read by key; the first to claim the link uses it (FerretDB's updates are not atomic).
  const open = await referralByToken(token);
  if (open?.status !== 'sent' || !(await claimOnce(`referral:${String(open._id)}`))) return;
  const linked = await Referral.findByIdAndUpdate(open._id, {
    status: 'signed-up',
    familyId,
    signedUpAt: new Date(),
    ...consent,
  });
  if (!linked) return;
  await addId('family-referrals', familyId, linked._id);
  if (stages?.length)
    await recordConsent(familyId, 'referral', REFERRAL_CONSENT_VERSION, String(linked._id));
}
