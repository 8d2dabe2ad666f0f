// Supervision of volunteer facilitators, shared by server and client: reports after sessions,
// safeguarding alerts, the trainer's dashboard, meetings for facilitators, pausing oneself.
//
// GET  /api/sessions/:sessionId/report/draft            → ReportDraft (the group's facilitators:
//                                                         attendance pre-filled from the video)
// POST /api/sessions/:sessionId/report     reportInput  → 201 ReportInfo (the group's facilitators;
//                                                         one report per session; a safeguarding
//                                                         flag opens an alert for the group's trainer)
// GET  /api/reports?groupId                             → ReportSummary[] (group's trainer and
//                                                         facilitators; newest first)
// GET  /api/reports/due                                 → ReportDue[] (a facilitator: sessions of
//                                                         their groups held on the platform in the
//                                                         last 30 days without a report, newest first)
// GET  /api/reports/:id                                 → ReportInfo (the same people)
// POST /api/reports/:id/feedback           feedback     → ReportInfo (the group's trainer)
// GET  /api/alerts?state=open|all                       → AlertInfo[] (the trainer they were sent to)
// POST /api/alerts/:id/acknowledge         acknowledge  → AlertInfo (that trainer only)
// GET  /api/supervision/dashboard                       → SupervisionDashboard (trainer)
// GET  /api/supervision/contact?weeks=N&cursor          → FacilitatorContactPage (coordinator:
//                                                         a page, longest without contact first)
// PUT  /api/me/pause                       pause        → PauseInfo (facilitator pauses themself)
// DELETE /api/me/pause                                  → PauseInfo (back from the pause)
// GET  /api/me/pause                                    → PauseInfo
//
// Meetings for facilitators (cohort training, työnohjaus, peer meetings, interviews) are groups of
// another kind (protocol/groups.ts GROUP_KINDS) with their own members; see /api/meetings there.
import { z } from 'zod';
import type { LocalizedText } from './groups.ts';
import type { CheckInAggregate, PlanItemRun } from './roomTools.ts';
import type { SessionTimes } from './sessionState.ts';

export const REPORT_THEMES = [
  'parenting',
  'two-cultures',
  'language',
  'school-daycare',
  'relationships',
  'wellbeing',
  'services',
  'loneliness',
  'other',
] as const;
export type ReportTheme = (typeof REPORT_THEMES)[number];

/** How the session went, from 1 (hard) to 5 (very well). */
export const MOOD_SCALE = [1, 2, 3, 4, 5] as const;

const objectId = z.string().regex(/^[a-f0-9]{24}$/);

export const supervisionSchemas = {
  reportInput: z
    .object({
      /** Corrected attendance of the group's confirmed families. */
      attendance: z.array(z.object({ personId: objectId, present: z.boolean() }).strict()).max(40),
      themes: z.array(z.enum(REPORT_THEMES)).max(REPORT_THEMES.length),
      howItWent: z.number().int().min(1).max(5),
      notes: z.string().trim().max(3000).default(''),
      /** Anything of concern (free text; empty = nothing). */
      concern: z.string().trim().max(3000).default(''),
      /** A child's or family's safety: alerts the group's trainer at once. */
      safeguarding: z.boolean(),
    })
    .strict()
    .refine((r) => !r.safeguarding || r.concern.length > 0, {
      message: 'concern-required',
      path: ['concern'],
    }),
  feedback: z.object({ text: z.string().trim().min(1).max(3000) }).strict(),
  acknowledge: z.object({ note: z.string().trim().max(1000).default('') }).strict(),
  alertsQuery: z.object({ state: z.enum(['open', 'all']).default('open') }).strict(),
  reportsQuery: z.object({ groupId: objectId.optional() }).strict(),
  contactQuery: z
    .object({
      weeks: z.coerce.number().int().min(1).max(52).default(4),
      /** Where the next page starts: the `nextCursor` of the page before. */
      cursor: z
        .string()
        .regex(/^\d{4}-\d{2}:\d{1,6}$/)
        .optional(),
    })
    .strict(),
  pause: z
    .object({
      /** Optional: a local date (YYYY-MM-DD) when they expect to be back. */
      until: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .nullable()
        .optional(),
      /** Private to the person and their trainer. */
      note: z.string().trim().max(500).default(''),
    })
    .strict(),
} as const;

export type ReportInput = z.input<typeof supervisionSchemas.reportInput>;

export interface ReportDraft {
  sessionId: string;
  groupId: string;
  groupTitle: LocalizedText[];
  startsAt: string;
  /** Confirmed families, present as recorded by the video (or corrected). */
  attendance: { personId: string; displayName: string; present: boolean }[];
  /** Already filed: the client shows it instead of the form. */
  existingReportId: string | null;
  /** The session plan as run in the live room, minutes per item. */
  planRun: PlanItemRun[];
  /** Check-in aggregates the facilitator kept (counts only). */
  checkIns: CheckInAggregate[];
}

export interface ReportFeedback {
  byName: string;
  text: string;
  at: string;
}

/** A session that took place and waits for its facilitators' report. */
export interface ReportDue {
  sessionId: string;
  groupId: string;
  groupTitle: LocalizedText[];
  startsAt: string;
}

export interface ReportSummary {
  id: string;
  sessionId: string;
  groupId: string;
  groupTitle: LocalizedText[];
  sessionStartsAt: string;
  authorName: string;
  howItWent: number;
  themes: ReportTheme[];
  hasConcern: boolean;
  safeguarding: boolean;
  feedbackCount: number;
  createdAt: string;
}

export interface ReportInfo extends ReportSummary {
  attendance: { personId: string | null; displayName: string; present: boolean }[];
  notes: string;
  concern: string;
  feedback: ReportFeedback[];
  /** The viewer may answer (the group's trainer). */
  canGiveFeedback: boolean;
  /** What the room's tools recorded, as in the draft. */
  planRun: PlanItemRun[];
  checkIns: CheckInAggregate[];
}

export interface AlertInfo {
  id: string;
  kind: 'safeguarding';
  reportId: string;
  groupId: string;
  groupTitle: LocalizedText[];
  sessionStartsAt: string;
  facilitatorName: string;
  /** The concern as written. */
  concern: string;
  openedAt: string;
  acknowledgedAt: string | null;
  note: string;
}

export interface DashboardSession extends SessionTimes {
  sessionId: string;
  groupId: string;
  groupTitle: LocalizedText[];
  groupKind: string;
  startsAt: string;
  endsAt: string;
  /** A live session is running now (someone is in it). */
  live: boolean;
  /** Visible participants in the live session now. */
  participants: number;
  facilitators: { id: string; displayName: string }[];
  /** Families were told trainers may observe (and the viewer is the group's trainer). */
  canObserve: boolean;
  /** A report was filed for it. */
  reportId: string | null;
}

export interface SupervisedFacilitator {
  id: string;
  displayName: string;
  paused: boolean;
  certifiedUntil: string | null;
  /** Required training modules passed / all required (for trainees). */
  requiredPassed: number;
  requiredTotal: number;
  lastContactAt: string | null;
}

export interface SupervisionDashboard {
  /** Now-live first, then the next 14 days, of groups where the viewer is the trainer. */
  sessions: DashboardSession[];
  recentReports: ReportSummary[];
  openAlerts: AlertInfo[];
  facilitators: SupervisedFacilitator[];
  /** Reflections waiting for the viewer's review. */
  reflectionsWaiting: number;
}

export interface FacilitatorContact {
  id: string;
  displayName: string;
  supervisorId: string | null;
  supervisorName: string | null;
  paused: boolean;
  /** The last time a trainer was in contact (feedback, review, sign-off, supervision message or
   *  meeting, acknowledging their alert); null = never. */
  lastContactAt: string | null;
  /** What that contact was. */
  lastContactKind: string | null;
}

export interface FacilitatorContactPage {
  volunteers: FacilitatorContact[];
  /** Pass back as `cursor` for the next page; null at the end. */
  nextCursor: string | null;
}

export interface PauseInfo {
  paused: boolean;
  since: string | null;
  until: string | null;
  note: string;
}
