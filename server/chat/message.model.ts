// A chat message. Its _id stands for the sender's own id for it (sender + client id, as an HMAC
// that names nobody), so a retried send
// after a lost acknowledgement finds the stored one instead of storing a double; the unique
// (channel, seq) index keeps one order even when two server processes write to one channel.
import mongoose from 'mongoose';
import { hmacOf, opaqueId } from '../privacy/opaqueId.ts';
import { registerPersonalData } from '../privacy/personalData.ts';
import type { ChatMessage as ChatMessageView } from '../protocol/chat.ts';

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
  },
  { versionKey: false },
);
messageSchema.index({ channelId: 1, seq: 1 }, { unique: true });
messageSchema.index({ senderId: 1 });

export const Message = mongoose.model('ChatMessage', messageSchema, 'chat_messages');
export type MessageDoc = mongoose.InferSchemaType<typeof messageSchema>;

export const messageId = (senderId: string, clientId: string) =>
  opaqueId('chat-message', senderId, clientId);

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
    sentAt: m.sentAt.toISOString(),
    editedAt: m.editedAt ? m.editedAt.toISOString() : null,
    deleted: m.deleted,
    hidden: m.hidden,
    mentionsFacilitators: m.mentionsFacilitators,
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
      { senderId: null, senderName: '—', text: '—' },
    );
  },
});
