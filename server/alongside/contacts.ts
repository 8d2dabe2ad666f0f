// The volunteer's log of contacts with the family: the walk-alongside volunteer hours. Only the
// volunteer who logs and their supervising trainer read the notes.
import type { z } from 'zod';
import { findByIds } from '../db/byIds.ts';
import { idsIn } from '../db/idLists.ts';
import { RequestError } from '../errors.ts';
import type { alongsideSchemas } from '../protocol/alongside.ts';
import { ContactLog, type ContactLogDoc } from './contact.model.ts';
import { Pairing, type PairingDoc } from './pairing.model.ts';
import { helsinkiDate, helsinkiInstant } from './time.ts';

type ContactInput = z.output<typeof alongsideSchemas.logContact>;

/** A pairing's logged contacts, newest first, read by key. */
export async function contactsOf(pairing: Pick<PairingDoc, '_id'>): Promise<ContactLogDoc[]> {
  const contacts = await findByIds<ContactLogDoc>(
    ContactLog,
    await idsIn('pairing-contacts', pairing._id),
  );
  return contacts.sort((a, b) => b.date.localeCompare(a.date) || b.at.getTime() - a.at.getTime());
}

export async function logContact(
  pairing: PairingDoc,
  input: ContactInput,
  t: (key: string) => string,
  now: Date,
): Promise<ContactLogDoc> {
  if (pairing.status !== 'active') throw new RequestError('alongside.notYourPairing', 404);
  // Not after today, not before the pairing began (Helsinki dates).
  if (input.date > helsinkiDate(now) || input.date < helsinkiDate(pairing.startedAt))
    throw new RequestError('invalid', 400, { date: t('alongside.contactDate') });
  const at = helsinkiInstant(input.date, '12:00');
  if (!at) throw new RequestError('invalid', 400, { date: t('alongside.contactDate') });
  const contact = await ContactLog.create({
    pairingId: pairing._id,
    volunteerId: pairing.volunteerId,
    date: input.date,
    at,
    minutes: input.minutes,
    kind: input.kind,
    note: input.note ?? '',
  });
  // The newest contact moves the pairing's clock: a quiet spell starts again from it.
  if (!pairing.lastContactAt || at > pairing.lastContactAt)
    await Pairing.updateOne({ _id: pairing._id }, { lastContactAt: at, quietRaisedAt: null });
  return contact.toObject();
}
