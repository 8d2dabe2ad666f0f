// The conversations list and its unread counts, as the chat client keeps them between answers
// to `chat:conversations`: a new message moves its conversation to the top and counts as
// unread (when someone else wrote it), a read marker lowers the count. When the count cannot
// be worked out here, the caller asks the server again.
import type { ChatMessage, ConversationSummary } from '../../../../server/protocol/chat.ts';
import type { ChannelData } from './channelStore.ts';

export interface ConversationsView {
  status: 'loading' | 'ready' | 'error';
  list: readonly ConversationSummary[];
  /** Unread messages in every conversation: the navigation's badge. */
  unreadTotal: number;
}

export class ConversationStore {
  private view: ConversationsView = { status: 'loading', list: [], unreadTotal: 0 };

  constructor(private readonly notify: () => void) {}

  get = () => this.view;

  channelIds(): string[] {
    return this.view.list.map((c) => c.channelId);
  }

  set(list: readonly ConversationSummary[], status: 'ready' | 'error' = 'ready'): void {
    this.view = { status, list, unreadTotal: list.reduce((sum, c) => sum + c.unread, 0) };
    this.notify();
  }

  /** Not answered: an empty list the first time (no badge), else the last one stays. */
  failed(): void {
    if (this.view.status === 'loading') this.set([], 'error');
  }

  /** A conversation just opened (a direct one): added unless already listed. */
  add(conversation: ConversationSummary): boolean {
    if (this.view.list.some((c) => c.channelId === conversation.channelId)) return false;
    this.set([conversation, ...this.view.list]);
    return true;
  }

  /** A new message. False: the conversation is not listed (the list needs asking again). */
  counted(message: ChatMessage, mine: boolean): boolean {
    return this.update(
      message.channelId,
      (c) =>
        message.seq <= c.lastSeq
          ? c
          : {
              ...c,
              lastSeq: message.seq,
              lastMessage: preview(message),
              unread: !mine && message.seq > c.readSeq ? c.unread + 1 : c.unread,
            },
      true,
    );
  }

  /** An edit, delete or hide of the newest message changes the preview. */
  edited(message: ChatMessage): void {
    this.update(message.channelId, (c) =>
      c.lastSeq === message.seq ? { ...c, lastMessage: preview(message) } : c,
    );
  }

  /**
   * My read marker moved. The count is known when everything is read, or when the channel's
   * messages since the marker are all held; false when only the server can say.
   */
  read(channelId: string, readSeq: number, data: ChannelData | undefined): boolean {
    let sure = true;
    this.update(channelId, (c) => {
      if (readSeq <= c.readSeq) return c;
      if (readSeq >= c.lastSeq) return { ...c, readSeq, unread: 0 };
      const oldest = data?.oldestSeq() ?? null;
      if (!data?.loaded || oldest === null || oldest > readSeq + 1 || data.synced < c.lastSeq) {
        sure = false;
        return { ...c, readSeq };
      }
      const myKey = data.state?.myKey;
      const unread = [...data.messages.values()].filter(
        (m) => m.seq > readSeq && m.senderKey !== myKey,
      ).length;
      return { ...c, readSeq, unread };
    });
    return sure;
  }

  private update(
    channelId: string,
    change: (c: ConversationSummary) => ConversationSummary,
    toTop = false,
  ): boolean {
    const list = this.view.list;
    const index = list.findIndex((c) => c.channelId === channelId);
    if (index < 0) return false;
    const next = change(list[index]!);
    if (next === list[index]) return true;
    const rest = list.filter((_, i) => i !== index);
    this.set(
      toTop ? [next, ...rest] : list.map((c, i) => (i === index ? next : c)),
      this.view.status === 'error' ? 'error' : 'ready',
    );
    return true;
  }
}

function preview(message: ChatMessage): ConversationSummary['lastMessage'] {
  const { senderName, text, sentAt, deleted, hidden } = message;
  return { senderName, text, sentAt, deleted, hidden };
}
