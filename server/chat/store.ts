// Appending to a channel: exactly once per (sender, client id), in one order per channel.
// The next sequence number comes from an in-process counter per channel, checked by the unique
// (channel, seq) index; another process taking a number first just means trying the next one.
import { serialised } from '../db/claims.ts';
import { op } from '../db/operators.ts';
import type { ChatMessage } from '../protocol/chat.ts';
import { Message, messageId, senderKey, toView } from './message.model.ts';

const lastSeqs = new Map<string, number>();

export async function lastSeq(channelId: string): Promise<number> {
  const known = lastSeqs.get(channelId);
  if (known !== undefined) return known;
  const last = await Message.findOne({ channelId }, { seq: 1 }).sort({ seq: -1 }).lean();
  const seq = last?.seq ?? 0;
  lastSeqs.set(channelId, Math.max(seq, lastSeqs.get(channelId) ?? 0));
  return lastSeqs.get(channelId)!;
}

export interface Sender {
  personId: string;
  name: string;
}

/** Stores a message (or finds the one already stored under this client id). */
export function append(
  channelId: string,
  sender: Sender,
  clientId: string,
  text: string,
): Promise<{ message: ChatMessage; fresh: boolean }> {
  const _id = messageId(sender.personId, clientId);
  return serialised(`chat:${channelId}`, async () => {
    const stored = await Message.findById(_id).lean();
    if (stored) return { message: toView(stored), fresh: false };
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const seq = (await lastSeq(channelId)) + 1;
      try {
        const created = await Message.create({
          _id,
          channelId,
          seq,
          clientId,
          senderId: sender.personId,
          senderKey: senderKey(channelId, sender.personId),
          senderName: sender.name,
          text,
          sentAt: new Date(),
        });
        lastSeqs.set(channelId, seq);
        return { message: toView(created.toObject()), fresh: true };
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
        // Either this message already exists (a retry raced us) or the number was taken.
        const raced = await Message.findById(_id).lean();
        if (raced) return { message: toView(raced), fresh: false };
        lastSeqs.delete(channelId);
      }
    }
    throw new Error(`no sequence number for ${channelId}`);
  });
}

export async function messagesAfter(
  channelId: string,
  afterSeq: number,
  limit: number,
): Promise<ChatMessage[]> {
  const rows = await Message.find({ channelId, seq: op({ $gt: afterSeq }) })
    .sort({ seq: 1 })
    .limit(limit)
    .lean();
  return rows.map(toView);
}
