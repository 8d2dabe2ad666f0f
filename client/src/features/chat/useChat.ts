// React's view of the chat client: each hook subscribes to the client's changes and returns an
// immutable snapshot (the same object while nothing changed, as useSyncExternalStore needs).
import { useEffect, useSyncExternalStore } from 'react';
import type { PresenceEntry } from '../../../../server/protocol/chat.ts';
import type { ChannelView, ConversationsView } from './chatClient.ts';
import { useChatClient } from './ChatProvider.tsx';

const noSubscription = () => () => undefined;

/** One channel's messages while the calling component is mounted; null before the client. */
export function useChannel(channelId: string | null): ChannelView | null {
  const client = useChatClient();
  useEffect(() => (client && channelId ? client.open(channelId) : undefined), [client, channelId]);
  return useSyncExternalStore(client?.subscribe ?? noSubscription, () =>
    client && channelId ? client.channelView(channelId) : null,
  );
}

export function useConversations(): ConversationsView | null {
  const client = useChatClient();
  return useSyncExternalStore(client?.subscribe ?? noSubscription, () =>
    client ? client.conversationsView() : null,
  );
}

/** Unread messages in all conversations (0 without a chat connection). */
export function useUnreadMessages(): number {
  return useConversations()?.unreadTotal ?? 0;
}

export function useChatOnline(): boolean {
  const client = useChatClient();
  return useSyncExternalStore(client?.subscribe ?? noSubscription, () =>
    client ? client.isOnline() : true,
  );
}

/** Who of a group is around; null when unknown (then nothing is shown). */
export function usePresence(groupId: string | null): readonly PresenceEntry[] | null {
  const client = useChatClient();
  useEffect(
    () => (client && groupId ? client.presence.watch(groupId) : undefined),
    [client, groupId],
  );
  return useSyncExternalStore(client?.subscribe ?? noSubscription, () =>
    client && groupId ? client.presence.members(groupId) : null,
  );
}
