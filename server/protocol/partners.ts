// Partner organisations (wellbeing services counties, municipalities, NGOs, parishes), their named
// contact persons, and the hand-over when a contact person leaves. Shared by client and server.
//
// GET  /api/partners                                   → PartnerOrganisationInfo[] (a partner: their own)
// POST /api/partners                                   registerPartner → PartnerOrganisationInfo
// POST /api/partners/:id/contacts                      addContact → PartnerOrganisationInfo
// POST /api/partners/:id/contacts/:personId/leave      contactLeaves → HandoverInfo
import { z } from 'zod';
import { objectId, spokenLanguage } from './api.ts';
import { REGIONS, type Region } from './groups.ts';

export const PARTNER_KINDS = [
  'wellbeing-county',
  'municipality',
  'ngo',
  'parish',
  'other',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const partnerSchemas = {
  registerPartner: z
    .object({
      name: z.string().trim().min(2).max(120),
      partnerKind: z.enum(PARTNER_KINDS),
      region: z.enum(REGIONS),
      languagesServed: z.array(spokenLanguage).max(20).default([]),
    })
    .strict(),
  addContact: z.object({ personId: objectId }).strict(),
  contactLeaves: z.object({ successorId: objectId }).strict(),
} as const;

export interface ContactPersonInfo {
  personId: string;
  displayName: string;
  email: string;
  since: string;
  /** When they left the role; history is kept. */
  leftAt: string | null;
  successorId: string | null;
}

export interface PartnerOrganisationInfo {
  id: string;
  name: string;
  partnerKind: PartnerKind;
  region: Region;
  languagesServed: string[];
  contacts: ContactPersonInfo[];
  /** No active contact person: coordinators are asked to name one. */
  needsContact: boolean;
}

/** What passed to the successor, per kind of thing (referrals, actionItems, directoryEntries…). */
export interface HandoverInfo {
  organisationId: string;
  fromId: string;
  toId: string;
  passed: Record<string, number>;
}

/** A reach figure row as partners see it: people counts under 5 are hidden (null). */
export interface SuppressedRow {
  key: string;
  sessionsHeld: number;
  attendances: number | null;
  uniqueFamilies: number | null;
  suppressed: boolean;
}

/** GET /api/partners/reach?from&to: the partner organisation's region, aggregates only. */
export interface PartnerReach {
  region: string;
  from: string;
  to: string;
  countedAt: string;
  totals: SuppressedRow;
  byLanguage: SuppressedRow[];
  byTopic: SuppressedRow[];
}
