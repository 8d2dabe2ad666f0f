// Databases from before referrals were listed (referral.model.ts): each organisation's referrals
// by day, and each link's token hash, written once.
import { registerMigration } from '../db/migrations.ts';
import { listReferralsInBulk, Referral } from './referral.model.ts';

registerMigration({
  name: 'referrals listed by organisation and link',
  async run(report) {
    const referrals = await Referral.find({}, { organisationId: 1, tokenHash: 1 }).lean();
    await listReferralsInBulk(referrals, (line) => report(`referrals: ${line}`));
  },
});
