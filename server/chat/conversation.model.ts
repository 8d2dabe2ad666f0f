// A direct conversation: a family with their group's facilitators ("support"), or a facilitator
// with their trainer ("supervision"). One per pair: `pairKey` is unique, so two tabs opening the
// same conversation at once end up in the same one. A walk-alongside pair ("alongside": the family
// and their volunteer) get theirs when they are paired; its group is the pair's meeting group.
import mongoose, { type InferSchemaType, type Types } from 'mongoose';
import { registerPersonalData } from '../privacy/personalData.ts';

const conversationSchema = new mongoose.Schema(
  {
    kind: { type: String, enum: ['support', 'supervision', 'alongside'], required: true },
    pairKey: { type: String, required: true, unique: true },
    /** Support: the group it is about. Supervision: the group it was opened from. */
    groupId: { type: mongoose.Schema.Types.ObjectId, ref: 'Group', required: true },
    familyId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    facilitatorId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    trainerId: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', default: null },
    openedBy: { type: mongoose.Schema.Types.ObjectId, ref: 'Person', required: true },
    /** Supervision: when the trainer last wrote (a contact, for the coordinator's view). */
    lastTrainerMessageAt: { type: Date, default: null },
  },
  { timestamps: true, versionKey: false },
);
conversationSchema.index({ familyId: 1 });
conversationSchema.index({ facilitatorId: 1 });
conversationSchema.index({ trainerId: 1 });
conversationSchema.index({ groupId: 1 });

export type ConversationDoc = InferSchemaType<typeof conversationSchema> & { _id: Types.ObjectId };
export const Conversation = mongoose.model(
  'ChatConversation',
  conversationSchema,
  'chat_conversations',
);

registerPersonalData({
  name: 'chatConversations',
  export: (person) =>
    Conversation.find(
      {
        $or: [{ familyId: person._id }, { facilitatorId: person._id }, { trainerId: person._id }],
      },
      { kind: 1, groupId: 1, lastTrainerMessageAt: 1, createdAt: 1, updatedAt: 1 },
    ).lean(),
  // The messages are erased with the person's other messages; the pairing itself goes.
  erase: async (person) => {
    await Conversation.deleteMany({ $or: [{ familyId: person._id }, { openedBy: person._id }] });
    await Conversation.updateMany({ facilitatorId: person._id }, { facilitatorId: null });
    await Conversation.updateMany({ trainerId: person._id }, { trainerId: null });
  },
});
