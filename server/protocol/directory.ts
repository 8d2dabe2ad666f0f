// The service directory: services for families (neuvola, perhekeskus, early childhood
// education…) by wellbeing services county, kept current by the partner organisations that run
// them. Shared by client and server.
//
// GET    /api/directory?region&language&need&q&page  search → DirectoryPage
// GET    /api/directory/mine                          the entries I keep → DirectoryEntryInfo[]
// POST   /api/directory                               create → DirectoryEntryInfo
// PUT    /api/directory/:id                           edit (also confirms it) → DirectoryEntryInfo
// POST   /api/directory/:id/confirm                   "still current" → DirectoryEntryInfo
// DELETE /api/directory/:id
// Socket `chat:shareEntry` posts an entry into a group's chat as a card (protocol/chat.ts).
import { z } from 'zod';
import { spokenLanguage } from './api.ts';
import { REGIONS, type LocalizedText, type Region } from './groups.ts';

export const SERVICE_NEEDS = [
  'child-health-clinic',
  'family-centre',
  'early-childhood-education',
  'family-counselling',
  'integration-services',
  'language-courses',
  'mental-health',
  'crisis-support',
  'ngo-services',
  'other',
] as const;
export type ServiceNeed = (typeof SERVICE_NEEDS)[number];

/** An entry not confirmed for this long is shown as possibly out of date. */
export const CONFIRM_EVERY_DAYS = 365;
export const DIRECTORY_PAGE_SIZE = 20;

const objectId = z.string().regex(/^[a-f0-9]{24}$/);
const freeText = (max: number) => z.string().trim().max(max).default('');

/**
 * A phone number as people write them here: international (+358 40 123 4567) or Finnish
 * (040 123 4567, (09) 310 12345, 0800-12345). Spaces, hyphens and brackets are ignored.
 */
export function isPhoneNumber(value: string): boolean {
  if (!/^[+\d][\d\s()-]*$/.test(value)) return false;
  const digits = value.replace(/[\s()-]/g, '');
  return /^(?:\+[1-9]\d{6,14}|0\d{4,11})$/.test(digits);
}

/** A web address families can open: http(s) only, a real host, no credentials. */
export function isWebAddress(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.hostname.includes('.') &&
    !url.username &&
    !url.password
  );
}

export function isEmailAddress(value: string): boolean {
  return /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/.test(value);
}

/** Fields whose contact details are wrong, with the key (in `directory.*` of errors) to say so. */
export function contactProblems(entry: {
  phone: string;
  email: string;
  url: string;
}): Record<string, string> {
  const problems: Record<string, string> = {};
  if (entry.phone && !isPhoneNumber(entry.phone)) problems.phone = 'directory.invalidPhone';
  if (entry.email && !isEmailAddress(entry.email)) problems.email = 'directory.invalidEmail';
  if (entry.url && !isWebAddress(entry.url)) problems.url = 'directory.invalidUrl';
  if (!entry.phone && !entry.email && !entry.url) problems.phone = 'directory.contactRequired';
  return problems;
}

export const directorySchemas = {
  entryInput: z
    .object({
      /** Coordinators say whose entry it is; a partner's entries are always their own. */
      organisationId: objectId.optional(),
      name: z.string().trim().min(2).max(120),
      /** What the service offers, in as many UI languages as the partner writes. */
      summary: z
        .array(
          z
            .object({
              lang: z.enum(['fi', 'sv', 'en', 'ar']),
              text: z.string().trim().min(1).max(500),
            })
            .strict(),
        )
        .max(4)
        .default([]),
      need: z.enum(SERVICE_NEEDS),
      region: z.enum(REGIONS),
      languages: z.array(spokenLanguage).min(1).max(20),
      phone: freeText(40),
      email: freeText(254),
      url: freeText(300),
      address: freeText(300),
      openingHours: freeText(300),
      contactPersonId: objectId.nullable().default(null),
    })
    .strict(),
  search: z
    .object({
      region: z.enum(REGIONS).optional(),
      language: spokenLanguage.optional(),
      need: z.enum(SERVICE_NEEDS).optional(),
      q: z.string().trim().max(60).optional(),
      page: z
        .string()
        .regex(/^\d{1,3}$/)
        .optional(),
    })
    .strict(),
} as const;

export type DirectoryEntryInput = z.input<typeof directorySchemas.entryInput>;

export interface DirectoryEntryInfo {
  id: string;
  organisationId: string;
  organisationName: string;
  name: string;
  summary: LocalizedText[];
  need: ServiceNeed;
  region: Region;
  languages: string[];
  phone: string;
  email: string;
  url: string;
  address: string;
  openingHours: string;
  contactPerson: { id: string; displayName: string } | null;
  confirmedAt: string;
  updatedAt: string;
  /** Not confirmed in CONFIRM_EVERY_DAYS: the details may be out of date. */
  possiblyOutdated: boolean;
  /** The actor may edit and confirm it (their own organisation's, or a coordinator). */
  editable: boolean;
}

export interface DirectoryPage {
  entries: DirectoryEntryInfo[];
  total: number;
  page: number;
  pageSize: number;
}

/** An entry as shared into a chat: what was true when shared, readable without the directory. */
export interface SharedEntryCard {
  entryId: string;
  name: string;
  organisationName: string;
  need: ServiceNeed;
  region: Region;
  languages: string[];
  phone: string;
  email: string;
  url: string;
  address: string;
  openingHours: string;
  contactName: string;
}
