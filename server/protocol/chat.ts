// Chat over Socket.IO, shared by server and client. Channels are named by kind and id:
// `group:<groupId>` (the group's own channel) and `session:<sessionId>` (a live session's chat,
// kept with the session). Messages carry the sender's client-made id (for retries without
// doubles) and a per-channel sequence number the server assigns (for order and catch-up).
import { z } from 'zod';

export const channelIdSchema = z
  .string()
  .regex(/^(group|session):[0-9a-f]{24}$/)
  .transform((value) => {
    const [kind, id] = value.split(':') as ['group' | 'session', string];
    return { kind, id, key: value };
  });
/** Plain text only: the client renders it as text, links included. */
export const MAX_MESSAGE_LENGTH = 2000;
const seq = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const chatSchemas = {
  /** Stored before it is acknowledged; sending the same clientId again returns the same message. */
  'chat:send': z
    .object({
      channelId: channelIdSchema,
      clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
      text: z.string().trim().min(1).max(MAX_MESSAGE_LENGTH),
    })
    .strict(),
  /** Messages after `afterSeq` (catch-up after a reconnect), oldest first, up to `limit`. */
  'chat:sync': z
    .object({
      channelId: channelIdSchema,
      afterSeq: seq,
      limit: z.number().int().min(1).max(500).default(200),
    })
    .strict(),
  /** Receive new messages of these channels on this socket (until it disconnects). */
  'chat:subscribe': z.object({ channelIds: z.array(channelIdSchema).min(1).max(50) }).strict(),
} as const;

export interface ChatMessage {
  channelId: string;
  seq: number;
  clientId: string;
  /** The sender as this channel knows them: stable per channel, not their account id. */
  senderKey: string;
  senderName: string;
  text: string;
  sentAt: string;
}

export interface ChatResponses {
  'chat:send': ChatMessage;
  'chat:sync': { messages: ChatMessage[]; lastSeq: number };
  'chat:subscribe': { channels: { channelId: string; lastSeq: number; myKey: string }[] };
}

export interface ChatEvents {
  'chat:message': (message: ChatMessage) => void;
}
