// One open channel's messages as the browser holds them: a Map by seq (so a message that arrives
// twice — live, in a catch-up and as the answer to one's own send — is kept once), how far they
// are known without gaps, and who is typing. The chat client owns these; views are immutable.
import type { ChannelState, ChatMessage } from '../../../../server/protocol/chat.ts';
import type { OutboxEntry } from './outbox.ts';

/** How long "X is typing…" stays after their last typing event. */
export const TYPING_SHOWN_MS = 5_000;

export interface ChannelView {
  channelId: string;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  state: ChannelState | null;
  /** Oldest first. */
  messages: readonly ChatMessage[];
  /** My messages still on their way (or refused), oldest first. */
  pending: readonly OutboxEntry[];
  hasMore: boolean;
  loadingEarlier: boolean;
  /** Names of the others typing now. */
  typing: readonly string[];
  /** Messages by others after my read marker, among those loaded. */
  unread: number;
  /** The newest seq that arrived live (not from history): what the live region announces. */
  liveSeq: number;
}

export class ChannelData {
  readonly messages = new Map<number, ChatMessage>();
  state: ChannelState | null = null;
  status: ChannelView['status'] = 'loading';
  error: string | null = null;
  /** Every message from the first loaded one up to this seq is here. */
  synced = 0;
  /** The first page of history has arrived (until then live messages only wait). */
  loaded = false;
  /** A first load is under way (two components opening at once start one). */
  loading = false;
  hasMore = false;
  loadingEarlier = false;
  liveSeq = 0;
  /** Components showing this channel; at zero its messages are dropped. */
  retained = 0;
  readonly typing = new Map<string, { name: string; until: number }>();
  private view: ChannelView | null = null;

  constructor(readonly channelId: string) {}

  /** Adds or replaces messages; `synced` moves on over what is now contiguous. */
  put(messages: readonly ChatMessage[]): void {
    for (const message of messages) {
      if (message.channelId !== this.channelId) continue;
      this.messages.set(message.seq, message);
      // Whoever just wrote is no longer typing.
      this.typing.delete(message.senderKey);
    }
    while (this.messages.has(this.synced + 1)) this.synced += 1;
    this.changed();
  }

  /** An edit, delete or hide: only for a message held (an unknown older one stays unloaded). */
  replace(message: ChatMessage): boolean {
    if (!this.messages.has(message.seq)) return false;
    this.messages.set(message.seq, message);
    this.changed();
    return true;
  }

  oldestSeq(): number | null {
    let oldest: number | null = null;
    for (const seq of this.messages.keys()) if (oldest === null || seq < oldest) oldest = seq;
    return oldest;
  }

  newestSeq(): number {
    let newest = 0;
    for (const seq of this.messages.keys()) if (seq > newest) newest = seq;
    return newest;
  }

  hasClientId(clientId: string): boolean {
    const myKey = this.state?.myKey;
    for (const message of this.messages.values()) {
      if (message.clientId === clientId && message.senderKey === myKey) return true;
    }
    return false;
  }

  changed(): void {
    this.view = null;
  }

  viewWith(outbox: readonly OutboxEntry[], now: number): ChannelView {
    if (this.view) return this.view;
    const messages = [...this.messages.values()].sort((a, b) => a.seq - b.seq);
    const myKey = this.state?.myKey;
    const readSeq = this.state?.readSeq ?? 0;
    const typing = [...this.typing.values()].filter((t) => t.until > now).map((t) => t.name);
    this.view = {
      channelId: this.channelId,
      status: this.status,
      error: this.error,
      state: this.state,
      messages,
      pending: outbox.filter(
        (entry) => entry.channelId === this.channelId && !this.hasClientId(entry.clientId),
      ),
      hasMore: this.hasMore,
      loadingEarlier: this.loadingEarlier,
      typing,
      unread: messages.filter((m) => m.seq > readSeq && m.senderKey !== myKey && !m.deleted).length,
      liveSeq: this.liveSeq,
    };
    return this.view;
  }
}
