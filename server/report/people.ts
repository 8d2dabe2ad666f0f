// Certifications signed and referrals made in the period. Neither has a list by date, so each is
// one query on a date range (FerretDB scans these collections: one document per certification,
// one per referral — small beside sessions and attendance); only the fields counted are read.
import { findByIds } from '../db/byIds.ts';
import { op } from '../db/operators.ts';
import { Organisation, type OrganisationDoc } from '../people/organisation.model.ts';
import type { ReportReferralRow } from '../protocol/report.ts';
import { Referral } from '../referrals/referral.model.ts';
import { Certification } from '../training/certification.model.ts';
import type { Period } from './period.ts';

const range = (period: Period) => op({ $gte: period.start, $lt: period.end });

/** People certified in the period (a renewal in the same period counts them once). */
export async function certifiedIn(period: Period): Promise<number> {
  const signed = await Certification.find({ certifiedAt: range(period) }, { personId: 1 }).lean();
  return new Set(signed.map((c) => String(c.personId))).size;
}

export async function referralsIn(
  period: Period,
): Promise<{ referred: number; signedUp: number; byPartnerKind: ReportReferralRow[] }> {
  const referrals = await Referral.find(
    { createdAt: range(period) },
    { organisationId: 1, status: 1 },
  ).lean();
  const organisations = new Map(
    (
      await findByIds<Pick<OrganisationDoc, '_id' | 'partnerKind'>>(
        Organisation,
        referrals.map((r) => r.organisationId),
        { partnerKind: 1 },
      )
    ).map((o) => [String(o._id), o.partnerKind ?? 'other']),
  );
  const rows = new Map<string, ReportReferralRow>();
  for (const referral of referrals) {
    const key = organisations.get(String(referral.organisationId)) ?? 'other';
    const row = rows.get(key) ?? { key, referred: 0, signedUp: 0 };
    row.referred += 1;
    if (referral.status === 'signed-up') row.signedUp += 1;
    rows.set(key, row);
  }
  const byPartnerKind = [...rows.values()].sort((a, b) => a.key.localeCompare(b.key));
  return {
    referred: referrals.length,
    signedUp: byPartnerKind.reduce((sum, r) => sum + r.signedUp, 0),
    byPartnerKind,
  };
}
