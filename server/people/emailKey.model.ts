// Who has an email address, found by key. On FerretDB a search of people by `email` reads every
// person: each sign-in, sign-up and password reset would slow down with every family that ever
// joined. The key is an HMAC of the address (privacy/opaqueId): the address is not in it. Kept by
// every save of a person (person.model.ts), dropped when the person is erased (accountData.ts).
import mongoose from 'mongoose';
import { isDuplicateKey } from '../db/claims.ts';
import { opaqueId } from '../privacy/opaqueId.ts';

const emailKeySchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    personId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
  },
  { versionKey: false },
);

export const EmailKey = mongoose.model('EmailKey', emailKeySchema, 'email_keys');

/** The key of an address, as Person stores it (trimmed, lower case). */
export const emailKeyOf = (email: string) => opaqueId('email', email.trim().toLowerCase());

export async function keepEmailKey(email: string, personId: mongoose.Types.ObjectId) {
  const write = () =>
    EmailKey.updateOne({ _id: emailKeyOf(email) }, { personId }, { upsert: true });
  // Two writers inserting the same new key at once (FerretDB): the second updates it.
  await write().catch((error: unknown) => {
    if (!isDuplicateKey(error)) throw error;
    return write();
  });
}

export async function dropEmailKey(email: string) {
  await EmailKey.deleteOne({ _id: emailKeyOf(email) });
}

/** The id of the person with this address, or null. */
export async function personIdByEmail(email: string): Promise<mongoose.Types.ObjectId | null> {
  const key = await EmailKey.findById(emailKeyOf(email), { personId: 1 }).lean();
  return key?.personId ?? null;
}
