// Messages stored before they were keyed by channel and sequence (message.model.ts) are moved to
// their new keys, and the old (channel, seq) index — whose uniqueness now lives in the key — goes.
// Conversations from before they were listed by key get their lists.
import { addId } from '../db/idLists.ts';
import { registerMigration } from '../db/migrations.ts';
import { op } from '../db/operators.ts';
import { Conversation, conversationIdOf, listConversation } from './conversation.model.ts';
import { ChatHead, Message, messageKey } from './message.model.ts';

registerMigration({
  name: 'chat messages keyed by channel and sequence',
  async run(report) {
    // The old index first: a message's copy under its new key repeats its (channel, seq).
    await Message.collection.dropIndex('channelId_1_seq_1').catch(() => undefined);
    const old = await Message.find({ _id: op({ $not: /#/ }) }).lean();
    const heads = new Map<string, number>();
    for (const [i, message] of old.entries()) {
      const _id = messageKey(message.channelId, message.seq);
      await Message.updateOne({ _id }, { ...message, _id }, { upsert: true });
      await Message.deleteOne({ _id: message._id });
      heads.set(message.channelId, Math.max(heads.get(message.channelId) ?? 0, message.seq));
      if (i % 1000 === 999) report(`${i + 1} of ${old.length} messages moved`);
    }
    for (const [channelId, seq] of heads)
      await ChatHead.updateOne({ _id: channelId }, { seq }, { upsert: true });
  },
});

registerMigration({
  name: 'chat conversations listed by person, group and pair',
  async run(report) {
    const all = await Conversation.find({}).lean();
    for (const [i, conversation] of all.entries()) {
      await listConversation(conversation);
      // Its key is not its pair's: found under the pair instead (conversationOfPair).
      if (!conversationIdOf(conversation.pairKey).equals(conversation._id))
        await addId('conversation-pair', conversation.pairKey, conversation._id);
      if (i % 500 === 499) report(`${i + 1} of ${all.length} conversations listed`);
    }
  },
});
