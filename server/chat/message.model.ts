// A chat message, keyed by where it stands: `<channel>#<seq, ten digits>`. Inserting that key is
// what takes a sequence number (two server processes cannot take the same one), and every read —
// catch-up after a sequence, history before one, one message — is a look-up by primary key, the
// one query FerretDB answers from an index: as fast with a year of messages as with a day's.
// Sending twice (a retry after a lost acknowledgement) is recognised by a separate claim keyed by
// the sender's own id for the message (sender + client id, as an HMAC that names nobody).
import mongoose from 'mongoose';
import { hmacOf, opaqueId } from '../privacy/opaqueId.ts';
import { registerPersonalData } from '../privacy/personalData.ts';
import type { ChatMessage as ChatMessageView } from '../protocol/chat.ts';
import type { SharedEntryCard } from '../protocol/directory.ts';
import { isLanguage, languages } from '../protocol/languages.ts';

const messageSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    channelId: { type: String, required: true },
    seq: { type: Number, required: true },
    clientId: { type: String, required: true },
    senderId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    senderKey: { type: String, required: true },
    senderName: { type: String, required: true },
    text: { type: String, required: true },
    /**
     * The sender's UI language when they wrote it: the reader's page marks the message with it (a
     * screen reader switches voice). Messages stored before it was recorded have none.
     */
    lang: { type: String, enum: [...languages.map((l) => l.code), null], default: null },
    sentAt: { type: Date, required: true },
    senderRole: {
      type: String,
      enum: ['family', 'facilitator', 'trainer', 'coordinator'],
      default: 'family',
    },
    kind: { type: String, enum: ['message', 'announcement'], default: 'message' },
    editedAt: { type: Date, default: null },
    deleted: { type: Boolean, default: false },
    hidden: { type: Boolean, default: false },
    hiddenBy: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    mentionsFacilitators: { type: Boolean, default: false },
    /** A shared directory entry as it was when shared (protocol/directory.ts SharedEntryCard). */
    entry: { type: mongoose.Schema.Types.Mixed, default: null },
  },
  { versionKey: false },
);
// For a person's export and erasure (rare; scanned on FerretDB).
messageSchema.index({ senderId: 1 });

export const Message = mongoose.model('ChatMessage', messageSchema, 'chat_messages');
export type MessageDoc = mongoose.InferSchemaType<typeof messageSchema>;

/** A message's key: its channel and its place there, in an order that sorts. */
export const messageKey = (channelId: string, seq: number) =>
  `${channelId}#${String(seq).padStart(10, '0')}`;

/** The sender's own id for a message (what a retry repeats). */
export const sendId = (senderId: string, clientId: string) =>
  opaqueId('chat-message', senderId, clientId);

/** A send, claimed once per sender's id: a retry finds the sequence its first try took. */
const sendSchema = new mongoose.Schema(
  {
    _id: { type: String, required: true },
    channelId: { type: String, required: true },
    /** Null while the first try is still storing the message. */
    seq: { type: Number, default: null },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);
export const ChatSend = mongoose.model('ChatSend', sendSchema, 'chat_sends');

/** Where a channel's messages end, written now and then: a process starting afresh begins there. */
const headSchema = new mongoose.Schema(
  { _id: { type: String, required: true }, seq: { type: Number, required: true } },
  { versionKey: false },
);
export const ChatHead = mongoose.model('ChatHead', headSchema, 'chat_heads');

/** How a channel names a sender: stable there, meaningless elsewhere (keyed: not recomputable). */
export const senderKey = (channelId: string, personId: string) =>
  hmacOf('sender', channelId, personId).slice(0, 16);

/** A message as a reader sees it: no text once deleted; hidden text only for moderators. */
export function toView(m: MessageDoc, moderator = false): ChatMessageView {
  const showText = !m.deleted && (!m.hidden || moderator);
  return {
    channelId: m.channelId,
    seq: m.seq,
    clientId: m.clientId,
    senderKey: m.senderKey,
    senderName: m.senderName,
    senderRole: m.senderRole,
    kind: m.kind,
    text: showText ? m.text : '',
    ...(isLanguage(m.lang) ? { lang: m.lang } : {}),
    sentAt: m.sentAt.toISOString(),
    editedAt: m.editedAt ? m.editedAt.toISOString() : null,
    deleted: m.deleted,
    hidden: m.hidden,
    mentionsFacilitators: m.mentionsFacilitators,
    ...(m.entry ? { entry: showText ? (m.entry as SharedEntryCard) : null } : {}),
  };
}

registerPersonalData({
  name: 'chatMessages',
  export: (person) =>
    Message.find({ senderId: person._id }, { _id: 0, senderId: 0, senderKey: 0 }).lean(),
  // The conversation keeps its order for the others; the person's words and name go.
  erase: async (person) => {
    await Message.updateMany(
      { senderId: person._id },
      { senderId: null, senderName: '—', text: '—', lang: null, entry: null },
    );
  },
});
