// Referrals that follow through, with the family's consent. Shared by client and server.
//
// Partner:   GET  /api/referrals?cursor                → ReferralPage (own organisation's, newest first)
//            POST /api/referrals                      createReferral → ReferralInfo (with the link, once)
// Family:    GET  /api/referral-links/:token          → ReferralLinkInfo (opening it is a stage)
//            POST /api/referral-links/:token/consent  giveConsent → ReferralLinkInfo
//            GET  /api/me/referrals                   → MyReferralInfo[]
//            POST /api/me/referrals/:id/withdraw      consent withdrawn: the partner sees only that
// Coordinator: GET /api/referrals/sources             → ReferralSourceRow[] (aggregates only)
import { z } from 'zod';
import { email, objectId, REFERRAL_STAGES, spokenLanguage } from './api.ts';
import { languages, type LanguageCode } from './languages.ts';
import { REGIONS, TOPICS, type Region, type Topic } from './groups.ts';
import type { PartnerKind } from './partners.ts';

/** What a partner may follow, in order; the family chooses which of these the partner sees. */
export { REFERRAL_STAGES };
export type ReferralStage = (typeof REFERRAL_STAGES)[number];

/** The consent text's version (locales: partners.json consent.*); a new text needs a new version. */
export const REFERRAL_CONSENT_VERSION = '2026-12-v1';

export type ReferralConsentState = 'pending' | 'given' | 'declined' | 'withdrawn';

const languageCode = z.enum(languages.map((l) => l.code) as [LanguageCode, ...LanguageCode[]]);

export const referralSchemas = {
  createReferral: z
    .object({
      /** The partner's own reference, e.g. a case number — never the family's name. */
      reference: z
        .string()
        .trim()
        .min(1)
        .max(40)
        .regex(/^[\p{L}\p{N} ._/-]+$/u),
      /** The language of the link and of everything the family reads about the referral. */
      language: languageCode,
      /** A specific group… */
      groupId: objectId.optional(),
      /** …or a kind of group. */
      groupLanguage: spokenLanguage.optional(),
      region: z.enum(REGIONS).optional(),
      topic: z.enum(TOPICS).optional(),
      /** …or a walk-alongside volunteer (the family then asks in their own words). */
      alongside: z.literal(true).optional(),
      /** Sent the link in their language; used once for that email and never stored. */
      familyEmail: email.optional(),
      /** The partner confirms the family agreed to be referred. */
      familyConsented: z.literal(true),
    })
    .strict(),
  listReferrals: z.object({ cursor: objectId.optional() }).strict(),
  giveConsent: z
    .object({
      version: z.literal(REFERRAL_CONSENT_VERSION),
      /** The stages the partner may see; none: the family declines to share anything. */
      stages: z.array(z.enum(REFERRAL_STAGES)).max(REFERRAL_STAGES.length),
    })
    .strict(),
} as const;

/** What the referral points to: one group, or criteria for a kind of group. */
export interface ReferralTarget {
  groupId: string | null;
  /** The group's title in the reader's language (null for criteria). */
  groupTitle: string | null;
  language: string | null;
  region: Region | null;
  topic: Topic | null;
  /** A walk-alongside volunteer rather than a group. */
  alongside: boolean;
}

/** How the partner sees a referral: only the stages the family allowed, dated by day. */
export interface ReferralInfo {
  id: string;
  reference: string;
  target: ReferralTarget;
  consent: ReferralConsentState;
  /** Reached stages the family shares (never any other). 'enrolled' may be on the waitlist. */
  stages: { stage: ReferralStage; on: string; waitlisted?: boolean }[];
  /** The link the family opens: only in the answer that created it (only its hash is kept). */
  link: string;
  createdAt: string;
  /** Reminded after 14 days without the family acting on it. */
  remindedAt: string | null;
}

/** A page of a partner organisation's referrals, newest first. */
export interface ReferralPage {
  referrals: ReferralInfo[];
  /** Pass back as `cursor` for older ones; null at the end. */
  nextCursor: string | null;
}

/** What the family sees when opening the link. */
export interface ReferralLinkInfo {
  organisationName: string;
  partnerKind: PartnerKind;
  target: ReferralTarget;
  language: LanguageCode;
  consentVersion: string;
  consent: ReferralConsentState;
  stages: ReferralStage[];
}

/** A family's own referral, with what they share and the way to stop sharing. */
export interface MyReferralInfo {
  id: string;
  organisationName: string;
  consent: ReferralConsentState;
  stages: ReferralStage[];
  consentedAt: string | null;
}

/** Referral sources for coordinators: counts per partner organisation, no family. */
export interface ReferralSourceRow {
  organisationId: string;
  organisationName: string;
  partnerKind: PartnerKind;
  referred: number;
  consented: number;
  signedUp: number;
  withdrawn: number;
}
