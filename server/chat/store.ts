// Appending to a channel: exactly once per (sender, client id), in one order per channel.
// The next sequence number comes from an in-process counter per channel, checked by the unique
// (channel, seq) index; another process taking a number first just means trying the next one.
// Reading: catch-up after a sequence, history before one, the latest message.
import { serialised } from '../db/claims.ts';
import { op } from '../db/operators.ts';
import type { SenderRole } from '../protocol/chat.ts';
import { Message, messageId, senderKey, type MessageDoc } from './message.model.ts';

const lastSeqs = new Map<string, number>();

/** The newest message of a channel, from the database (other processes may have written). */
export async function latestMessage(channelId: string): Promise<MessageDoc | null> {
  const latest = await Message.findOne({ channelId }).sort({ seq: -1 }).lean();
  if (latest) lastSeqs.set(channelId, Math.max(latest.seq, lastSeqs.get(channelId) ?? 0));
  return latest;
}

/** The last sequence number this process knows of (cheap; may lag behind other processes). */
export async function lastSeq(channelId: string): Promise<number> {
  const known = lastSeqs.get(channelId);
  if (known !== undefined) return known;
  return (await latestMessage(channelId))?.seq ?? 0;
}

export interface Sender {
  personId: string;
  name: string;
  role: SenderRole;
}

export interface NewMessage {
  clientId: string;
  text: string;
  kind?: 'message' | 'announcement';
  mentionsFacilitators?: boolean;
}

/** Stores a message (or finds the one already stored under this client id). */
export function append(
  channelId: string,
  sender: Sender,
  message: NewMessage,
): Promise<{ message: MessageDoc; fresh: boolean }> {
  const _id = messageId(sender.personId, message.clientId);
  return serialised(`chat:${channelId}`, async () => {
    // No look-up first: a retry is rare, and the unique _id refuses it (then we fetch it).
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const seq = (await lastSeq(channelId)) + 1;
      try {
        const created = await Message.create({
          _id,
          channelId,
          seq,
          clientId: message.clientId,
          senderId: sender.personId,
          senderKey: senderKey(channelId, sender.personId),
          senderName: sender.name,
          senderRole: sender.role,
          kind: message.kind ?? 'message',
          mentionsFacilitators: message.mentionsFacilitators ?? false,
          text: message.text,
          sentAt: new Date(),
        });
        lastSeqs.set(channelId, seq);
        return { message: created.toObject(), fresh: true };
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
        // Either this message already exists (a retry raced us) or the number was taken.
        const raced = await Message.findById(_id).lean();
        if (raced) return { message: raced, fresh: false };
        lastSeqs.delete(channelId);
      }
    }
    throw new Error(`no sequence number for ${channelId}`);
  });
}

export function findMessage(channelId: string, seq: number): Promise<MessageDoc | null> {
  return Message.findOne({ channelId, seq }).lean();
}

/** Changes one message; one writer per channel in this process (updates are not atomic here). */
export function changeMessage(
  channelId: string,
  seq: number,
  change: (message: MessageDoc) => Partial<MessageDoc> | null,
): Promise<MessageDoc | null> {
  return serialised(`chat:${channelId}`, async () => {
    const message = await findMessage(channelId, seq);
    if (!message) return null;
    const update = change(message);
    if (!update) return message;
    await Message.updateOne({ _id: message._id }, update);
    return { ...message, ...update };
  });
}

export function messagesAfter(
  channelId: string,
  afterSeq: number,
  limit: number,
): Promise<MessageDoc[]> {
  return Message.find({ channelId, seq: op({ $gt: afterSeq }) })
    .sort({ seq: 1 })
    .limit(limit)
    .lean();
}

/** Up to `limit` messages before `beforeSeq` (the newest without it), oldest first. */
export async function messagesBefore(
  channelId: string,
  beforeSeq: number | undefined,
  limit: number,
): Promise<{ messages: MessageDoc[]; hasMore: boolean }> {
  const filter =
    beforeSeq === undefined ? { channelId } : { channelId, seq: op({ $lt: beforeSeq }) };
  const rows = await Message.find(filter)
    .sort({ seq: -1 })
    .limit(limit + 1)
    .lean();
  return { messages: rows.slice(0, limit).reverse(), hasMore: rows.length > limit };
}

/** Messages by others after `afterSeq` that still say something. */
export function unreadCount(channelId: string, personId: string, afterSeq: number) {
  return Message.countDocuments({
    channelId,
    seq: op({ $gt: afterSeq }),
    senderId: op({ $ne: personId }),
    deleted: false,
  });
}
