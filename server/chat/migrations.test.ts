// A database from before messages were keyed by channel and sequence is moved over at start.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { useTestDatabase } from '../../test/support/database.ts';
import { migrate } from '../db/migrations.ts';
import './migrations.ts';
import {
  conversationIdOf,
  conversationIdsOf,
  conversationOfPair,
  createConversation,
} from './conversation.model.ts';
import { ChatHead, Message, messageKey } from './message.model.ts';
import { lastSeq, messagesAfter } from './store.ts';

describe('[speed-chat] migration of chat messages to primary keys', () => {
  let drop: () => Promise<void>;
  before(async () => {
    drop = await useTestDatabase('chatmigration');
  });
  after(async () => drop?.());

  it('[speed-chat] old messages get their channel#seq keys and the channel its head', async () => {
    await mongoose.connection.collection('people').insertOne({ email: 'x@y.z', displayName: 'X' });
    const old = mongoose.connection.collection('chat_messages');
    await old.createIndex({ channelId: 1, seq: 1 }, { unique: true });
    for (let seq = 1; seq <= 40; seq += 1)
      await old.insertOne({
        _id: `chat-message:old${seq}` as never,
        channelId: 'group:abc',
        seq,
        clientId: `c${seq}`,
        senderKey: 'k',
        senderName: 'Aino',
        text: `viesti ${seq}`,
        sentAt: new Date(),
      });
    await migrate(() => undefined);
    await migrate(() => undefined); // marked done: nothing twice
    assert.equal(await Message.countDocuments(), 40);
    assert.ok(await Message.exists({ _id: messageKey('group:abc', 40) }));
    assert.equal((await ChatHead.findById('group:abc').lean())?.seq, 40);
    assert.equal(await lastSeq('group:abc'), 40);
    const after = await messagesAfter('group:abc', 30, 50);
    assert.deepEqual(
      after.map((m) => m.seq),
      [31, 32, 33, 34, 35, 36, 37, 38, 39, 40],
    );
    const indexes = await Message.collection.indexes();
    assert.ok(!indexes.some((i) => i.name === 'channelId_1_seq_1'), 'the old unique index went');
  });

  it('[speed-migrate] conversations from before keys are listed by person, group and pair', async () => {
    const id = () => new mongoose.Types.ObjectId();
    const [family, facilitator, trainer, group] = [id(), id(), id(), id()];
    // Someone in the database: it was made by an earlier version (else nothing is migrated).
    await mongoose.connection.collection('people').insertOne({ email: 'c@y.z', displayName: 'C' });
    const old = mongoose.connection.collection('chat_conversations');
    const support = { _id: id(), kind: 'support', pairKey: 'pair-support-old', groupId: group };
    await old.insertMany([
      { ...support, familyId: family, facilitatorId: null, trainerId: null, openedBy: family },
      {
        _id: id(),
        kind: 'supervision',
        pairKey: 'pair-supervision-old',
        groupId: group,
        familyId: null,
        facilitatorId: facilitator,
        trainerId: trainer,
        openedBy: trainer,
      },
    ]);
    await mongoose.connection
      .collection<{ _id: string }>('migrations')
      .deleteOne({ _id: 'chat conversations listed by person, group and pair' });
    await migrate(() => undefined);
    assert.deepEqual(await conversationIdsOf(String(family), []), [String(support._id)]);
    assert.equal(
      (await conversationIdsOf(String(facilitator), [group])).length,
      2,
      'and the group',
    );
    assert.equal((await conversationIdsOf(String(trainer), [])).length, 1);
    // An old pair is found under its own id, not made again; a new one gets the pair's key.
    assert.equal(String((await conversationOfPair('pair-support-old'))?._id), String(support._id));
    const made = await createConversation({
      kind: 'support',
      pairKey: 'pair-new',
      groupId: group,
      familyId: family,
      openedBy: family,
    });
    assert.ok(made._id.equals(conversationIdOf('pair-new')));
    assert.equal(String((await conversationOfPair('pair-new'))?._id), String(made._id));
    assert.equal((await conversationIdsOf(String(family), [])).length, 2);
    await assert.rejects(
      createConversation({
        kind: 'support',
        pairKey: 'pair-new',
        groupId: group,
        openedBy: family,
      }),
      /duplicate key|E11000/,
    );
  });
});
