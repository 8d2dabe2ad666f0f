// What a referral points to, as its reader sees it: the group's title in their language, or the
// kind of group asked for.
import type { Region, Topic } from '../protocol/groups.ts';
import type { ReferralTarget } from '../protocol/referrals.ts';
import { titleIn } from '../reminders/texts.ts';
import type { ReferralDoc } from './referral.model.ts';
import { groupLoader, type GroupLoader } from './stages.ts';

export async function targetOf(
  referral: ReferralDoc,
  lang: string,
  load: GroupLoader = groupLoader(),
): Promise<ReferralTarget> {
  const target = referral.target;
  const group = target?.groupId ? await load(target.groupId) : null;
  return {
    groupId: group ? String(group._id) : null,
    groupTitle: group ? titleIn(group, lang) : null,
    language: target?.language ?? null,
    region: (target?.region ?? null) as Region | null,
    topic: (target?.topic ?? null) as Topic | null,
    alongside: !!target?.alongside,
  };
}
