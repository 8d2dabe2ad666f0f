// The app-wide chat connection while someone is signed in: one socket for every conversation.
// Delivery is reliable as the contract describes: each message has a client id and waits in a
// persisted outbox until acknowledged (sent again after every reconnect and reload); messages are
// kept per channel by seq and caught up with `chat:sync` after a reconnect; every connect
// subscribes again. Components read immutable views through useSyncExternalStore.
import type {
  ChannelState,
  ChatMessage,
  ConversationSummary,
  ReportReason,
} from '../../../../server/protocol/chat.ts';
import { connectSocket, request, RequestFailed, type ClientSocket } from '../../lib/socket.ts';
import { ChannelData, TYPING_SHOWN_MS, type ChannelView } from './channelStore.ts';
import { ConversationStore } from './conversationStore.ts';
import { Delivery } from './delivery.ts';
import { PresenceTracker } from './presence.ts';

export type { ChannelView } from './channelStore.ts';
export type { ConversationsView } from './conversationStore.ts';

export type DirectWith = 'facilitators' | 'trainer' | 'lead' | 'coFacilitator';

const HISTORY_PAGE = 50;
const SYNC_PAGE = 200;
const TYPING_EVERY_MS = 3_000;
const ANNOUNCE_TIMEOUT_MS = 15_000;

export class ChatClient {
  readonly socket: ClientSocket;
  readonly presence: PresenceTracker;
  private readonly delivery: Delivery;
  private readonly channels = new Map<string, ChannelData>();
  /** What `chat:subscribe` said about each channel on this connection. */
  private readonly states = new Map<string, ChannelState>();
  private readonly subscribed = new Set<string>();
  private readonly conversations: ConversationStore;
  private readonly listeners = new Set<() => void>();
  private readonly lastTyping = new Map<string, number>();
  private readonly readWanted = new Map<string, number>();
  private readonly timers = new Map<string, number>();
  private closed = false;
  /** Until the first connection is made or fails, do not show "no connection". */
  private starting = true;

  constructor(
    personId: string,
    private readonly lang: () => string,
  ) {
    // Listeners before connecting: the first 'connect' must find them in place.
    this.socket = connectSocket({ lang: lang() }, undefined, false);
    this.presence = new PresenceTracker(this.socket, this.notify);
    this.conversations = new ConversationStore(this.notify);
    this.delivery = new Delivery(personId, this.socket, {
      changed: (channelId) => {
        this.channels.get(channelId)?.changed();
        this.notify();
      },
      sent: (message) => this.sent(message),
    });
    this.listen();
    this.presence.start();
    this.socket.connect();
  }

  close(): void {
    this.closed = true;
    this.presence.stop();
    this.delivery.close();
    for (const timer of this.timers.values()) window.clearTimeout(timer);
    this.timers.clear();
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  // ——— for React ———

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private notify = () => {
    if (this.closed) return;
    for (const listener of this.listeners) listener();
  };

  isOnline = () => this.socket.connected || this.starting;

  conversationsView = () => this.conversations.get();

  channelView(channelId: string): ChannelView {
    return this.channel(channelId).viewWith(this.delivery.entries(), Date.now());
  }

  /** A component shows this channel: load it (once) and keep it current. Returns the release. */
  open(channelId: string): () => void {
    const data = this.channel(channelId);
    data.retained += 1;
    if (!data.loaded && this.socket.connected) void this.load(data);
    return () => {
      data.retained -= 1;
    };
  }

  private channel(channelId: string): ChannelData {
    let data = this.channels.get(channelId);
    if (!data) {
      data = new ChannelData(channelId);
      this.channels.set(channelId, data);
    }
    return data;
  }

  // ——— the connection ———

  private listen(): void {
    const socket = this.socket;
    socket.on('connect', () => {
      this.starting = false;
      void this.connected();
    });
    socket.on('connect_error', (error) => {
      this.starting = false;
      this.notify();
      // Refused because the database is down for a moment (not a lasting "no"): Socket.IO does
      // not retry a refusal by itself, so try again shortly; unsent messages wait meanwhile.
      const code = (error as Error & { data?: { code?: string } }).data?.code;
      if (code === 'unavailable' && !this.closed)
        this.later('reconnect', 2000 + Math.random() * 2000, () => {
          if (!socket.connected) socket.connect();
        });
    });
    socket.on('disconnect', () => {
      this.subscribed.clear();
      this.notify();
    });
    // The server translates its refusals: reconnections say which language is in use now.
    socket.io.on('reconnect_attempt', () => {
      socket.auth = { lang: this.lang() };
    });
    // Something was taken away (a place in a group ended, a role changed): what is still
    // allowed is subscribed again, and what is not shows as gone.
    socket.on('access:revoked', () => {
      this.subscribed.clear();
      void this.connected();
    });
    socket.on('chat:message', (message) => this.received(message));
    socket.on('chat:updated', (message) => {
      const data = this.channels.get(message.channelId);
      if (data?.replace(message)) this.notify();
      this.conversations.edited(message);
    });
    socket.on('chat:typing', ({ channelId, senderKey, name }) => {
      const data = this.channels.get(channelId);
      if (!data || senderKey === this.states.get(channelId)?.myKey) return;
      data.typing.set(senderKey, { name, until: Date.now() + TYPING_SHOWN_MS });
      data.changed();
      this.notify();
      // Once the newest "typing" has run out, show the line without it.
      this.restart(`typing:${channelId}`, TYPING_SHOWN_MS + 50, () => {
        data.changed();
        this.notify();
      });
    });
    socket.on('chat:readMarker', ({ channelId, readSeq }) => this.applyRead(channelId, readSeq));
    socket.on('chat:conversationsChanged', () => this.reloadConversations());
    socket.on('presence:changed', (change) => this.presence.changed(change));
  }

  /** First connect and every reconnect. */
  private async connected(): Promise<void> {
    this.notify();
    this.presence.connected();
    this.delivery.flush();
    // Channels on screen first, each on its own: one that went away must not block the others.
    const open = [...this.channels.values()].filter((d) => d.loaded || d.retained > 0);
    await Promise.all(
      open.map(async (data) => {
        if (!data.loaded) return this.load(data);
        if (await this.subscribeTo([data.channelId])) await this.catchUp(data);
      }),
    );
    await this.loadConversations();
  }

  /** Subscribes on this connection; answers whether it worked. */
  private async subscribeTo(channelIds: string[]): Promise<boolean> {
    try {
      const { channels } = await request(this.socket, 'chat:subscribe', { channelIds });
      for (const state of channels) {
        this.states.set(state.channelId, state);
        this.subscribed.add(state.channelId);
        const data = this.channels.get(state.channelId);
        if (data) {
          data.state = state;
          data.changed();
        }
      }
      this.notify();
      return true;
    } catch (error) {
      if (channelIds.length === 1) {
        const data = this.channels.get(channelIds[0]!);
        if (data && !data.loaded) {
          data.status = 'error';
          data.error = messageOf(error);
          data.changed();
          this.notify();
        }
      }
      return false;
    }
  }

  /** The newest page of a channel, then whatever arrived since. */
  private async load(data: ChannelData): Promise<void> {
    if (data.loading) return;
    data.loading = true;
    try {
      if (!(await this.subscribeTo([data.channelId]))) return;
      const { messages, hasMore } = await request(this.socket, 'chat:history', {
        channelId: data.channelId,
        limit: HISTORY_PAGE,
      });
      data.synced = Math.max(data.synced, ...messages.map((m) => m.seq));
      data.hasMore = hasMore;
      data.loaded = true;
      data.status = 'ready';
      data.error = null;
      data.put(messages);
      this.notify();
      await this.catchUp(data);
    } catch (error) {
      data.status = 'error';
      data.error = messageOf(error);
      data.changed();
      this.notify();
    } finally {
      data.loading = false;
    }
  }

  /** Everything after the last seq held without gaps, page by page. */
  private async catchUp(data: ChannelData): Promise<void> {
    if (!data.loaded) return;
    for (let page = 0; page < 20; page += 1) {
      let result;
      try {
        result = await request(this.socket, 'chat:sync', {
          channelId: data.channelId,
          afterSeq: data.synced,
          limit: SYNC_PAGE,
        });
      } catch {
        return; // the next message, or the next reconnect, tries again
      }
      // The server returned everything after `synced` (up to the limit): a seq that was never
      // used (a hole) must not stall the catch-up.
      data.synced = Math.max(data.synced, ...result.messages.map((m) => m.seq));
      data.put(result.messages);
      this.notify();
      if (result.messages.length < SYNC_PAGE || data.synced >= result.lastSeq) return;
    }
  }

  private received(message: ChatMessage): void {
    const myKey = this.states.get(message.channelId)?.myKey;
    const mine = myKey !== undefined && message.senderKey === myKey;
    if (mine) this.delivery.arrived(message.clientId);
    const data = this.channels.get(message.channelId);
    if (data) {
      const before = data.synced;
      data.put([message]);
      if (!mine) data.liveSeq = Math.max(data.liveSeq, message.seq);
      if (data.loaded && message.seq > data.synced && message.seq > before + 1) {
        // A gap (a message missed, or two arriving out of order): catch up unless it fills.
        this.later(`gap:${data.channelId}`, 400, () => {
          if (data.newestSeq() > data.synced) void this.catchUp(data);
        });
      }
      this.notify();
    }
    const state = this.states.get(message.channelId);
    if (state && message.seq > state.lastSeq) {
      this.states.set(message.channelId, { ...state, lastSeq: message.seq });
    }
    this.countNew(message, mine, myKey === undefined);
  }

  // ——— conversations and unread counts ———

  private async loadConversations(): Promise<void> {
    try {
      const { conversations } = await request(this.socket, 'chat:conversations', {});
      this.conversations.set(conversations);
      // Unread counts move with new messages: listen to every conversation.
      const fresh = conversations.map((c) => c.channelId).filter((id) => !this.subscribed.has(id));
      for (let i = 0; i < fresh.length; i += 50) {
        const batch = fresh.slice(i, i + 50);
        if (!(await this.subscribeTo(batch))) {
          for (const id of batch) await this.subscribeTo([id]);
        }
      }
    } catch {
      // Not answered: no badge and an empty list the first time; else the last list stays.
      this.conversations.failed();
    }
  }

  private countNew(message: ChatMessage, mine: boolean, unknownSender: boolean): void {
    if (message.channelId.startsWith('session:')) return; // not a conversation of its own
    if (unknownSender || !this.conversations.counted(message, mine)) this.reloadConversations();
  }

  private reloadConversations(): void {
    this.later('conversations', 300, () => void this.loadConversations());
  }

  private applyRead(channelId: string, readSeq: number): void {
    const state = this.states.get(channelId);
    if (state && readSeq > state.readSeq) this.states.set(channelId, { ...state, readSeq });
    const data = this.channels.get(channelId);
    if (data?.state && readSeq > data.state.readSeq) {
      data.state = { ...data.state, readSeq };
      data.changed();
      this.notify();
    }
    if (!this.conversations.read(channelId, readSeq, data)) this.reloadConversations();
  }

  // ——— actions ———

  send(channelId: string, text: string, mentionFacilitators = false): void {
    this.delivery.send(channelId, text, mentionFacilitators);
  }

  retry(clientId: string): void {
    this.delivery.retry(clientId);
  }

  discard(clientId: string): void {
    this.delivery.discard(clientId);
  }

  /** Acknowledged by the server: in the list at once (the live event may come later). */
  private sent(message: ChatMessage): void {
    this.channels.get(message.channelId)?.put([message]);
    this.countNew(message, true, false);
  }

  async loadEarlier(channelId: string): Promise<void> {
    const data = this.channels.get(channelId);
    const beforeSeq = data?.oldestSeq();
    if (!data || !data.hasMore || data.loadingEarlier || !beforeSeq) return;
    data.loadingEarlier = true;
    data.changed();
    this.notify();
    try {
      const result = await request(this.socket, 'chat:history', {
        channelId,
        beforeSeq,
        limit: HISTORY_PAGE,
      });
      data.hasMore = result.hasMore;
      data.put(result.messages);
    } finally {
      data.loadingEarlier = false;
      data.changed();
      this.notify();
    }
  }

  /** "I have read up to here": at most one request per channel every half second. */
  markRead(channelId: string, seq: number): void {
    const readSeq = this.channels.get(channelId)?.state?.readSeq ?? 0;
    if (seq <= readSeq) return;
    // Only what was on screen when asked: a message arriving meanwhile is not read yet.
    this.readWanted.set(channelId, Math.max(seq, this.readWanted.get(channelId) ?? 0));
    this.later(`read:${channelId}`, 500, () => {
      const upTo = this.readWanted.get(channelId) ?? 0;
      this.readWanted.delete(channelId);
      const current = this.channels.get(channelId)?.state?.readSeq ?? 0;
      if (upTo <= current || !this.socket.connected) return;
      request(this.socket, 'chat:read', { channelId, seq: upTo }).then(
        ({ readSeq: marker }) => this.applyRead(channelId, marker),
        () => undefined, // read markers are a convenience; the next view sends it again
      );
    });
  }

  /** "I am typing": at most every three seconds per channel. */
  typing(channelId: string): void {
    const now = Date.now();
    if (now - (this.lastTyping.get(channelId) ?? 0) < TYPING_EVERY_MS) return;
    this.lastTyping.set(channelId, now);
    if (this.socket.connected)
      request(this.socket, 'chat:typing', { channelId }).catch(() => undefined);
  }

  /** An edit, delete or hide I made: shown at once (the event for everyone follows). */
  private applyUpdate(message: ChatMessage): void {
    if (this.channels.get(message.channelId)?.replace(message)) this.notify();
  }

  async edit(channelId: string, seq: number, text: string): Promise<void> {
    this.applyUpdate(await request(this.socket, 'chat:edit', { channelId, seq, text }));
  }

  async remove(channelId: string, seq: number): Promise<void> {
    this.applyUpdate(await request(this.socket, 'chat:delete', { channelId, seq }));
  }

  async hide(channelId: string, seq: number, hidden: boolean): Promise<void> {
    this.applyUpdate(await request(this.socket, 'chat:hide', { channelId, seq, hidden }));
  }

  async report(channelId: string, seq: number, reason: ReportReason, note: string) {
    await request(this.socket, 'chat:report', { channelId, seq, reason, note });
  }

  async openDirect(groupId: string, withWhom: DirectWith): Promise<ConversationSummary> {
    const conversation = await request(this.socket, 'chat:openDirect', {
      groupId,
      with: withWhom,
    });
    if (this.conversations.add(conversation)) void this.subscribeTo([conversation.channelId]);
    return conversation;
  }

  /** A coordinator's announcement; the caller keeps the client id for retries. */
  async announce(to: { groupId: string } | { facilitators: true }, text: string, clientId: string) {
    return request(this.socket, 'chat:announce', { to, text, clientId }, ANNOUNCE_TIMEOUT_MS);
  }

  /** Shares a service directory entry into a group's chat (those who run the group). */
  async shareEntry(groupId: string, entryId: string, clientId: string) {
    return request(
      this.socket,
      'chat:shareEntry',
      { groupId, entryId, clientId },
      ANNOUNCE_TIMEOUT_MS,
    );
  }

  refreshConversations(): void {
    if (this.socket.connected) void this.loadConversations();
  }

  private restart(key: string, ms: number, run: () => void): void {
    window.clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.later(key, ms, run);
  }

  /** Runs once after `ms`; asking again for the same key meanwhile changes nothing. */
  private later(key: string, ms: number, run: () => void): void {
    if (this.timers.has(key)) return;
    this.timers.set(
      key,
      window.setTimeout(() => {
        this.timers.delete(key);
        if (!this.closed) run();
      }, ms),
    );
  }
}

/** The server's reason, already translated; '' for anything else (the UI says it generically). */
function messageOf(error: unknown): string {
  return error instanceof RequestFailed ? error.message : '';
}
