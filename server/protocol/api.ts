// The REST contract for accounts, people and privacy: request schemas (the server validates with
// them, the client may too) and response types. Errors always come back as ApiErrorBody.
// Routes: method, path, body schema key → response.
//
// GET    /api/auth/session                     → SessionInfo
// POST   /api/auth/sign-up           signUp    → 202 { status: 'check-email' }
// POST   /api/auth/verify-email      verifyEmail → 200 { status: 'verified' }
// POST   /api/auth/resend-verification resendVerification → 202
// POST   /api/auth/sign-in           signIn    → SessionInfo (new session cookie)
// POST   /api/auth/sign-out                    → 204
// POST   /api/auth/sign-out-everywhere         → 204
// POST   /api/auth/password-reset    requestPasswordReset → 202
// POST   /api/auth/password-reset/complete completePasswordReset → 200 { status: 'reset' }
// GET    /api/me                               → Me
// PATCH  /api/me                     updateProfile → Me
// GET    /api/me/export                        → JSON download of everything about me
// DELETE /api/me                     deleteAccount → 204 (erasure; signed out)
// GET    /api/invitations/:token (public)      → InvitationInfo
// POST   /api/invitations/:token/accept acceptInvitation → SessionInfo
// GET    /api/invitations                      → InvitationInfo[]   (coordinator)
// POST   /api/invitations            createInvitation → 201 InvitationInfo (coordinator)
// DELETE /api/invitations/:id                  → 204 (coordinator)
// GET    /api/people?role&q&before   listPeople → PersonSummary[] (coordinator; trainer: own facilitators):
//          a role but family: all its members by name; a name: up to 500 by name; else newest
//          first, PEOPLE_PAGE at a time
// GET    /api/people/:id                       → PersonSummary
// PUT    /api/people/:id/roles       setRoles  → PersonSummary (coordinator)
// GET    /api/organisations                    → OrganisationInfo[] (signed in)
// POST   /api/organisations          createOrganisation → 201 OrganisationInfo (coordinator)
// GET    /api/referrals                        → ReferralInfo[] (partner: own organisation's)
// POST   /api/referrals              createReferral → 201 ReferralInfo (partner)
// GET    /api/audit?before           listAudit → AuditEntryInfo[] (coordinator)
// GET    /api/dev/outbox                       → OutboxMessageInfo[] (coordinator; only without SMTP; others' links withheld)
import { z } from 'zod';
import type { AppError } from './ack.ts';
import { languages, type LanguageCode } from './languages.ts';

export interface ApiErrorBody {
  error: AppError;
}

/** The version of the privacy notice text; bump it when locales/<lang>/privacy.json changes. */
export const PRIVACY_NOTICE_VERSION = '2026-11-23';

export const ROLES = ['family', 'facilitator', 'trainer', 'coordinator', 'partner'] as const;
export type Role = (typeof ROLES)[number];
/** Roles a coordinator hands out by invitation (families sign up themselves or by referral). */
export const INVITED_ROLES = ['facilitator', 'trainer', 'coordinator', 'partner'] as const;

/** People listed newest first come this many at a time (GET /api/people). */
export const PEOPLE_PAGE = 50;

/** Children are described only by age range: never names or birth dates. */
export const CHILD_AGE_RANGES = ['0-2', '3-6', '7-12', '13-17'] as const;
export type ChildAgeRange = (typeof CHILD_AGE_RANGES)[number];

export const ORGANISATION_KINDS = ['central', 'branch', 'partner'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

const languageCode = z.enum(languages.map((l) => l.code) as [LanguageCode, ...LanguageCode[]]);
/** A spoken language as an ISO 639-1 code ("fi", "ar", "so"…); families speak many more than the UI has. */
export const spokenLanguage = z.string().regex(/^[a-z]{2,3}$/);
export const email = z.string().trim().toLowerCase().max(254).pipe(z.email());
/** Long passphrases welcome; 10 characters at least (NIST 800-63B style: length, no composition rules). */
const password = z.string().min(10).max(200);
const displayName = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[^<>{}\\$]*$/u);
const token = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/);
export const objectId = z.string().regex(/^[a-f0-9]{24}$/);
const municipality = z.string().trim().min(1).max(80);

/** What a partner may follow of a referral, in order (protocol/referrals.ts); the family chooses. */
export const REFERRAL_STAGES = ['opened', 'signed-up', 'enrolled', 'attended', 'left'] as const;

export const apiSchemas = {
  signUp: z
    .object({
      email,
      password,
      displayName,
      language: languageCode,
      /** The privacy notice version the person read and accepted. */
      acceptPrivacy: z.literal(PRIVACY_NOTICE_VERSION),
      /** A partner's referral link, when the family came through one. */
      referral: token.optional(),
      /** With a referral: the stages the family chose on the referral page to let the partner see. */
      referralStages: z.array(z.enum(REFERRAL_STAGES)).max(REFERRAL_STAGES.length).optional(),
    })
    .strict(),
  verifyEmail: z.object({ token }).strict(),
  resendVerification: z.object({ email }).strict(),
  signIn: z.object({ email, password: z.string().min(1).max(200) }).strict(),
  requestPasswordReset: z.object({ email }).strict(),
  completePasswordReset: z.object({ token, password }).strict(),
  updateProfile: z
    .object({
      displayName: displayName.optional(),
      language: languageCode.optional(),
      languagesSpoken: z.array(spokenLanguage).max(10).optional(),
      municipality: municipality.nullable().optional(),
      childrenAgeRanges: z.array(z.enum(CHILD_AGE_RANGES)).max(CHILD_AGE_RANGES.length).optional(),
    })
    .strict(),
  deleteAccount: z.object({ password: z.string().min(1).max(200) }).strict(),
  createInvitation: z
    .object({
      email,
      roles: z.array(z.enum(INVITED_ROLES)).min(1).max(INVITED_ROLES.length),
      organisationId: objectId,
      language: languageCode,
    })
    .strict(),
  acceptInvitation: z
    .object({
      /** Only for a new account; an existing account accepts while signed in. */
      password: password.optional(),
      displayName: displayName.optional(),
      acceptPrivacy: z.literal(PRIVACY_NOTICE_VERSION),
    })
    .strict(),
  setRoles: z
    .object({
      roles: z.array(z.enum(ROLES)).max(ROLES.length),
      organisationId: objectId.nullable().optional(),
      /** For a facilitator: the trainer who supervises them. */
      supervisorId: objectId.nullable().optional(),
    })
    .strict(),
  createOrganisation: z
    .object({
      name: z.string().trim().min(2).max(120),
      kind: z.enum(ORGANISATION_KINDS),
      parentId: objectId.optional(),
      municipality: municipality.optional(),
    })
    .strict(),
  listPeople: z
    .object({
      role: z.enum(ROLES).optional(),
      q: z.string().trim().max(60).optional(),
      /** The next page (everyone, or families): those who joined before this person. */
      before: objectId.optional(),
    })
    .strict(),
  listAudit: z.object({ before: objectId.optional() }).strict(),
} as const;

export type ApiRequest<K extends keyof typeof apiSchemas> = z.input<(typeof apiSchemas)[K]>;

export interface Me {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  language: LanguageCode;
  languagesSpoken: string[];
  municipality: string | null;
  childrenAgeRanges: ChildAgeRange[];
  organisationId: string | null;
  emailVerified: boolean;
  createdAt: string;
}

/** GET /api/auth/session: who is signed in, and the token state-changing requests must echo. */
export interface SessionInfo {
  person: Me | null;
  /** Send as the X-CSRF-Token header on every POST/PUT/PATCH/DELETE while signed in. */
  csrfToken: string | null;
}

/** How a coordinator (or a supervising trainer) sees a person: no family details. */
export interface PersonSummary {
  id: string;
  displayName: string;
  email: string;
  roles: Role[];
  organisationId: string | null;
  supervisorId: string | null;
  emailVerified: boolean;
  createdAt: string;
}

export interface InvitationInfo {
  id: string;
  email: string;
  roles: Role[];
  organisationId: string;
  organisationName: string;
  expiresAt: string;
  acceptedAt: string | null;
}

export interface OrganisationInfo {
  id: string;
  name: string;
  kind: OrganisationKind;
  parentId: string | null;
  municipality: string | null;
}

export interface AuditEntryInfo {
  id: string;
  at: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  targetId: string | null;
  details: Record<string, string | number | boolean | null>;
}

export interface OutboxMessageInfo {
  id: string;
  to: string;
  subject: string;
  text: string;
  /** Links in the message (verify, reset, invitation), for a developer to click: own mail only. */
  links: string[];
  /** Someone else's message had links: they are secrets, shown only to the recipient. */
  linksWithheld: boolean;
  sentAt: string;
}
