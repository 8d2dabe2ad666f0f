// Databases from before referrals were listed (referral.model.ts): each organisation's referrals
// by day, and each link's token hash, written once.
import type { Types } from 'mongoose';
import { listManyByDay } from '../db/dayLists.ts';
import { setIds } from '../db/idLists.ts';
import { registerMigration } from '../db/migrations.ts';
import { Referral, REFERRAL_DAYS } from './referral.model.ts';

registerMigration({
  name: 'referrals listed by organisation and link',
  async run(report) {
    const referrals = await Referral.find({}, { organisationId: 1, tokenHash: 1 }).lean();
    const byOrganisation = new Map<string, Types.ObjectId[]>();
    for (const [i, referral] of referrals.entries()) {
      await setIds('referral-token', referral.tokenHash, [referral._id]);
      const key = String(referral.organisationId);
      byOrganisation.set(key, [...(byOrganisation.get(key) ?? []), referral._id]);
      if (i % 500 === 499) report(`${i + 1} of ${referrals.length} referral links`);
    }
    for (const [organisationId, ids] of byOrganisation)
      await listManyByDay(REFERRAL_DAYS, ids, report, organisationId);
  },
});
