// What a person agreed to, which version of the text, and when.
import mongoose from 'mongoose';

const consentSchema = new mongoose.Schema(
  {
    personId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true, index: true },
    kind: { type: String, enum: ['privacy-notice', 'group-rules', 'referral'], required: true },
    version: { type: String, required: true },
    /** For group rules: which group. */
    subjectId: { type: mongoose.Schema.Types.ObjectId, default: null },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

export const Consent = mongoose.model('Consent', consentSchema, 'consents');

export async function recordConsent(
  personId: string,
  kind: 'privacy-notice' | 'group-rules' | 'referral',
  version: string,
  subjectId: string | null = null,
) {
  await Consent.create({ personId, kind, version, subjectId, at: new Date() });
}
