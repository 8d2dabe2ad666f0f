// What a referral learns as the family goes on: a first session attended (from attendance, as it
// is recorded), and the hand-over of a leaving contact person's referrals to their successor.
import { addId, idsIn } from '../db/idLists.ts';
import { findByIds } from '../db/byIds.ts';
import { Group } from '../groups/group.model.ts';
import { registerHandover } from '../partners/succession.ts';
import { Attendance, attendanceKey, onPresence } from '../sessions/attendance.model.ts';
import { Referral, type ReferralDoc } from './referral.model.ts';
import { matchesTarget } from './stages.ts';

/** Lists a referral under the family it brought: attendance then finds it by key. */
export async function rememberFamilyReferral(familyId: string, referralId: unknown) {
  await addId('family-referrals', familyId, referralId);
}

export async function familyReferrals(familyId: string): Promise<ReferralDoc[]> {
  return findByIds<ReferralDoc>(Referral, await idsIn('family-referrals', familyId));
}

onPresence(async ({ sessionId, personId }) => {
  const referrals = (await familyReferrals(personId)).filter((r) => !r.attendedAt);
  if (referrals.length === 0) return; // most people: one read by key, and done
  const row = await Attendance.findById(attendanceKey(sessionId, personId)).lean();
  if (!row?.present) return;
  const group = await Group.findById(row.groupId).lean();
  if (!group) return;
  for (const referral of referrals.filter((r) => matchesTarget(r.target, group))) {
    await Referral.updateOne({ _id: referral._id, attendedAt: null }, { attendedAt: new Date() });
  }
});

registerHandover({
  name: 'referrals',
  async run(organisationId, fromId, toId) {
    const held = await Referral.find({ organisationId, createdBy: fromId }, { _id: 1 }).lean();
    for (const referral of held) {
      await Referral.updateOne(
        { _id: referral._id },
        { createdBy: toId, $push: { previousHolders: fromId } },
      );
    }
    return held.length;
  },
});
