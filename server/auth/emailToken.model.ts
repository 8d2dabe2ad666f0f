// One-time links sent by email: verify an address, reset a password.
import mongoose from 'mongoose';
import { claimOnce } from '../db/claims.ts';
import { hashToken, newToken } from './tokens.ts';

const emailTokenSchema = new mongoose.Schema(
  {
    _id: String, // sha256 of the token in the link
    purpose: { type: String, enum: ['verify', 'reset'], required: true },
    personId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true, index: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false },
);

const EmailToken = mongoose.model('EmailToken', emailTokenSchema, 'email_tokens');
export { EmailToken };

export type TokenPurpose = 'verify' | 'reset';
const LIFETIME_MS: Record<TokenPurpose, number> = {
  verify: 7 * 24 * 3600 * 1000,
  reset: 3600 * 1000,
};

export async function issueEmailToken(personId: string, purpose: TokenPurpose): Promise<string> {
  // A new link replaces older ones of the same purpose.
  await EmailToken.deleteMany({ personId, purpose });
  const token = newToken();
  await EmailToken.create({
    _id: hashToken(token),
    purpose,
    personId,
    expiresAt: new Date(Date.now() + LIFETIME_MS[purpose]),
  });
  return token;
}

/** Uses up a token: returns its person id, or null when unknown, expired or already used. */
export async function redeemEmailToken(
  token: string,
  purpose: TokenPurpose,
): Promise<string | null> {
  const _id = hashToken(token);
  // By key alone (FerretDB searches only `_id` by index); purpose and expiry checked here.
  const found = await EmailToken.findById(_id).lean();
  if (!found || found.purpose !== purpose || found.expiresAt <= new Date()) return null;
  // Two clicks at once: only one may use the link.
  if (!(await claimOnce(`email-token:${_id}`))) return null;
  await EmailToken.deleteOne({ _id });
  return String(found.personId);
}
