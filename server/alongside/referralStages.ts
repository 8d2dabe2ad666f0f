// A partner's referral to walk-alongside, followed with the family's consent: "enrolled" is being
// paired with a volunteer, "attended" the first contact the volunteer logged, "left" the end of
// the pairing. Only dates by day, like every stage; nothing of what was said or who walks along.
import { findByIds } from '../db/byIds.ts';
import type { ReferralInfo } from '../protocol/referrals.ts';
import type { ReferralDoc } from '../referrals/referral.model.ts';
import { contactsOf } from './contacts.ts';
import { Pairing, type PairingDoc } from './pairing.model.ts';
import { alongsideOf } from './pairings.ts';

type Reached = ReferralInfo['stages'];
const day = (at: Date) => at.toISOString().slice(0, 10);

export async function alongsideStages(referral: ReferralDoc): Promise<Reached> {
  if (!referral.familyId) return [];
  const { requests } = await alongsideOf(String(referral.familyId));
  const mine = requests.filter((r) => String(r.referralId) === String(referral._id));
  const pairings = await findByIds<PairingDoc>(
    Pairing,
    mine.map((r) => r.pairingId),
  );
  const pairing = pairings.sort((a, b) => +a.startedAt - +b.startedAt)[0];
  if (!pairing) return [];
  const contacts = await contactsOf(pairing);
  const first = contacts.at(-1);
  return [
    { stage: 'enrolled', on: day(pairing.startedAt) },
    ...(first ? [{ stage: 'attended' as const, on: first.date }] : []),
    ...(pairing.endedAt ? [{ stage: 'left' as const, on: day(pairing.endedAt) }] : []),
  ];
}
