// Which stages of a referral the partner sees: those the family reached AND allowed, nothing
// else. Enrolment stages are read from the family's own list of groups (by key), limited to
// the groups the referral points to — the partner never learns of any other group.
import { findByIds } from '../db/byIds.ts';
import { Enrolment, type EnrolmentDoc } from '../groups/enrolment.model.ts';
import { Group, type GroupDoc } from '../groups/group.model.ts';
import { groupsOf } from '../groups/memberships.ts';
import type { ReferralInfo, ReferralStage } from '../protocol/referrals.ts';
import type { ReferralDoc } from './referral.model.ts';
import { alongsideStages } from '../alongside/referralStages.ts';

type Target = ReferralDoc['target'];
type Reached = ReferralInfo['stages'];

const ACTIVE = ['confirmed', 'waitlisted', 'pending'];
/** A day is enough for the partner; the hour says more about the family than they need. */
const day = (at: Date) => at.toISOString().slice(0, 10);

/** Does this group answer the referral: the group itself, or one of the kind asked for. */
export function matchesTarget(target: Target | undefined, group: GroupDoc): boolean {
  if ((group.kind ?? 'family') !== 'family' || !target || target.alongside) return false;
  if (target.groupId) return String(target.groupId) === String(group._id);
  return (
    (!target.language || group.sessionLanguages.includes(target.language)) &&
    (!target.region || group.region === target.region) &&
    (!target.topic || (group.topics as string[]).includes(target.topic))
  );
}

/** Groups by id, each read once however many referrals of a list name it. */
export type GroupLoader = (id: unknown) => Promise<GroupDoc | null>;

export function groupLoader(): GroupLoader {
  const loaded = new Map<string, Promise<GroupDoc | null>>();
  return (id) => {
    const key = String(id);
    let group = loaded.get(key);
    if (!group) {
      group = Group.findById(key, { title: 1, kind: 1, sessionLanguages: 1, region: 1, topics: 1 })
        .lean<GroupDoc>()
        .exec();
      loaded.set(key, group);
    }
    return group;
  };
}

async function enrolmentStages(referral: ReferralDoc, load: GroupLoader): Promise<Reached> {
  if (!referral.familyId) return [];
  const links = (await groupsOf(String(referral.familyId))).enrolments;
  const groups = (await Promise.all(links.map((l) => load(l.groupId)))).filter(
    (g): g is GroupDoc => g !== null,
  );
  const wanted = new Set(
    groups.filter((g) => matchesTarget(referral.target, g)).map((g) => String(g._id)),
  );
  const enrolments = await findByIds<EnrolmentDoc & { updatedAt: Date }>(
    Enrolment,
    links.filter((l) => wanted.has(String(l.groupId))).map((l) => l.enrolmentId),
    { status: 1, createdAt: 1, updatedAt: 1 },
  );
  if (enrolments.length === 0) return [];
  const first = enrolments.reduce((a, b) => (a.createdAt <= b.createdAt ? a : b));
  const active = enrolments.filter((e) => ACTIVE.includes(e.status));
  const reached: Reached = [
    {
      stage: 'enrolled',
      on: day(first.createdAt),
      ...(active.length > 0 && active.every((e) => e.status !== 'confirmed')
        ? { waitlisted: true }
        : {}),
    },
  ];
  if (active.length === 0) {
    const last = enrolments.reduce((a, b) => (a.updatedAt >= b.updatedAt ? a : b));
    reached.push({ stage: 'left', on: day(last.updatedAt) });
  }
  return reached;
}

/** The stages the partner may see now (none unless the family's consent stands). */
export async function visibleStages(
  referral: ReferralDoc,
  load: GroupLoader = groupLoader(),
): Promise<Reached> {
  if (referral.consent?.state !== 'given') return [];
  const allowed = new Set<ReferralStage>(referral.consent.stages as ReferralStage[]);
  const reached: Reached = [
    ...(referral.openedAt ? [{ stage: 'opened' as const, on: day(referral.openedAt) }] : []),
    ...(referral.signedUpAt ? [{ stage: 'signed-up' as const, on: day(referral.signedUpAt) }] : []),
    ...(referral.target?.alongside
      ? await alongsideStages(referral)
      : [
          ...(await enrolmentStages(referral, load)),
          ...(referral.attendedAt
            ? [{ stage: 'attended' as const, on: day(referral.attendedAt) }]
            : []),
        ]),
    ...(referral.familyGoneAt ? [{ stage: 'left' as const, on: day(referral.familyGoneAt) }] : []),
  ];
  const order = (s: ReferralStage) =>
    ['opened', 'signed-up', 'enrolled', 'attended', 'left'].indexOf(s);
  return reached
    .filter((r, i) => allowed.has(r.stage) && reached.findIndex((o) => o.stage === r.stage) === i)
    .sort((a, b) => order(a.stage) - order(b.stage));
}
