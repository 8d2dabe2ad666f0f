// The funder's report: one period's reach and activity, counted exactly (sets of ids, never sums of
// per-group counts), with every cell that counts 1–4 people suppressed in what leaves the
// coordinator's screen (the CSV and the printed page). Shared by client and server.
//
// GET /api/report?from&to       → ReportFigures (coordinator)
// GET /api/report.csv?from&to   → text/csv, UTF-8 with BOM, one row per figure (coordinator)
import { z } from 'zod';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const reportSchemas = {
  /** Helsinki calendar dates, both included. */
  /** `lang`: the CSV's language (the UI's, which a download link's headers do not carry). */
  period: z
    .object({ from: localDate, to: localDate, lang: z.string().max(20).optional() })
    .strict(),
};

/** Three years: a funder asks for one; each day of the period is read by key. */
export const MAX_REPORT_DAYS = 3 * 366;

/** A breakdown of the groups that held a session in the period. */
export interface ReportGroupRow {
  /** A session language code, a region or a topic. */
  key: string;
  groups: number;
  sessionsHeld: number;
  /** Unique families present at those sessions (people). */
  families: number;
}

export interface ReportMonth {
  /** YYYY-MM (Helsinki). */
  key: string;
  sessionsHeld: number;
  /** Unique families present that month (people). */
  families: number;
}

export interface ReportReferralRow {
  /** The referring organisation's partner kind ('other' when it has none). */
  key: string;
  /** Referrals made in the period (each is one family: people). */
  referred: number;
  /** Of those, the families who have signed up (people). */
  signedUp: number;
}

export interface ReportFigures {
  from: string;
  to: string;
  /** ISO instant the figures were counted. */
  madeAt: string;
  /** The coordinator's organisation, for the printed page. */
  organisationName: string;
  families: {
    /** Present at a held session of a family group. */
    inGroups: number;
    /** In a walk-alongside pairing active in the period. */
    alongside: number;
    /** Either of the above, each family once. */
    total: number;
    /** Family accounts (the platform keeps one per family): see the report's footnotes. */
    parents: number;
    /** Of `inGroups`: first ever present in the period. */
    new: number;
    /** Of `inGroups`: present at a session before the period too. */
    returning: number;
  };
  sessions: { held: number; attendances: number; participantMinutes: number };
  groups: {
    active: number;
    byLanguage: ReportGroupRow[];
    byRegion: ReportGroupRow[];
    byTopic: ReportGroupRow[];
  };
  alongside: {
    pairingsActive: number;
    pairingsNew: number;
    contacts: number;
    contactMinutes: number;
    volunteers: number;
  };
  volunteers: {
    active: number;
    sessionMinutes: number;
    alongsideMinutes: number;
    trainingMinutes: number;
    totalMinutes: number;
  };
  training: { trainingsHeld: number; trainees: number; certified: number };
  referrals: { referred: number; signedUp: number; byPartnerKind: ReportReferralRow[] };
  byMonth: ReportMonth[];
}

/** Cells counting fewer people than this (but some) are suppressed outside the screen. */
export const SMALLEST_CELL = 5;
export const SUPPRESSED = '< 5';

export type ReportUnit = 'people' | 'count' | 'hours';

/** One figure of the report, as the CSV and the printed page list it. */
export interface ReportRow {
  section:
    'families' | 'sessions' | 'groups' | 'alongside' | 'volunteers' | 'training' | 'referrals';
  /** The figure's name, a key in the `report` namespace under `figure.`. */
  figure: string;
  /** A breakdown's key (a language, region, topic or partner kind), '' for a total. */
  key: string;
  /** People and counts as they are; hours as minutes (shown as hours). */
  value: number;
  unit: ReportUnit;
}

/** Whether a cell will be shown as "< 5" once it leaves the coordinator's screen. */
export const isSuppressed = (value: number, unit: ReportUnit) =>
  unit === 'people' && value > 0 && value < SMALLEST_CELL;

/**
 * The one suppression: what a cell shows outside the coordinator's screen (the CSV, the printed
 * page). Hours are given with one decimal, with a point (as a CSV is read everywhere).
 */
export function releasedValue(value: number, unit: ReportUnit): string {
  if (isSuppressed(value, unit)) return SUPPRESSED;
  return unit === 'hours' ? (value / 60).toFixed(1) : String(value);
}

/** Every figure of the report in order: sections, totals, then breakdowns. */
export function reportRows(f: ReportFigures): ReportRow[] {
  const rows: ReportRow[] = [];
  const add = (
    section: ReportRow['section'],
    figure: string,
    value: number,
    unit: ReportUnit,
    key = '',
  ) => rows.push({ section, figure, key, value, unit });
  add('families', 'familiesTotal', f.families.total, 'people');
  add('families', 'familiesInGroups', f.families.inGroups, 'people');
  add('families', 'familiesAlongside', f.families.alongside, 'people');
  add('families', 'parents', f.families.parents, 'people');
  add('families', 'familiesNew', f.families.new, 'people');
  add('families', 'familiesReturning', f.families.returning, 'people');
  add('sessions', 'sessionsHeld', f.sessions.held, 'count');
  add('sessions', 'attendances', f.sessions.attendances, 'count');
  add('sessions', 'participantHours', f.sessions.participantMinutes, 'hours');
  add('groups', 'groupsActive', f.groups.active, 'count');
  const breakdowns = [
    ['language', f.groups.byLanguage],
    ['region', f.groups.byRegion],
    ['topic', f.groups.byTopic],
  ] as const;
  for (const [by, list] of breakdowns)
    for (const row of list) {
      add('groups', `${by}.groups`, row.groups, 'count', row.key);
      add('groups', `${by}.sessionsHeld`, row.sessionsHeld, 'count', row.key);
      add('groups', `${by}.families`, row.families, 'people', row.key);
    }
  add('alongside', 'pairingsActive', f.alongside.pairingsActive, 'people');
  add('alongside', 'pairingsNew', f.alongside.pairingsNew, 'people');
  add('alongside', 'contacts', f.alongside.contacts, 'count');
  add('alongside', 'contactHours', f.alongside.contactMinutes, 'hours');
  add('alongside', 'alongsideVolunteers', f.alongside.volunteers, 'people');
  add('volunteers', 'volunteersActive', f.volunteers.active, 'people');
  add('volunteers', 'volunteerHours', f.volunteers.totalMinutes, 'hours');
  add('volunteers', 'sessionHours', f.volunteers.sessionMinutes, 'hours');
  add('volunteers', 'alongsideHours', f.volunteers.alongsideMinutes, 'hours');
  add('volunteers', 'trainingHours', f.volunteers.trainingMinutes, 'hours');
  add('training', 'trainingsHeld', f.training.trainingsHeld, 'count');
  add('training', 'trainees', f.training.trainees, 'people');
  add('training', 'certified', f.training.certified, 'people');
  add('referrals', 'referred', f.referrals.referred, 'people');
  add('referrals', 'signedUp', f.referrals.signedUp, 'people');
  for (const row of f.referrals.byPartnerKind) {
    add('referrals', 'partnerKind.referred', row.referred, 'people', row.key);
    add('referrals', 'partnerKind.signedUp', row.signedUp, 'people', row.key);
  }
  return rows;
}
