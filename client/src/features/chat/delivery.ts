// Reliable sending: every message waits in the persisted outbox until the server acknowledges
// it. It is sent at once when connected, again after every (re)connect and reload, and after a
// timeout with a growing pause; the same client id each time, so the server stores it once. A
// refusal that will not change (too long, no longer a member) is kept as failed, with the
// server's reason, until the writer retries or discards it.
import type { ChatMessage } from '../../../../server/protocol/chat.ts';
import { request, RequestFailed, type ClientSocket } from '../../lib/socketRequest.ts';
import { newClientId, Outbox, type OutboxEntry } from './outbox.ts';

const SEND_TIMEOUT_MS = 15_000;
/** Refusals worth sending again later; any other refusal is final. */
const TRANSIENT = new Set(['rateLimited', 'internal', 'unavailable', 'unauthenticated']);

export interface DeliveryHooks {
  /** The channel's pending messages changed: its view must be rebuilt. */
  changed(channelId: string): void;
  /** Acknowledged: the stored message, to show in place of the pending one. */
  sent(message: ChatMessage): void;
}

export class Delivery {
  private readonly outbox: Outbox;
  private readonly inFlight = new Set<string>();
  private readonly retries = new Map<string, number>();
  private closed = false;

  constructor(
    personId: string,
    private readonly socket: ClientSocket,
    private readonly hooks: DeliveryHooks,
  ) {
    this.outbox = new Outbox(personId);
  }

  entries(): readonly OutboxEntry[] {
    return this.outbox.all();
  }

  close(): void {
    this.closed = true;
    for (const timer of this.retries.values()) window.clearTimeout(timer);
  }

  send(channelId: string, text: string, mentionFacilitators: boolean): void {
    const entry: OutboxEntry = {
      clientId: newClientId(),
      channelId,
      text,
      mentionFacilitators,
      createdAt: new Date().toISOString(),
      status: this.socket.connected ? 'sending' : 'retrying',
      error: null,
    };
    this.outbox.add(entry);
    this.hooks.changed(channelId);
    if (this.socket.connected) void this.deliver(entry.clientId);
  }

  retry(clientId: string): void {
    this.set(clientId, { status: this.socket.connected ? 'sending' : 'retrying', error: null });
    if (this.socket.connected) void this.deliver(clientId);
  }

  discard(clientId: string): void {
    const entry = this.outbox.get(clientId);
    if (entry && this.outbox.remove(clientId)) this.hooks.changed(entry.channelId);
  }

  /** After every (re)connect: whatever is waiting, except what the server refused. */
  flush(): void {
    for (const entry of this.outbox.all()) {
      if (entry.status !== 'failed') void this.deliver(entry.clientId);
    }
  }

  /** One of my messages arrived live (stored, then): no need to send it again. */
  arrived(clientId: string): void {
    const entry = this.outbox.get(clientId);
    if (entry && this.outbox.remove(clientId)) this.hooks.changed(entry.channelId);
  }

  private async deliver(clientId: string, attempt = 0): Promise<void> {
    const entry = this.outbox.get(clientId);
    if (!entry || this.inFlight.has(clientId) || this.closed) return;
    this.inFlight.add(clientId);
    window.clearTimeout(this.retries.get(clientId));
    this.retries.delete(clientId);
    if (entry.status !== 'sending') this.set(clientId, { status: 'sending', error: null });
    try {
      const message = await request(
        this.socket,
        'chat:send',
        {
          channelId: entry.channelId,
          clientId,
          text: entry.text,
          mentionFacilitators: entry.mentionFacilitators,
        },
        SEND_TIMEOUT_MS,
      );
      this.outbox.remove(clientId);
      this.hooks.sent(message);
      this.hooks.changed(message.channelId);
    } catch (error) {
      if (!this.outbox.get(clientId) || this.closed) return; // discarded meanwhile
      if (error instanceof RequestFailed && !TRANSIENT.has(error.error.code)) {
        this.set(clientId, { status: 'failed', error: error.message });
      } else {
        // No answer, or "later": keep it and try again (the next connect tries too).
        this.set(clientId, { status: 'retrying', error: null });
        const wait = Math.min(30_000, 2_000 * 2 ** attempt);
        this.retries.set(
          clientId,
          window.setTimeout(() => {
            this.retries.delete(clientId);
            if (this.socket.connected) void this.deliver(clientId, attempt + 1);
          }, wait),
        );
      }
    } finally {
      this.inFlight.delete(clientId);
    }
  }

  private set(clientId: string, patch: Pick<OutboxEntry, 'status' | 'error'>): void {
    const entry = this.outbox.get(clientId);
    if (!entry) return;
    this.outbox.update(clientId, patch);
    this.hooks.changed(entry.channelId);
  }
}
