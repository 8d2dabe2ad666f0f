// The person with an email address, by its key (emailKey.model.ts) and then by `_id`: two
// look-ups by key whatever the address, so a known and an unknown one take the same steps.
import mongoose from 'mongoose';
import { personIdByEmail } from './emailKey.model.ts';
import { Person, type PersonDoc } from './person.model.ts';

/** Read when the address has no account: the same second look-up, finding nobody. */
const NOBODY = new mongoose.Types.ObjectId('000000000000000000000000');

export async function personByEmail(email: string): Promise<PersonDoc | null> {
  const person = await Person.findById((await personIdByEmail(email)) ?? NOBODY).lean();
  // A key is only a pointer: the person must still have that address.
  return person && person.email === email.trim().toLowerCase() ? person : null;
}
