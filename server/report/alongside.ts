// Walk-alongside in the period, from the pairings' id list and each pairing's contact list (read
// by key, never searched). Only counts and minutes leave here: no family, volunteer or note.
import { ContactLog, type ContactLogDoc } from '../alongside/contact.model.ts';
import { Pairing, type PairingDoc } from '../alongside/pairing.model.ts';
import { findByIds } from '../db/byIds.ts';
import { idsIn } from '../db/idLists.ts';
import { familyKey } from '../reach/ledger.ts';
import { within, type Period } from './period.ts';

export interface AlongsideFigures {
  /** Families in a pairing active in the period, as the reach ledger keys them. */
  families: Set<string>;
  pairingsActive: number;
  pairingsNew: number;
  contacts: number;
  contactMinutes: number;
  /** Volunteers who logged a contact in the period. */
  volunteers: Set<string>;
}

type PairingFields = Pick<PairingDoc, '_id' | 'familyId' | 'startedAt' | 'endedAt'>;
type ContactFields = Pick<ContactLogDoc, '_id' | 'volunteerId' | 'date' | 'minutes'>;

/** Started by the period's end, and not ended before its start. */
const activeIn = (period: Period, p: PairingFields) =>
  p.startedAt < period.end && (!p.endedAt || p.endedAt >= period.start);

export async function alongsideFigures(period: Period): Promise<AlongsideFigures> {
  const pairings = await findByIds<PairingFields>(
    Pairing,
    await idsIn('alongside-pairings', 'all'),
    {
      familyId: 1,
      startedAt: 1,
      endedAt: 1,
    },
  );
  const active = pairings.filter((p) => activeIn(period, p));
  // Contacts by their Helsinki date; only pairings begun by the period's end can have any in it.
  const begun = pairings.filter((p) => p.startedAt < period.end);
  const contactIds = (await Promise.all(begun.map((p) => idsIn('pairing-contacts', p._id)))).flat();
  const contacts = (
    await findByIds<ContactFields>(ContactLog, contactIds, { volunteerId: 1, date: 1, minutes: 1 })
  ).filter((c) => c.date >= period.from && c.date <= period.to);
  return {
    families: new Set(active.map((p) => familyKey(p.familyId))),
    pairingsActive: active.length,
    pairingsNew: active.filter((p) => within(period, p.startedAt)).length,
    contacts: contacts.length,
    contactMinutes: contacts.reduce((sum, c) => sum + c.minutes, 0),
    volunteers: new Set(contacts.map((c) => String(c.volunteerId))),
  };
}
