// A chat client for tests that behaves as the real one must: an outbox resent after every
// reconnect until acknowledged, catch-up by sequence, messages kept once by sequence.
import { randomBytes } from 'node:crypto';
import type { ChatMessage } from '../../server/protocol/chat.ts';
import { ask, must, type TestSocket } from './live.ts';

/** A client as the real one behaves: an outbox resent after reconnects, catch-up by sequence. */
export class ReliableClient {
  readonly received = new Map<number, ChatMessage>();
  private readonly unacked = new Map<string, string>();
  /** Client ids the server has acknowledged (stored). */
  readonly acked = new Set<string>();
  private lastSeq = 0;
  private ready: Promise<void> = Promise.resolve();

  constructor(
    readonly socket: TestSocket,
    private readonly channelId: string,
  ) {
    socket.on('chat:message', (m: ChatMessage) => this.keep(m));
    socket.on('connect', () => {
      this.ready = this.catchUp().catch(() => undefined);
    });
  }

  private keep(message: ChatMessage): void {
    this.received.set(message.seq, message);
    while (this.received.has(this.lastSeq + 1)) this.lastSeq += 1;
  }

  async catchUp(): Promise<void> {
    await must(this.socket, 'chat:subscribe', { channelIds: [this.channelId] });
    for (;;) {
      const { messages, lastSeq } = await must<{ messages: ChatMessage[]; lastSeq: number }>(
        this.socket,
        'chat:sync',
        { channelId: this.channelId, afterSeq: this.lastSeq, limit: 500 },
      );
      for (const m of messages) this.keep(m);
      if (this.lastSeq >= lastSeq || messages.length === 0) break;
    }
    for (const [clientId, text] of this.unacked) await this.trySend(clientId, text);
  }

  private async trySend(clientId: string, text: string): Promise<void> {
    if (!this.socket.connected) return;
    try {
      const ack = await ask<ChatMessage>(this.socket, 'chat:send', {
        channelId: this.channelId,
        clientId,
        text,
      });
      if (ack.ok) {
        this.unacked.delete(clientId);
        this.acked.add(clientId);
        this.keep(ack.data);
      }
    } catch {
      // Timed out or disconnected: it stays in the outbox for the next connection.
    }
  }

  async send(text: string): Promise<void> {
    const clientId = randomBytes(9).toString('base64url');
    this.unacked.set(clientId, text);
    await this.trySend(clientId, text);
  }

  get pending(): number {
    return this.unacked.size;
  }

  /** Until everything is acknowledged and caught up (checking every 200 ms, `rounds` times). */
  async settle(rounds = 50): Promise<void> {
    for (
      let round = 0;
      round < rounds && (this.unacked.size > 0 || !this.socket.connected);
      round += 1
    ) {
      await new Promise((r) => setTimeout(r, 200));
      await this.ready;
      if (this.socket.connected)
        for (const [id, text] of this.unacked) await this.trySend(id, text);
    }
    await this.catchUp();
  }
}
