// A direct conversation: a family with their group's facilitators ("support"), or a facilitator
// with their trainer ("supervision"). One per pair: `pairKey` is unique, so two tabs opening the
// same conversation at once end up in the same one. A walk-alongside pair ("alongside": the family
// and their volunteer) get theirs when they are paired; its group is the pair's meeting group.
// Found by key only (FerretDB searches nothing else by index): its `_id` comes from the pair, and
// whose conversations are which is kept in lists by the write that makes one.
import { createHash } from 'node:crypto';
import mongoose, { type InferSchemaType, type Types } from 'mongoose';
import { addId, dropList, idsIn } from '../db/idLists.ts';
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

/** The conversation of a pair: one per pair, so its key is the pair's. */
export function conversationIdOf(pairKey: string): Types.ObjectId {
  const hex = createHash('sha256').update(pairKey).digest('hex').slice(0, 24);
  return new mongoose.Types.ObjectId(hex);
}

/** What a new conversation is made of (mongoose casts its ids). */
type NewConversation = {
  kind: string;
  pairKey: string;
  groupId: unknown;
  openedBy: unknown;
} & Record<string, unknown>;

/** Lists a conversation under each person in it and, a family's support, under its group. */
export async function listConversation(
  conversation: Pick<
    ConversationDoc,
    '_id' | 'kind' | 'groupId' | 'familyId' | 'facilitatorId' | 'trainerId'
  >,
): Promise<void> {
  const { _id, kind, groupId } = conversation;
  for (const person of [conversation.familyId, conversation.facilitatorId, conversation.trainerId])
    if (person) await addId('conversations-of', person, _id);
  if (kind === 'support') await addId('group-support', groupId, _id);
}

/** Makes the pair's conversation (a second maker at once gets a duplicate-key error). */
export async function createConversation(fields: NewConversation): Promise<ConversationDoc> {
  const created = await Conversation.create({ _id: conversationIdOf(fields.pairKey), ...fields });
  const conversation = created.toObject() as ConversationDoc;
  await listConversation(conversation);
  return conversation;
}

/** The pair's conversation, if it was opened: by its key, or one from before keys by its list. */
export async function conversationOfPair(pairKey: string): Promise<ConversationDoc | null> {
  const keyed = await Conversation.findById(conversationIdOf(pairKey)).lean();
  if (keyed) return keyed as ConversationDoc;
  const [old] = await idsIn('conversation-pair', pairKey);
  return old ? ((await Conversation.findById(old).lean()) as ConversationDoc | null) : null;
}

/** The ids of a person's conversations and of the support threads of the groups they run. */
export async function conversationIdsOf(
  personId: string,
  facilitatedGroupIds: readonly unknown[],
): Promise<string[]> {
  const support = await Promise.all(facilitatedGroupIds.map((g) => idsIn('group-support', g)));
  return [...(await idsIn('conversations-of', personId)), ...support.flat()];
}

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
    await dropList('conversations-of', person._id);
    await Conversation.updateMany({ facilitatorId: person._id }, { facilitatorId: null });
    await Conversation.updateMany({ trainerId: person._id }, { trainerId: null });
  },
});
