// [speed-migrate] Referrals from before they were listed: a partner's pages and a family's link
// find them once migrated, read by key.
import assert from 'node:assert/strict';
import mongoose, { Types } from 'mongoose';
import { useTestDatabase } from '../../test/support/database.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { migrate } from '../db/migrations.ts';
import './migrations.ts';
import { referralByToken, referralIsOpen } from './referral.model.ts';
import { listReferrals, REFERRAL_PAGE_SIZE } from './views.ts';

const DAY = 86_400;

describe('[speed-migrate] referrals of an older database', () => {
  let drop: () => Promise<void>;
  before(async () => {
    drop = await useTestDatabase('referralmigration');
  });
  after(async () => drop?.());

  it('[speed-migrate] each organisation’s referrals page newest first; a link finds its referral', async () => {
    const [ours, theirs] = [new Types.ObjectId(), new Types.ObjectId()];
    const now = Math.floor(Date.now() / 1000);
    const tokens = Array.from({ length: REFERRAL_PAGE_SIZE + 5 }, () => newToken());
    const referral = (i: number, organisationId: Types.ObjectId) => ({
      _id: new Types.ObjectId(
        (now - i * DAY).toString(16) + new Types.ObjectId().toHexString().slice(8),
      ),
      tokenHash: hashToken(tokens[i]!),
      organisationId,
      reference: `viite ${i}`,
      language: 'fi',
      status: 'sent',
      target: {},
      consent: { state: 'pending', stages: [] },
      expiresAt: new Date((now + 30 * DAY) * 1000),
      createdAt: new Date((now - i * DAY) * 1000),
      updatedAt: new Date((now - i * DAY) * 1000),
    });
    const written = tokens.map((_, i) => referral(i, i === 3 ? theirs : ours));
    await mongoose.connection.collection('people').insertOne({ email: 'p@x.invalid' });
    await mongoose.connection.collection('referrals').insertMany(written);
    assert.equal(await referralByToken(tokens[0]!), null, 'not listed before the migration');

    await migrate(() => undefined);
    assert.equal(String((await referralByToken(tokens[0]!))?._id), String(written[0]!._id));
    assert.equal(await referralIsOpen(tokens[5]!), true);
    assert.equal(await referralByToken(newToken()), null, 'another link: none');
    const first = await listReferrals(String(ours), 'fi');
    assert.equal(first.referrals.length, REFERRAL_PAGE_SIZE);
    const rest = await listReferrals(String(ours), 'fi', first.nextCursor ?? undefined);
    assert.equal(rest.nextCursor, null);
    const listed = [...first.referrals, ...rest.referrals].map((r) => r.reference);
    assert.deepEqual(
      listed,
      written.filter((r) => r.organisationId === ours).map((r) => r.reference),
      'newest first, only their own, each once',
    );
  });
});
