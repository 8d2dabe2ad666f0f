// Reading: read markers (shared by a person's tabs), typing, the conversations list, opening a
// direct conversation.
import { handle } from '../../realtime/handle.ts';
import { channelAccess, checkChannel } from '../channels.ts';
import { listConversations, openDirect } from '../conversations.ts';
import { senderKey } from '../message.model.ts';
import { markRead } from '../readMarker.model.ts';
import { latestMessage } from '../store.ts';
import { personRoom, readersRoom, type ChatContext } from './context.ts';

/** Typing is shown for a few seconds; more than one event per interval adds nothing. */
const TYPING_INTERVAL_MS = 2000;

export function readingRequests(ctx: ChatContext): void {
  const { socket, log, actor } = ctx;
  const lastTyping = new Map<string, number>();

  handle(socket, log, 'chat:read', async ({ channelId, seq }) => {
    const access = await channelAccess(actor(), channelId);
    // Not past the newest message: a marker from the future would hide messages yet to come.
    const newest = (await latestMessage(access.key))?.seq ?? 0;
    const readSeq = await markRead(actor().personId, access.key, Math.min(seq, newest));
    socket.nsp
      .to(personRoom(actor().personId))
      .emit('chat:readMarker', { channelId: access.key, readSeq });
    return { readSeq };
  });

  handle(socket, log, 'chat:typing', async ({ channelId }) => {
    const now = Date.now();
    if (now - (lastTyping.get(channelId.key) ?? 0) < TYPING_INTERVAL_MS) return {};
    const access = await checkChannel(actor(), channelId, 'chat.post');
    lastTyping.set(channelId.key, now);
    socket.to(readersRoom(access.key)).emit('chat:typing', {
      channelId: access.key,
      senderKey: senderKey(access.key, actor().personId),
      name: await ctx.myName(),
    });
    return {};
  });

  handle(socket, log, 'chat:conversations', async () => ({
    conversations: await listConversations(actor()),
  }));

  handle(socket, log, 'chat:openDirect', async ({ groupId, with: partner }) =>
    openDirect(actor(), groupId, partner),
  );
}
