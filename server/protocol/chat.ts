// Chat and presence over Socket.IO, shared by server and client.
//
// Channels are named by kind and id:
// - `group:<groupId>`: the group's own channel (facilitators and confirmed families write, the
//   trainer reads; a coordinator's announcement to the group lands here too);
// - `session:<sessionId>`: a live session's chat, kept with the session;
// - `direct:<conversationId>`: a family with their group's facilitators, or a facilitator with
//   their trainer (supervision);
// - `announcements:facilitators`: coordinators to every facilitator and trainer.
// Messages carry the sender's client-made id (retries without doubles) and a per-channel
// sequence number the server assigns (order, catch-up, read markers, history cursors).
import { z } from 'zod';
import type { LanguageCode } from './languages.ts';
import type { SharedEntryCard } from './directory.ts';
import type { LocalizedText } from './groups.ts';

export const FACILITATOR_ANNOUNCEMENTS = 'announcements:facilitators';
export type ChannelKind = 'group' | 'session' | 'direct' | 'announcements';

export const channelIdSchema = z
  .string()
  .regex(/^(?:(?:group|session|direct):[0-9a-f]{24}|announcements:facilitators)$/)
  .transform((value) => {
    const [kind, id] = value.split(':') as [ChannelKind, string];
    return { kind, id, key: value };
  });
const objectId = z.string().regex(/^[0-9a-f]{24}$/);
/** Plain text only: the client renders it as text, links included. */
export const MAX_MESSAGE_LENGTH = 2000;
const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const messageRef = { channelId: channelIdSchema, seq: seq.min(1) };
const text = z.string().trim().min(1).max(MAX_MESSAGE_LENGTH);
const clientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const REPORT_REASONS = ['hurtful', 'unsafe', 'privacy', 'spam', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export const PRESENCE_STATES = ['online', 'away', 'inSession', 'offline'] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

export const chatSchemas = {
  /**
   * Stored before it is acknowledged; sending the same clientId again returns the same message.
   * `mentionFacilitators` notifies the group's facilitators (the "@facilitator" of the composer).
   */
  'chat:send': z
    .object({
      channelId: channelIdSchema,
      clientId,
      text,
      mentionFacilitators: z.boolean().default(false),
    })
    .strict(),
  /** A coordinator's announcement: to one group's channel, or to every facilitator. */
  'chat:announce': z
    .object({
      to: z.union([
        z.object({ groupId: objectId }).strict(),
        z.object({ facilitators: z.literal(true) }).strict(),
      ]),
      clientId,
      text,
    })
    .strict(),
  /**
   * Those who run a group share a service directory entry into its channel: a message with the
   * entry as a card (and as plain text where cards are not drawn).
   */
  'chat:shareEntry': z.object({ groupId: objectId, entryId: objectId, clientId }).strict(),
  /** Messages after `afterSeq` (catch-up after a reconnect), oldest first, up to `limit`. */
  'chat:sync': z
    .object({
      channelId: channelIdSchema,
      afterSeq: seq,
      limit: z.number().int().min(1).max(500).default(200),
    })
    .strict(),
  /** Older messages: before `beforeSeq` (omit for the newest), returned oldest first. */
  'chat:history': z
    .object({
      channelId: channelIdSchema,
      beforeSeq: seq.min(1).optional(),
      limit: z.number().int().min(1).max(100).default(50),
    })
    .strict(),
  /** Receive new messages, edits and typing of these channels on this socket. */
  'chat:subscribe': z.object({ channelIds: z.array(channelIdSchema).min(1).max(50) }).strict(),
  /** Everything I have read in this channel, up to `seq` (markers only move forward). */
  'chat:read': z.object(messageRef).strict(),
  /** "I am typing" — sent at most every few seconds while typing; shown for a few seconds. */
  'chat:typing': z.object({ channelId: channelIdSchema }).strict(),
  'chat:edit': z.object({ ...messageRef, text }).strict(),
  'chat:delete': z.object(messageRef).strict(),
  /** A facilitator hides (or shows again) a message in their group's channels. */
  'chat:hide': z.object({ ...messageRef, hidden: z.boolean() }).strict(),
  /** A member reports a message: the group's facilitators and trainer are told. */
  'chat:report': z
    .object({
      ...messageRef,
      reason: z.enum(REPORT_REASONS),
      note: z.string().trim().max(500).default(''),
    })
    .strict(),
  /** Every conversation I can read, with unread counts, newest activity first. */
  'chat:conversations': z.object({}).strict(),
  /**
   * Opens (or finds) a direct conversation about a group: a family with its facilitators, a
   * facilitator with the group's trainer, the trainer with the group's lead or co-facilitator.
   */
  'chat:openDirect': z
    .object({
      groupId: objectId,
      with: z.enum(['facilitators', 'trainer', 'lead', 'coFacilitator']),
    })
    .strict(),
  /** This tab is being used (`online`) or not (`away`: hidden or idle). */
  'presence:set': z.object({ state: z.enum(['online', 'away']) }).strict(),
  /** Who of a group is around now; updates follow as `presence:changed`. */
  'presence:watch': z.object({ groupId: objectId }).strict(),
} as const;

export type SenderRole = 'family' | 'facilitator' | 'trainer' | 'coordinator';

export interface ChatMessage {
  channelId: string;
  seq: number;
  clientId: string;
  /** The sender as this channel knows them: stable per channel, not their account id. */
  senderKey: string;
  senderName: string;
  senderRole: SenderRole;
  kind: 'message' | 'announcement';
  /** Empty when deleted, or hidden (moderators still get the text, with `hidden`). */
  text: string;
  /** The writer's UI language when they sent it (absent on older messages: `dir="auto"` only). */
  lang?: LanguageCode;
  sentAt: string;
  editedAt: string | null;
  deleted: boolean;
  hidden: boolean;
  mentionsFacilitators: boolean;
  /** A shared service directory entry, drawn as a card (absent once deleted or hidden). */
  entry?: SharedEntryCard | null;
}

export interface ChannelState {
  channelId: string;
  lastSeq: number;
  readSeq: number;
  myKey: string;
  canPost: boolean;
  /** May hide messages (the group's facilitators). */
  canModerate: boolean;
}

export interface ConversationSummary {
  channelId: string;
  kind: Exclude<ChannelKind, 'session'>;
  /** The group it is about (group channels and direct conversations). */
  group: { id: string; title: LocalizedText[] } | null;
  /** Direct conversations: who is on the other side, and their name(s). */
  counterpart: {
    role: 'facilitators' | 'family' | 'trainer' | 'facilitator' | 'volunteer';
    name: string;
  } | null;
  lastSeq: number;
  readSeq: number;
  /** Messages by others after my read marker. */
  unread: number;
  lastMessage: Pick<ChatMessage, 'senderName' | 'text' | 'sentAt' | 'deleted' | 'hidden'> | null;
  canPost: boolean;
}

export interface PresenceEntry {
  /** The person's sender key in the group's channel (matches `ChatMessage.senderKey`). */
  key: string;
  name: string;
  role: 'family' | 'facilitator' | 'trainer';
  state: PresenceState;
}

export interface ChatResponses {
  'chat:send': ChatMessage;
  'chat:announce': ChatMessage;
  'chat:shareEntry': ChatMessage;
  'chat:sync': { messages: ChatMessage[]; lastSeq: number };
  'chat:history': { messages: ChatMessage[]; hasMore: boolean };
  'chat:subscribe': { channels: ChannelState[] };
  'chat:read': { readSeq: number };
  'chat:typing': Record<string, never>;
  'chat:edit': ChatMessage;
  'chat:delete': ChatMessage;
  'chat:hide': ChatMessage;
  'chat:report': { reported: true };
  'chat:conversations': { conversations: ConversationSummary[] };
  'chat:openDirect': ConversationSummary;
  'presence:set': Record<string, never>;
  'presence:watch': { groupId: string; members: PresenceEntry[] };
}

export interface ChatEvents {
  'chat:message': (message: ChatMessage) => void;
  /** An edit, delete, hide or unhide: replace the message with the same channel and seq. */
  'chat:updated': (message: ChatMessage) => void;
  'chat:typing': (typing: { channelId: string; senderKey: string; name: string }) => void;
  /** My read marker moved (perhaps in another tab): unread badges follow. */
  'chat:readMarker': (marker: { channelId: string; readSeq: number }) => void;
  /** A conversation appeared or its membership changed: refresh the list. */
  'chat:conversationsChanged': () => void;
  'presence:changed': (change: { groupId: string; key: string; state: PresenceState }) => void;
}
