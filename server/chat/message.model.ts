// A chat message. Its _id is the sender's own id for it (sender + client id), so a retried send
// after a lost acknowledgement finds the stored one instead of storing a double; the unique
// (channel, seq) index keeps one order even when two server processes write to one channel.
import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
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
  },
  { versionKey: false },
);
messageSchema.index({ channelId: 1, seq: 1 }, { unique: true });
messageSchema.index({ senderId: 1 });

export const Message = mongoose.model('ChatMessage', messageSchema, 'chat_messages');
export type MessageDoc = mongoose.InferSchemaType<typeof messageSchema>;

export const messageId = (senderId: string, clientId: string) => `${senderId}:${clientId}`;

/** How a channel names a sender: stable there, meaningless elsewhere. */
export const senderKey = (channelId: string, personId: string) =>
  createHash('sha256').update(`${channelId}:${personId}`).digest('base64url').slice(0, 16);

export function toView(m: MessageDoc): ChatMessageView {
  return {
    channelId: m.channelId,
    seq: m.seq,
    clientId: m.clientId,
    senderKey: m.senderKey,
    senderName: m.senderName,
    text: m.text,
    sentAt: m.sentAt.toISOString(),
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
