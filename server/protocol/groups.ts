// The REST contract for peer groups: catalogue, schedule, enrolment, sessions, attendance,
// reminders, calendar and reach figures. Times are ISO instants (UTC); schedules are written in
// Europe/Helsinki wall-clock time ("18:00" stays 18:00 across daylight-saving changes).
//
// GET    /api/groups?lang&topic&weekday&timeOfDay&region&freePlaces&q&cursor  catalogue → CataloguePage
// GET    /api/groups/all?cursor                        → AllGroupsPage (coordinator: every group, drafts too;
//                                                        newest first, a page at a time)
// GET    /api/groups/mine                              → MyGroups (enrolments + upcoming sessions)
// GET    /api/groups/:id                               → GroupDetail
// POST   /api/groups                 groupInput        → 201 GroupDetail (coordinator)
// PUT    /api/groups/:id             groupInput        → GroupDetail (coordinator; lead facilitator: not schedule/staff)
// POST   /api/groups/:id/schedule/changes  scheduleChange → GroupDetail (facilitators of the group, coordinator)
// POST   /api/groups/:id/enrolments  enrol             → 201 EnrolmentInfo (family)
// DELETE /api/groups/:id/enrolments/me                 → 204 (family: cancel own; promotes the next)
// GET    /api/groups/:id/enrolments                    → EnrolmentInfo[] (facilitators of the group, coordinator)
// POST   /api/groups/:id/enrolments/:enrolmentId/approve → EnrolmentInfo (facilitators)
// POST   /api/groups/:id/enrolments/:enrolmentId/remove  removeEnrolment → 204 (facilitators)
// GET    /api/groups/:id/sessions                      → SessionInfo[] (members, facilitators)
// PUT    /api/sessions/:sessionId/attendance  attendanceCorrection → AttendanceInfo[] (facilitators)
// GET    /api/sessions/:sessionId/attendance           → AttendanceInfo[] (facilitators)
// GET    /api/me/reminders                              → ReminderPreferences
// PUT    /api/me/reminders          reminderPreferences → ReminderPreferences
// GET    /api/me/calendar                               → { url } (private feed URL; POST rotates)
// POST   /api/me/calendar                               → { url }
// GET    /calendar/:token.ics (no session: the token is the key) → text/calendar
// GET    /api/groups/:id/calendar.ics                   → text/calendar download (members)
// GET    /api/notifications                             → NotificationInfo[] (in-app reminders)
// POST   /api/notifications/read                        → 204 (marks all of mine read)
// GET    /api/meetings                                  → MeetingInfo[] (meetings I host or belong to; coordinator: all)
// POST   /api/meetings              meetingInput      → 201 MeetingInfo (coordinator; trainer: hosts it;
//                                                        facilitator: a peer meeting they host)
// PUT    /api/meetings/:id/members  meetingMembers    → MeetingInfo (the host, coordinator)
// GET    /api/meetings/colleagues                       → { id, displayName }[] (facilitators, for a peer meeting)
// GET    /api/reach?from&to                             → ReachFigures (coordinator)
// GET    /api/reach.csv?from&to                         → text/csv (coordinator)
import { z } from 'zod';
import { spokenLanguage } from './api.ts';
import type { SessionTimes } from './sessionState.ts';

export const TOPICS = [
  'everyday-two-cultures',
  'small-children',
  'school-age',
  'teenagers',
  'fathers',
  'mothers',
  'language-at-home',
  'wellbeing',
] as const;
export type Topic = (typeof TOPICS)[number];
export const AUDIENCES = ['parents', 'mothers', 'fathers', 'couples'] as const;
/**
 * Family peer groups, and meetings for facilitators run on the same engine (sessions, live video,
 * chat, calendar) with their own members: cohort training, group supervision (työnohjaus), peer
 * meetings and recruitment interviews; and the partnership table (kumppanuuspöytä) of coordinators
 * and partner contact persons (protocol/partnership.ts); and a walk-alongside pair's video meetings
 * (protocol/alongside.ts). Meetings are never in the catalogue.
 */
export const GROUP_KINDS = [
  'family',
  'training',
  'supervision',
  'peer',
  'interview',
  'partnership',
  'alongside',
] as const;
export type GroupKind = (typeof GROUP_KINDS)[number];
export const MEETING_KINDS = ['training', 'supervision', 'peer'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const GROUP_STATUSES = ['draft', 'open', 'full', 'running', 'ended'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];
export const WEEKDAYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];
/** Finland's wellbeing services counties (and Helsinki), for regional groups. */
export const REGIONS = [
  'online-finland',
  'helsinki',
  'ita-uusimaa',
  'keski-uusimaa',
  'lansi-uusimaa',
  'vantaa-kerava',
  'varsinais-suomi',
  'satakunta',
  'kanta-hame',
  'pirkanmaa',
  'paijat-hame',
  'kymenlaakso',
  'etela-karjala',
  'etela-savo',
  'pohjois-savo',
  'pohjois-karjala',
  'keski-suomi',
  'etela-pohjanmaa',
  'pohjanmaa',
  'keski-pohjanmaa',
  'pohjois-pohjanmaa',
  'kainuu',
  'lappi',
] as const;
export type Region = (typeof REGIONS)[number];

const objectId = z.string().regex(/^[a-f0-9]{24}$/);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const localized = z
  .array(z.object({ lang: spokenLanguage, text: z.string().trim().min(1).max(2000) }).strict())
  .min(1)
  .max(8);

export const scheduleSchema = z
  .object({
    frequency: z.enum(['weekly', 'biweekly', 'monthly']),
    weekday: z.enum(WEEKDAYS),
    /** For monthly: which weekday of the month (1–4, or -1 for the last). */
    monthlyNth: z
      .union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)])
      .optional(),
    /** For monthly: every how many months (default 1; 3 = four times a year). */
    everyMonths: z.number().int().min(1).max(12).optional(),
    startDate: localDate,
    startTime: localTime,
    durationMinutes: z.number().int().min(15).max(240),
    /** Either an end date or a number of sessions. */
    until: localDate.optional(),
    count: z.number().int().min(1).max(100).optional(),
  })
  .strict()
  .refine((s) => (s.until === undefined) !== (s.count === undefined), {
    message: 'until-or-count',
    path: ['until'],
  });
export type ScheduleInput = z.input<typeof scheduleSchema>;

export const groupSchemas = {
  catalogue: z
    .object({
      lang: spokenLanguage.optional(),
      topic: z.enum(TOPICS).optional(),
      weekday: z.enum(WEEKDAYS).optional(),
      timeOfDay: z.enum(TIMES_OF_DAY).optional(),
      region: z.enum(REGIONS).optional(),
      freePlaces: z.enum(['true']).optional(),
      q: z.string().trim().max(60).optional(),
      cursor: z
        .string()
        .regex(/^\d{1,6}$/)
        .optional(),
    })
    .strict(),
  /** The coordinator's overview: `cursor` is the last group id of the page before. */
  allGroups: z.object({ cursor: objectId.optional() }).strict(),
  groupInput: z
    .object({
      title: localized,
      description: localized,
      topics: z.array(z.enum(TOPICS)).min(1).max(TOPICS.length),
      sessionLanguages: z.array(spokenLanguage).min(1).max(4),
      audience: z.enum(AUDIENCES),
      region: z.enum(REGIONS),
      capacity: z.number().int().min(2).max(30),
      leadFacilitatorId: objectId,
      coFacilitatorId: objectId.nullable().optional(),
      trainerId: objectId,
      status: z.enum(['draft', 'open', 'ended']),
      visibility: z.enum(['public', 'invitation']),
      /** Shown to families before they enrol; trainers may observe only when true. */
      observationAllowed: z.boolean(),
      requiresApproval: z.boolean(),
      /** Minutes before a session starts when joining opens. */
      joinWindowMinutes: z.number().int().min(0).max(60),
      /** Enrolled families enter live sessions directly (default) or wait in the lobby. */
      autoAdmit: z.boolean().optional(),
      schedule: scheduleSchema,
    })
    .strict(),
  scheduleChange: z
    .object({
      /** The occurrence's original local date. */
      date: localDate,
      action: z.enum(['cancel', 'move']),
      /** For a move: the new local date and time. */
      newDate: localDate.optional(),
      newTime: localTime.optional(),
      reason: z.string().trim().min(1).max(300),
    })
    .strict(),
  enrol: z
    .object({
      /** The version of the group's rules the family accepted (GroupDetail.rulesVersion). */
      acceptRules: z.string().min(1).max(40),
    })
    .strict(),
  removeEnrolment: z.object({ reason: z.string().trim().min(1).max(300) }).strict(),
  attendanceCorrection: z
    .object({
      entries: z.array(z.object({ personId: objectId, present: z.boolean() }).strict()).max(40),
    })
    .strict(),
  reminderPreferences: z
    .object({
      /** Minutes before a session; at most four reminders, none is allowed. */
      offsetsMinutes: z
        .array(
          z
            .number()
            .int()
            .min(5)
            .max(7 * 24 * 60),
        )
        .max(4),
      email: z.boolean(),
    })
    .strict(),
  /** `lang`: the CSV's language (the UI's, which a download link's headers do not carry). */
  reachPeriod: z
    .object({ from: localDate, to: localDate, lang: z.string().max(20).optional() })
    .strict(),
  meetingInput: z
    .object({
      kind: z.enum(MEETING_KINDS),
      title: localized,
      description: localized.optional(),
      /** Who runs it: a trainer for training and supervision; a facilitator or trainer for peer. */
      hostId: objectId,
      /** Facilitators (trainees included) taking part. */
      memberIds: z.array(objectId).min(1).max(30),
      sessionLanguages: z.array(spokenLanguage).min(1).max(4),
      schedule: scheduleSchema,
    })
    .strict(),
  meetingMembers: z.object({ memberIds: z.array(objectId).min(1).max(30) }).strict(),
} as const;

export type MeetingInput = z.input<typeof groupSchemas.meetingInput>;

export interface MeetingInfo {
  id: string;
  kind: MeetingKind;
  title: LocalizedText[];
  description: LocalizedText[];
  host: { id: string; displayName: string };
  members: { id: string; displayName: string }[];
  sessionLanguages: string[];
  nextSessions: UpcomingSession[];
  /** The viewer may change members and the schedule. */
  canManage: boolean;
}

export interface LocalizedText {
  lang: string;
  text: string;
}

/** One session as lists show it; `sessionState()` (sessionState.ts) says what it is now. */
export interface UpcomingSession extends SessionTimes {
  id: string;
  /** The occurrence's original local date (YYYY-MM-DD): how schedule changes name it, even once moved. */
  date: string;
  startsAt: string;
  endsAt: string;
  /** When a moved or cancelled session's reason was given. */
  reason: string | null;
  /** A facilitator removed the viewer from this session: they cannot rejoin it. */
  removed?: boolean;
}

export interface GroupCard {
  id: string;
  kind: GroupKind;
  title: LocalizedText[];
  topics: Topic[];
  sessionLanguages: string[];
  region: Region;
  audience: (typeof AUDIENCES)[number];
  status: GroupStatus;
  capacity: number;
  freePlaces: number;
  waitlistLength: number;
  observationAllowed: boolean;
  weekday: Weekday;
  startTime: string;
  nextSessions: UpcomingSession[];
}

export interface CataloguePage {
  groups: GroupCard[];
  /** Pass back as `cursor` for the next page; null at the end. */
  nextCursor: string | null;
  total: number;
}

/** A page of the coordinator's overview of every family group, newest first. */
export interface AllGroupsPage {
  groups: GroupCard[];
  /** Pass back as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

export type EnrolmentStatus = 'confirmed' | 'waitlisted' | 'pending' | 'cancelled' | 'removed';

export interface EnrolmentInfo {
  id: string;
  groupId: string;
  personId: string;
  displayName: string;
  status: EnrolmentStatus;
  /** 1-based place in the waitlist (waitlisted only). */
  waitlistPosition: number | null;
  createdAt: string;
  reason: string | null;
}

export interface GroupDetail extends GroupCard {
  description: LocalizedText[];
  leadFacilitator: { id: string; displayName: string };
  coFacilitator: { id: string; displayName: string } | null;
  trainerId: string;
  visibility: 'public' | 'invitation';
  requiresApproval: boolean;
  joinWindowMinutes: number;
  autoAdmit: boolean;
  schedule: ScheduleInput;
  rulesVersion: string;
  /** The viewer's own enrolment, if any. */
  myEnrolment: EnrolmentInfo | null;
  /** What the viewer may do here. */
  /** `observe`: the viewer may join this group's sessions as a hidden observer. */
  /** `join`: the viewer takes part in its sessions (a confirmed family or a facilitator); `host`: leads them. */
  can: {
    manage: boolean;
    edit: boolean;
    enrol: boolean;
    roster: boolean;
    observe: boolean;
    join: boolean;
    host: boolean;
  };
}

export interface MyGroups {
  enrolments: (EnrolmentInfo & { group: GroupCard })[];
  /** Facilitators and trainers: the groups they run or supervise. */
  running: GroupCard[];
  upcoming: (UpcomingSession & { groupId: string; title: LocalizedText[]; hosting: boolean })[];
}

export interface AttendanceInfo {
  personId: string;
  displayName: string;
  present: boolean;
  source: 'video' | 'facilitator';
  joinedAt: string | null;
}

export interface ReminderPreferences {
  offsetsMinutes: number[];
  email: boolean;
}

export interface NotificationInfo {
  id: string;
  kind:
    | 'reminder'
    | 'session-cancelled'
    | 'session-moved'
    | 'enrolment-confirmed'
    | 'enrolment-waitlisted'
    | 'enrolment-requested'
    | 'enrolment-promoted'
    | 'enrolment-cancelled'
    | 'enrolment-removed'
    | 'chat-report'
    | 'chat-mention'
    | 'certification-expiring'
    | 'safeguarding-alert'
    | 'report-feedback'
    | 'reflection-reviewed'
    | 'referral-reminder'
    | 'alongside-paired'
    | 'alongside-ended'
    | 'alongside-quiet'
    | 'appointment-reminder'
    | 'appointment-note';
  /** Null for notices that are not about a group (training, certification). */
  groupId: string | null;
  sessionId: string | null;
  /** Where "open" leads in the client (a path). */
  link: string;
  /** Already in the viewer's language. */
  text: string;
  createdAt: string;
  readAt: string | null;
}

export interface ReachRow {
  key: string;
  sessionsHeld: number;
  attendances: number;
  uniqueFamilies: number;
}

/** What names a group in the figures: its titles, and what tells two of the same title apart. */
export interface ReachGroupName {
  title: { lang: string; text: string }[];
  region: string;
  /** Helsinki date of its first session (YYYY-MM-DD). */
  startDate: string;
}

export interface ReachFigures {
  from: string;
  to: string;
  totals: Omit<ReachRow, 'key'>;
  /** Keyed by group id; `groups` names each one (the id is never shown). */
  byGroup: ReachRow[];
  groups: Record<string, ReachGroupName>;
  byLanguage: ReachRow[];
  byRegion: ReachRow[];
  byTopic: ReachRow[];
  /** Sessions held and attendances per ISO week (key "2026-W05", shown translated). */
  byWeek: ReachRow[];
  /** When these figures were counted. */
  countedAt: string;
  /** Counted before a change: being counted again now (ask again in a moment). */
  updating: boolean;
}
