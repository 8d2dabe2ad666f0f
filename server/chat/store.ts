// Appending to a channel, exactly once per (sender, client id), in one order per channel; and
// reading it back — catch-up after a sequence, history before one, the newest — by primary key
// only (message.model.ts), so none of it slows down as the years of messages pile up.
// The next sequence number comes from this process's memory of the channel's end, checked by the
// insert itself: another process having taken it just means looking further.
import { isDuplicateKey, serialised } from '../db/claims.ts';
import type { SenderRole } from '../protocol/chat.ts';
import type { SharedEntryCard } from '../protocol/directory.ts';
import type { LanguageCode } from '../protocol/languages.ts';
import {
  ChatHead,
  ChatSend,
  Message,
  messageKey,
  sendId,
  senderKey,
  type MessageDoc,
} from './message.model.ts';

const lastSeqs = new Map<string, number>();
/** The channel's end is written to its head document every so many messages. */
const HEAD_EVERY = 16;
/** Look-ups sent together when reading a run of messages. */
const BATCH = 25;

/** The channel's last sequence number: from memory or the head, then onwards while more exist. */
export async function lastSeq(channelId: string): Promise<number> {
  let seq =
    lastSeqs.get(channelId) ?? (await ChatHead.findById(channelId, { seq: 1 }).lean())?.seq ?? 0;
  // Other processes may have written since: usually one look-up says nothing did.
  while (await Message.exists({ _id: messageKey(channelId, seq + 1) })) {
    const run = await readRun(channelId, seq + 1, 1, BATCH);
    seq = run.at(-1)?.seq ?? seq;
  }
  lastSeqs.set(channelId, seq);
  return seq;
}

/** The newest message of a channel (other processes may have written it). */
export async function latestMessage(channelId: string): Promise<MessageDoc | null> {
  const seq = await lastSeq(channelId);
  return seq > 0 ? Message.findById(messageKey(channelId, seq)).lean() : null;
}

/** Messages from `from` on (step 1) or back (step -1), until `limit` or a sequence with none. */
async function readRun(
  channelId: string,
  from: number,
  step: 1 | -1,
  limit: number,
): Promise<MessageDoc[]> {
  const found: MessageDoc[] = [];
  for (let seq = from; found.length < limit && seq > 0; seq += step * BATCH) {
    const seqs = Array.from(
      { length: Math.min(BATCH, limit - found.length) },
      (_, i) => seq + step * i,
    ).filter((s) => s > 0);
    const batch = await Promise.all(
      seqs.map((s) => Message.findById(messageKey(channelId, s)).lean()),
    );
    const end = batch.findIndex((m) => m === null);
    found.push(...(batch.slice(0, end === -1 ? undefined : end) as MessageDoc[]));
    if (end !== -1) break;
  }
  return found;
}

export interface Sender {
  personId: string;
  name: string;
  role: SenderRole;
  /** The language of the sender's UI (their socket's), recorded with the message. */
  lang?: LanguageCode;
}

export interface NewMessage {
  clientId: string;
  text: string;
  kind?: 'message' | 'announcement';
  mentionsFacilitators?: boolean;
  /** A shared directory entry's card. */
  entry?: SharedEntryCard;
}

/** A claim whose message never came (its process stopped mid-way) is taken over after this. */
const ABANDONED_MS = 10_000;

/** Whether this stored message is the one this send is about. */
const isOurs = (stored: MessageDoc | null, sender: Sender, clientId: string) =>
  stored !== null && stored.clientId === clientId && String(stored.senderId) === sender.personId;

/**
 * The message an earlier try of this send stored (waiting while it is being stored), or null
 * when that try was abandoned — its process stopped before storing it — and this one takes over.
 * The claim names the sequence a try is about to use, so a stop between the claim and the insert
 * is told apart from a stop after it by looking there.
 */
async function earlierTry(
  _id: string,
  sender: Sender,
  clientId: string,
): Promise<MessageDoc | null> {
  for (let wait = 0; wait < 100; wait += 1) {
    const send = await ChatSend.findById(_id).lean();
    if (!send) return null;
    const stored = send.seq ? await findMessage(send.channelId, send.seq) : null;
    if (isOurs(stored, sender, clientId)) return stored;
    if (Date.now() - send.at.getTime() > ABANDONED_MS) {
      await ChatSend.updateOne({ _id }, { seq: null, at: new Date() });
      return null;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('an earlier try of this message is still being stored');
}

/** Claims the send; a retry gets the message its first try stored instead. */
async function claimSend(_id: string, channelId: string, sender: Sender, clientId: string) {
  try {
    await ChatSend.create({ _id, channelId, seq: null, at: new Date() });
    return null;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return earlierTry(_id, sender, clientId);
  }
}

/** Stores a message with the next sequence number; returns it. */
async function store(channelId: string, sender: Sender, message: NewMessage, _id: string) {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const seq = (lastSeqs.get(channelId) ?? (await lastSeq(channelId))) + 1;
    // Said in the claim first: after a crash, a retry looks there (earlierTry).
    await ChatSend.updateOne({ _id }, { seq, at: new Date() });
    try {
      const created = await Message.create({
        _id: messageKey(channelId, seq),
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
        lang: sender.lang ?? null,
        entry: message.entry ?? null,
        sentAt: new Date(),
      });
      lastSeqs.set(channelId, seq);
      if (seq % HEAD_EVERY === 0)
        await ChatHead.updateOne({ _id: channelId }, { seq }, { upsert: true });
      return created.toObject();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Another process took the number: find where the channel ends now.
      lastSeqs.delete(channelId);
    }
  }
  throw new Error(`no sequence number for ${channelId}`);
}

/** Stores a message (or finds the one already stored under this client id). */
export function append(
  channelId: string,
  sender: Sender,
  message: NewMessage,
): Promise<{ message: MessageDoc; fresh: boolean }> {
  const _id = sendId(sender.personId, message.clientId);
  return serialised(`chat:${channelId}`, async () => {
    const earlier = await claimSend(_id, channelId, sender, message.clientId);
    if (earlier) return { message: earlier, fresh: false };
    try {
      return { message: await store(channelId, sender, message, _id), fresh: true };
    } catch (error) {
      await ChatSend.deleteOne({ _id }).catch(() => undefined); // a retry may try again
      throw error;
    }
  });
}

export function findMessage(channelId: string, seq: number): Promise<MessageDoc | null> {
  return Message.findById(messageKey(channelId, seq)).lean();
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

/** Up to `limit` messages after `afterSeq`, oldest first. */
export function messagesAfter(
  channelId: string,
  afterSeq: number,
  limit: number,
): Promise<MessageDoc[]> {
  return readRun(channelId, afterSeq + 1, 1, limit);
}

/** Up to `limit` messages before `beforeSeq` (the newest without it), oldest first. */
export async function messagesBefore(
  channelId: string,
  beforeSeq: number | undefined,
  limit: number,
): Promise<{ messages: MessageDoc[]; hasMore: boolean }> {
  const top = beforeSeq === undefined ? await lastSeq(channelId) : beforeSeq - 1;
  const rows = await readRun(channelId, top, -1, limit + 1);
  return { messages: rows.slice(0, limit).reverse(), hasMore: rows.length > limit };
}

/** Unread messages counted one by one up to this many; beyond, the badge says "99+". */
const UNREAD_COUNTED = 99;

/** Messages by others after `afterSeq` that still say something (at most UNREAD_COUNTED + 1). */
export async function unreadCount(channelId: string, personId: string, afterSeq: number) {
  const rows = await readRun(channelId, afterSeq + 1, 1, UNREAD_COUNTED + 1);
  return rows.filter((m) => !m.deleted && String(m.senderId) !== personId).length;
}
