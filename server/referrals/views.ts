// How referrals read: to the partner (only the stages the family allowed) and to the family
// opening the link.
import { findEachById } from '../db/byIds.ts';
import { pageByDay } from '../db/dayLists.ts';
import { Organisation } from '../people/organisation.model.ts';
import type { LanguageCode } from '../protocol/languages.ts';
import type { PartnerKind } from '../protocol/partners.ts';
import type {
  ReferralConsentState,
  ReferralInfo,
  ReferralLinkInfo,
  ReferralPage,
  ReferralStage,
} from '../protocol/referrals.ts';
import { Referral, REFERRAL_DAYS, type ReferralDoc } from './referral.model.ts';
import { groupLoader, visibleStages, type GroupLoader } from './stages.ts';
import { targetOf } from './target.ts';

export async function toInfo(
  referral: ReferralDoc,
  lang: string,
  link = '',
  load: GroupLoader = groupLoader(),
): Promise<ReferralInfo> {
  return {
    id: String(referral._id),
    reference: referral.reference,
    target: await targetOf(referral, lang, load),
    consent: (referral.consent?.state ?? 'pending') as ReferralConsentState,
    stages: await visibleStages(referral, load),
    link,
    createdAt: referral.createdAt.toISOString(),
    remindedAt: referral.remindedAt ? referral.remindedAt.toISOString() : null,
  };
}

export async function toLinkInfo(referral: ReferralDoc, lang: string): Promise<ReferralLinkInfo> {
  const org = await Organisation.findById(referral.organisationId).lean();
  return {
    organisationName: org?.name ?? '',
    partnerKind: (org?.partnerKind ?? 'other') as PartnerKind,
    target: await targetOf(referral, lang),
    language: referral.language as LanguageCode,
    consentVersion: referral.consent?.version ?? '',
    consent: (referral.consent?.state ?? 'pending') as ReferralConsentState,
    stages: (referral.consent?.stages ?? []) as ReferralStage[],
  };
}

/** Each referral's stages take a few reads by key: a page is what a partner reads at once. */
export const REFERRAL_PAGE_SIZE = 40;

/** A page of a partner organisation's referrals, newest first, each with what its family allowed. */
export async function listReferrals(
  organisationId: string | null,
  lang: string,
  cursor?: string,
): Promise<ReferralPage> {
  // Newest first from the organisation's day lists, each referral by key (REFERRAL_DAYS).
  const referrals = organisationId
    ? await pageByDay(
        REFERRAL_DAYS,
        cursor,
        REFERRAL_PAGE_SIZE + 1,
        async (ids, need) =>
          (await findEachById<ReferralDoc>(Referral, ids.slice(0, need))).filter(
            (r) => String(r.organisationId) === organisationId,
          ),
        organisationId,
      )
    : [];
  const page = referrals.slice(0, REFERRAL_PAGE_SIZE);
  const load = groupLoader();
  return {
    referrals: await Promise.all(page.map((r) => toInfo(r, lang, '', load))),
    nextCursor: referrals.length > REFERRAL_PAGE_SIZE ? String(page.at(-1)!._id) : null,
  };
}
