// The facilitator's tools in a live room: the session plan with its timer, speaking rounds and
// anonymous check-ins. Signalling only — the media path is the room's own (a round's speaker is
// shown with the existing spotlight). Times are server instants; each client counts down from
// them, corrected by `serverNow`, so everyone sees the same time left.
import { z } from 'zod';

const peerId = z.string().regex(/^[A-Za-z0-9_-]{8,40}$/);
const index = z.number().int().min(0).max(49);

/** Check-ins the client words in each person's language; the server only knows the kind. */
export const CHECK_IN_KINDS = ['mood', 'pace', 'helpful'] as const;
export type CheckInKind = (typeof CHECK_IN_KINDS)[number];
/** How many choices each kind offers (the mood scale 1–5; the others three). */
export const CHECK_IN_CHOICES: Record<CheckInKind, number> = { mood: 5, pace: 3, helpful: 3 };
/** Below this many answers nothing of a check-in's result is shown, to anyone. */
export const CHECK_IN_MINIMUM = 3;
export const PLAN_EXTEND_MINUTES = 5;

export const planItemSchema = z
  .object({ title: z.string().trim().min(1).max(80), minutes: z.number().int().min(1).max(180) })
  .strict();

export const roomToolSchemas = {
  /** REST: PUT /api/groups/:id/plan. */
  planInput: z.object({ items: z.array(planItemSchema).max(20) }).strict(),
};

export const roomToolsSocketSchemas = {
  /** Hosts: start the group's plan, or act on item `index` (the one the host sees as current). */
  'live:plan': z
    .object({
      action: z.enum(['start', 'next', 'skip', 'extend', 'stop']),
      index: index.optional(),
    })
    .strict(),
  /** Hosts: a speaking round, by seat (join order) or shuffled, with an optional gentle timer. */
  'live:roundStart': z
    .object({
      order: z.enum(['seat', 'shuffled']),
      speakerMinutes: z.number().int().min(0).max(10).default(0),
    })
    .strict(),
  /** The current speaker (themself) or a host: this speaker is done. */
  'live:roundPass': z.object({ peerId }).strict(),
  'live:roundEnd': z.object({}).strict(),
  'live:checkInAsk': z.object({ kind: z.enum(CHECK_IN_KINDS) }).strict(),
  'live:checkInAnswer': z.object({ choice: z.number().int().min(0).max(4) }).strict(),
  'live:checkInClose': z.object({}).strict(),
  /** Hosts: keep the closed check-in's aggregate (never answers) for the session report. */
  'live:checkInToReport': z.object({}).strict(),
} as const;

export interface PlanItem {
  title: string;
  minutes: number;
}

/** GET/PUT /api/groups/:id/plan. */
export interface SessionPlanInfo {
  groupId: string;
  items: PlanItem[];
}

export interface PlanView {
  items: PlanItem[];
  /** The current item; equals items.length when the plan is done. */
  index: number;
  startedAt: string;
  endsAt: string;
}

export interface RoundView {
  order: string[];
  /** The current speaker's place in `order`. */
  index: number;
  /** Set when the host gave each speaker a gentle time. */
  speakerEndsAt: string | null;
  /** Hands raised during the round, in the order raised; raised for real when it ends. */
  queuedHands: string[];
}

export interface CheckInView {
  kind: CheckInKind;
  /** How many have answered (never who, never what). */
  answered: number;
  /** Whether the viewer has answered. */
  mine: boolean;
  closed: boolean;
  /** Counts per choice, only once closed with at least CHECK_IN_MINIMUM answers. */
  counts: number[] | null;
  inReport: boolean;
}

export interface ToolsView {
  /** The server's clock when this was sent: clients count down in server time. */
  serverNow: string;
  plan: PlanView | null;
  round: RoundView | null;
  checkIn: CheckInView | null;
  /** After a round: the hands that were raised during it, in order. */
  handsAfterRound: string[];
}

/** A plan item as it ran, and a check-in's aggregate, in the session report draft. */
export interface PlanItemRun {
  title: string;
  plannedMinutes: number;
  actualMinutes: number;
  skipped: boolean;
}

export interface CheckInAggregate {
  kind: CheckInKind;
  counts: number[];
  total: number;
}

export interface RoomToolsResponses {
  'live:plan': null;
  'live:roundStart': null;
  'live:roundPass': null;
  'live:roundEnd': null;
  'live:checkInAsk': null;
  'live:checkInAnswer': null;
  'live:checkInClose': null;
  'live:checkInToReport': null;
}

export interface RoomToolsEvents {
  /** Everyone admitted, after every change (each gets their own `mine`). */
  'live:tools': (view: ToolsView) => void;
}
