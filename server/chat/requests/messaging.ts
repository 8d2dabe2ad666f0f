// Sending and receiving: subscribe, send (acknowledged once stored), announce, catch up, history.
import { RequestError } from '../../errors.ts';
import { Group } from '../../groups/group.model.ts';
import { Person } from '../../people/person.model.ts';
import { chatSendDuration, count } from '../../platform/metrics.ts';
import { handle } from '../../realtime/handle.ts';
import { noteContact } from '../../supervision/contactCard.ts';
import { FACILITATOR_ANNOUNCEMENTS } from '../../protocol/chat.ts';
import { channelAccess, checkChannel, type ChannelAccess } from '../channels.ts';
import { Conversation } from '../conversation.model.ts';
import { directParties } from '../conversations.ts';
import { senderKey, toView } from '../message.model.ts';
import { noticeOfMention } from '../notices.ts';
import { readSeqs } from '../readMarker.model.ts';
import { append, latestMessage, messagesAfter, messagesBefore, type NewMessage } from '../store.ts';
import { moderatorsRoom, personRoom, readersRoom, type ChatContext } from './context.ts';

/** A supervising trainer's word in their facilitator's supervision conversation is contact. */
async function trainerWrote(conversationId: string, trainerId: string, at: Date): Promise<void> {
  await Conversation.updateOne({ _id: conversationId }, { lastTrainerMessageAt: at });
  const conversation = await Conversation.findById(conversationId, {
    kind: 1,
    facilitatorId: 1,
  }).lean();
  if (conversation?.kind !== 'supervision' || !conversation.facilitatorId) return;
  const facilitator = await Person.findById(conversation.facilitatorId, { supervisorId: 1 }).lean();
  if (String(facilitator?.supervisorId) === trainerId)
    await noteContact(conversation.facilitatorId, at, 'message');
}

/** Stores a message and tells the channel (shared with chat/requests/sharing.ts). */
export async function post(ctx: ChatContext, access: ChannelAccess, message: NewMessage) {
  const started = process.hrtime.bigint();
  const me = ctx.actor().personId;
  if (!ctx.allow(me)) throw new RequestError('rateLimited', 429);
  const sender = {
    personId: me,
    name: await ctx.myName(),
    role: access.role,
    lang: ctx.socket.data.lang,
  };
  const { message: stored, fresh } = await append(access.key, sender, message);
  if (fresh) {
    ctx.socket.nsp.to(readersRoom(access.key)).emit('chat:message', toView(stored));
    count('rinnalla_chat_messages_total', { channel: access.kind });
    chatSendDuration.observe(Number(process.hrtime.bigint() - started) / 1e9);
    // A trainer's word to their facilitator counts as contact (supervision/contact.ts).
    if (access.kind === 'direct' && access.role === 'trainer')
      await trainerWrote(access.key.slice('direct:'.length), me, stored.sentAt);
    if (stored.mentionsFacilitators) await noticeOfMention(access, stored._id, me);
    // The other side of a new direct conversation learns of it (they are not subscribed yet).
    if (access.kind === 'direct' && stored.seq === 1) {
      const others = (await directParties(access.key.slice('direct:'.length))).filter(
        (id) => id !== me,
      );
      for (const id of others) ctx.socket.nsp.to(personRoom(id)).emit('chat:conversationsChanged');
    }
  }
  return toView(stored, access.canModerate);
}

export function messagingRequests(ctx: ChatContext): void {
  const { socket, log, actor } = ctx;

  handle(socket, log, 'chat:subscribe', async ({ channelIds }) => {
    const accesses = [];
    for (const channel of channelIds) accesses.push(await channelAccess(actor(), channel));
    const reads = await readSeqs(
      actor().personId,
      accesses.map((a) => a.key),
    );
    const channels = [];
    for (const access of accesses) {
      await socket.join(readersRoom(access.key));
      if (access.canModerate) await socket.join(moderatorsRoom(access.key));
      channels.push({
        channelId: access.key,
        lastSeq: (await latestMessage(access.key))?.seq ?? 0,
        readSeq: reads.get(access.key) ?? 0,
        myKey: senderKey(access.key, actor().personId),
        canPost: access.canPost,
        canModerate: access.canModerate,
      });
    }
    return { channels };
  });

  handle(socket, log, 'chat:send', async ({ channelId, clientId, text, mentionFacilitators }) => {
    const access = await checkChannel(actor(), channelId, 'chat.post');
    return post(ctx, access, {
      clientId,
      text,
      kind: access.kind === 'announcements' ? 'announcement' : 'message',
      // Only where there are facilitators to mention, and not by themselves.
      mentionsFacilitators:
        mentionFacilitators && access.group !== null && access.role === 'family',
    });
  });

  handle(socket, log, 'chat:announce', async ({ to, clientId, text }) => {
    let key = FACILITATOR_ANNOUNCEMENTS;
    let group = null;
    if ('groupId' in to) {
      group = await Group.findById(to.groupId).lean();
      if (!group) throw new RequestError('chat.notFound', 404);
      key = `group:${to.groupId}`;
    }
    const access: ChannelAccess = {
      key,
      kind: group ? 'group' : 'announcements',
      group,
      role: 'coordinator',
      canPost: true,
      canModerate: false,
      facilitatorIds: [],
      trainerId: null,
    };
    return post(ctx, access, { clientId, text, kind: 'announcement' });
  });

  handle(socket, log, 'chat:sync', async ({ channelId, afterSeq, limit }) => {
    const access = await channelAccess(actor(), channelId);
    const rows = await messagesAfter(access.key, afterSeq, limit);
    const newest = rows.at(-1)?.seq ?? afterSeq;
    return {
      messages: rows.map((m) => toView(m, access.canModerate)),
      // A short page is everything there is; after a full one, ask the database.
      lastSeq:
        rows.length < limit
          ? newest
          : Math.max(newest, (await latestMessage(access.key))?.seq ?? 0),
    };
  });

  handle(socket, log, 'chat:history', async ({ channelId, beforeSeq, limit }) => {
    const access = await channelAccess(actor(), channelId);
    const { messages, hasMore } = await messagesBefore(access.key, beforeSeq, limit);
    return { messages: messages.map((m) => toView(m, access.canModerate)), hasMore };
  });
}
