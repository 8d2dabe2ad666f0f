// The partnership table (kumppanuuspöytä): coordinators and partner contact persons meet a few
// times a year on the session engine (video, chat, reminders, calendar). Members add agenda items
// before a meeting, write minutes during it, and raise action items that stay open — and shown
// at the next meetings — until done. Shared by client and server.
//
// GET  /api/tables                          → TableSummary[] (mine; a coordinator: all)
// POST /api/tables             tableInput   → 201 TableDetail (coordinator)
// GET  /api/tables/:id?sessionId            → TableDetail (members, coordinators); the meeting
//                                              shown is `sessionId` or the next one
// PUT  /api/tables/:id/members tableMembers → TableDetail (coordinator)
// POST /api/tables/:id/agenda  agendaInput  → 201 AgendaItemInfo (members; before the meeting ends)
// PUT  /api/tables/:id/minutes minutesInput → MinutesInfo (members; 409 when someone saved first)
// POST /api/tables/:id/actions actionInput  → 201 ActionItemInfo (members)
// PUT  /api/tables/:id/actions/:actionId  actionUpdate → ActionItemInfo (members)
import { z } from 'zod';
import { objectId, spokenLanguage } from './api.ts';
import { scheduleSchema, type LocalizedText, type UpcomingSession } from './groups.ts';

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const localized = z
  .array(z.object({ lang: spokenLanguage, text: z.string().trim().min(1).max(2000) }).strict())
  .min(1)
  .max(8);

export const ACTION_STATUSES = ['open', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const tableSchemas = {
  tableInput: z
    .object({
      title: localized,
      description: localized.optional(),
      /** Coordinators and partner contact persons (the host, a coordinator, is added). */
      memberIds: z.array(objectId).min(1).max(60),
      sessionLanguages: z.array(spokenLanguage).min(1).max(4),
      schedule: scheduleSchema,
    })
    .strict(),
  tableMembers: z.object({ memberIds: z.array(objectId).min(1).max(60) }).strict(),
  detailQuery: z.object({ sessionId: objectId.optional() }).strict(),
  agendaInput: z.object({ sessionId: objectId, text: z.string().trim().min(1).max(1000) }).strict(),
  minutesInput: z
    .object({
      sessionId: objectId,
      text: z.string().max(50_000),
      /** The version the writer started from (0: none yet). */
      baseVersion: z.number().int().min(0),
    })
    .strict(),
  actionInput: z
    .object({
      sessionId: objectId,
      text: z.string().trim().min(1).max(1000),
      ownerId: objectId,
      dueDate: localDate,
    })
    .strict(),
  actionUpdate: z
    .object({
      status: z.enum(ACTION_STATUSES).optional(),
      ownerId: objectId.optional(),
      dueDate: localDate.optional(),
    })
    .strict(),
} as const;

export type TableInput = z.input<typeof tableSchemas.tableInput>;

export interface TableMember {
  id: string;
  displayName: string;
  /** The partner organisation they speak for (null: a coordinator). */
  organisation: string | null;
}

export interface TableSummary {
  id: string;
  title: LocalizedText[];
  host: { id: string; displayName: string };
  memberCount: number;
  nextSessions: UpcomingSession[];
  openActionItems: number;
}

export interface AgendaItemInfo {
  id: string;
  sessionId: string;
  text: string;
  author: { id: string; displayName: string };
  createdAt: string;
}

export interface MinutesInfo {
  sessionId: string;
  text: string;
  version: number;
  updatedBy: { id: string; displayName: string } | null;
  updatedAt: string | null;
}

export interface ActionItemInfo {
  id: string;
  text: string;
  owner: { id: string; displayName: string };
  dueDate: string;
  status: ActionStatus;
  /** The meeting it was raised at, and its local date. */
  sessionId: string;
  raisedOn: string;
  /** A contact person who left handed it over (their name), if so. */
  handedOverFrom: string | null;
  doneAt: string | null;
}

export interface TableMeeting {
  id: string;
  date: string;
  startsAt: string;
  endsAt: string;
  status: string;
}

export interface TableDetail extends Omit<TableSummary, 'memberCount' | 'openActionItems'> {
  description: LocalizedText[];
  sessionLanguages: string[];
  members: TableMember[];
  /** Every meeting of the table, earliest first (minutes of earlier ones stay readable). */
  meetings: TableMeeting[];
  /** The meeting this page is about (null: the table has none). */
  meeting: TableMeeting | null;
  /** Items may be added to the agenda until the meeting ends. */
  agendaOpen: boolean;
  agenda: AgendaItemInfo[];
  minutes: MinutesInfo | null;
  /** Raised at this meeting. */
  actionItems: ActionItemInfo[];
  /** Raised at earlier meetings and still open (or closed since this meeting began). */
  carriedOver: ActionItemInfo[];
  /** The table's chat: its shared channel between meetings. */
  channelId: string;
  canManage: boolean;
}
