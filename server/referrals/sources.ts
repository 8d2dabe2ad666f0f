// Where families come from, for coordinators: counts per partner organisation. Counts of
// consents and sign-ups, never a family; a background-sized read (referrals are few).
import { Organisation } from '../people/organisation.model.ts';
import type { PartnerKind } from '../protocol/partners.ts';
import type { ReferralSourceRow } from '../protocol/referrals.ts';
import { Referral } from './referral.model.ts';

export async function referralSources(): Promise<ReferralSourceRow[]> {
  const [orgs, referrals] = await Promise.all([
    Organisation.find({ kind: 'partner' }, { name: 1, partnerKind: 1 }).lean(),
    Referral.find({}, { organisationId: 1, status: 1, 'consent.state': 1 }).lean(),
  ]);
  return orgs
    .map((org) => {
      const own = referrals.filter((r) => String(r.organisationId) === String(org._id));
      const count = (keep: (r: (typeof own)[number]) => boolean) => own.filter(keep).length;
      return {
        organisationId: String(org._id),
        organisationName: org.name,
        partnerKind: (org.partnerKind ?? 'other') as PartnerKind,
        referred: own.length,
        consented: count((r) => r.consent?.state === 'given'),
        signedUp: count((r) => r.status === 'signed-up'),
        withdrawn: count((r) => r.consent?.state === 'withdrawn'),
      };
    })
    .filter((row) => row.referred > 0)
    .sort((a, b) => b.referred - a.referred);
}
