// Walk-alongside (rinnallakulkija): a certified volunteer walks alongside one family. Shared by
// client and server.
//
// Family:      POST /api/alongside/requests            ask → AlongsideRequestInfo
//              GET  /api/alongside/mine                → MyAlongside (requests, the pairing)
//              POST /api/alongside/requests/:id/withdraw
//              POST /api/alongside/pairings/:id/end    family ends it at once (a coordinator too)
//              appointments: alongside/appointments.ts
// Coordinator: GET  /api/alongside/requests            → AlongsideRequestInfo[] (waiting first)
//              GET  /api/alongside/requests/:id/candidates → VolunteerCandidate[]
//              POST /api/alongside/requests/:id/pair   pair { volunteerId } → PairingInfo
// Volunteer:   GET  /api/alongside/walking             → VolunteerPairing[] (theirs, active first)
//              POST /api/alongside/pairings/:id/contacts  logContact → ContactLogInfo
//              POST /api/alongside/pairings/:id/meeting   planMeeting → PairingInfo (video)
// Trainer:     GET  /api/alongside/volunteers          → VolunteerLoad[] (their supervisees)
import { z } from 'zod';
import { objectId, spokenLanguage } from './api.ts';
import { REGIONS, type Region } from './groups.ts';

/** How a volunteer was in touch with the family: each logged contact is volunteer time. */
export const CONTACT_KINDS = ['call', 'video', 'meeting', 'message'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** A pairing with no logged contact this long is raised to the volunteer's trainer (once). */
export const QUIET_PAIRING_DAYS = 28;
/** The training module a volunteer must have passed (module.model `qualifies`). */
export const ALONGSIDE_QUALIFICATION = 'walk-alongside';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const text = (max: number) => z.string().trim().max(max);

export const alongsideSchemas = {
  ask: z
    .object({
      /** What kind of help, in the family's own words and language. */
      help: text(1000).min(1),
      /** The language the help text is written in (shown with lang/dir). */
      helpLang: spokenLanguage,
      /** The languages the family speaks, most comfortable first. */
      languages: z.array(spokenLanguage).min(1).max(6),
      region: z.enum(REGIONS).optional(),
      /** A partner's referral this family took up (its id): the request is counted for the partner. */
      referralId: objectId.optional(),
    })
    .strict(),
  pair: z.object({ volunteerId: objectId }).strict(),
  end: z.object({ reason: text(300).optional() }).strict(),
  logContact: z
    .object({
      date: localDate,
      minutes: z.number().int().min(1).max(600),
      kind: z.enum(CONTACT_KINDS),
      /** Read only by the volunteer's supervising trainer. */
      note: text(500).optional(),
    })
    .strict(),
  planMeeting: z
    .object({ date: localDate, time: localTime, minutes: z.number().int().min(15).max(120) })
    .strict(),
  appointment: z
    .object({
      what: text(200).min(1),
      date: localDate,
      time: localTime,
      where: text(200).optional(),
      /** Whether the family's volunteer sees it (and gets a note before it). */
      shared: z.boolean(),
    })
    .strict(),
} as const;

export type AlongsideRequestStatus = 'waiting' | 'paired' | 'withdrawn';

export interface AlongsideRequestInfo {
  id: string;
  status: AlongsideRequestStatus;
  help: string;
  helpLang: string;
  languages: string[];
  region: Region | null;
  /** Coordinators: the family's display name (a first name or pseudonym). */
  familyName: string | null;
  /** Through a partner's referral: the partner organisation's name. */
  partnerName: string | null;
  createdAt: string;
  pairingId: string | null;
}

export interface VolunteerCandidate {
  id: string;
  name: string;
  languagesSpoken: string[];
  /** Languages in common with the family. */
  sharedLanguages: string[];
  activePairings: number;
  certifiedUntil: string;
}

export interface AppointmentInfo {
  id: string;
  what: string;
  startsAt: string;
  where: string;
  shared: boolean;
}

export interface ContactLogInfo {
  id: string;
  date: string;
  minutes: number;
  kind: ContactKind;
  /** Only for the volunteer who wrote it and their trainer. */
  note: string | null;
}

export interface PairingInfo {
  id: string;
  status: 'active' | 'ended';
  startedAt: string;
  endedAt: string | null;
  /** The other party's name, as they chose it. */
  counterpartName: string;
  /** The private conversation (chat channel key `direct:<id>`). */
  conversationId: string;
  /** The pair's video meeting group, when a meeting has been planned. */
  meetingGroupId: string | null;
  nextMeeting: { sessionId: string; startsAt: string; endsAt: string } | null;
}

export interface MyAlongside {
  requests: AlongsideRequestInfo[];
  pairing: PairingInfo | null;
}

export interface VolunteerPairing extends PairingInfo {
  help: string;
  helpLang: string;
  languages: string[];
  contacts: ContactLogInfo[];
  lastContactAt: string | null;
}

export interface VolunteerLoad {
  volunteerId: string;
  name: string;
  activePairings: number;
  lastContactAt: string | null;
  minutesThisYear: number;
  /** Active pairings without a contact for QUIET_PAIRING_DAYS. */
  quietPairings: { pairingId: string; since: string }[];
}

// Appointments (alongside/appointments.ts). Reminder rule: the family 24 h before; an appointment
// written down less than 24 h ahead is reminded 2 h before instead, and one written down less than
// 2 h ahead not at all (the family has it in mind). The volunteer's note goes at the same moment,
// only for a shared appointment while the pairing is active.
export const APPOINTMENT_REMINDER_HOURS = 24;
export const APPOINTMENT_LATE_REMINDER_HOURS = 2;
/** Past appointments still listed (after the coming ones), newest first. */
export const APPOINTMENT_RECENT_DAYS = 14;

/** A change to some of an appointment's fields (date and time are one Helsinki moment together). */
export const appointmentPatchSchema = alongsideSchemas.appointment.partial().strict();

/**
 * Pushed to the volunteer's sockets when the family changed what they share: the page re-reads
 * GET /api/alongside/pairings/:id/appointments. No appointment content travels in the event.
 */
export interface AlongsideEvents {
  'alongside:appointmentsChanged': (change: { pairingId: string }) => void;
}
