// One simulated participant of the soak: a Socket.IO client signed in as a person, chatting in
// the group's channel through the product's own delivery code (client/src/features/chat/
// delivery.ts: client ids, outbox, retries), catching up with `chat:sync` after every reconnect
// as ChatClient does, and in the live session: joining (again after a drop, with its rejoin
// token), producing a microphone and consuming the facilitator's (mediasoup producers and
// consumers on the server's real workers; no RTP flows through the WebRTC transports, which
// would need ICE and DTLS). Everything a family's socket receives is searched for the hidden
// observer's id and name.
import type { ChatMessage } from '../../../server/protocol/chat.ts';
import type { JoinResult } from '../../../server/protocol/live.ts';
import { Delivery } from '../../../client/src/features/chat/delivery.ts';
import type { ClientSocket } from '../../../client/src/lib/socketRequest.ts';
import {
  ask,
  liveSocket,
  receiverOf,
  sendMicrophone,
  type TestSocket,
} from '../../support/live.ts';
import type { TestPerson } from '../../support/people.ts';
import { browserGlobals } from '../healSupport.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
let nextSsrc = 10_000;

export interface SoakGroupRef {
  groupId: string;
  sessionId: string;
  channelId: string;
  /** The facilitator's current microphone producer (what families consume). */
  hostProducer?: string;
  /** Id and name of a hidden observer that must never reach a family. */
  hidden: string[];
}

export class SoakMember {
  socket!: TestSocket;
  readonly received = new Map<string, ChatMessage>();
  readonly acked = new Set<string>();
  /** Seqs in the order they arrived live (per connection), to check the order. */
  readonly arrivals: number[][] = [[]];
  readonly chatLatencies: { at: number; ms: number }[] = [];
  readonly errors: string[] = [];
  /** Hidden-observer strings seen in a frame this (family) member received. */
  readonly leaks: string[] = [];
  joins = 0;
  reconnects = 0;
  produced = 0;
  consumed = 0;
  wantLive = false;
  admitted = false;
  private delivery!: Delivery;
  private rejoinToken = '';
  private readonly sentAt = new Map<string, number>();
  private closed = false;

  constructor(
    readonly person: TestPerson,
    readonly group: SoakGroupRef,
    readonly kind: 'family' | 'host' | 'observer',
  ) {}

  async connect(url: string): Promise<void> {
    browserGlobals();
    // Many connecting at once on a loaded machine: a refusal ("unavailable") is tried again.
    for (let attempt = 1; ; attempt += 1) {
      try {
        this.socket = await liveSocket(url, this.person);
        break;
      } catch (error) {
        if (attempt >= 10) throw error;
        await pause(500 * attempt);
      }
    }
    this.delivery = new Delivery(this.person.id, this.socket as unknown as ClientSocket, {
      changed: () => undefined,
      sent: (message) => this.stored(message, true),
    });
    this.socket.on('chat:message', (message: ChatMessage) => {
      if (message.channelId !== this.group.channelId) return;
      this.arrivals.at(-1)!.push(message.seq);
      this.stored(message, false);
      this.delivery.arrived(message.clientId);
    });
    if (this.kind === 'family')
      this.socket.onAny((name: string, payload: unknown) => {
        const frame = JSON.stringify(payload ?? null);
        for (const hidden of this.group.hidden)
          if (frame.includes(hidden)) this.leaks.push(`${name}: ${frame.slice(0, 300)}`);
      });
    this.socket.on('live:mediaReset', () => void this.media());
    this.socket.on('disconnect', (reason: string) => {
      this.admitted = false;
      this.arrivals.push([]);
      // The server let go of this socket (a live session handed over: `live:moved`): Socket.IO
      // does not come back by itself after that; the product's live client opens a new one.
      if (reason === 'io server disconnect' && !this.closed)
        setTimeout(() => !this.closed && !this.socket.connected && this.socket.connect(), 500);
    });
    // Every connection after the first (the manager's reconnects and the retries below).
    this.socket.on('connect', () => {
      this.reconnects += 1;
      void this.onConnect();
    });
    // A refusal ("unavailable": the database or the server restarting) is not retried by
    // Socket.IO itself; as the product's ChatClient does, try again shortly.
    this.socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      if (error.data?.code !== 'unavailable' || this.closed) return;
      setTimeout(
        () => {
          if (!this.closed && !this.socket.connected) this.socket.connect();
        },
        1000 + Math.random() * 1000,
      );
    });
    await this.onConnect();
  }

  private stored(message: ChatMessage, acked: boolean) {
    if (acked) {
      this.acked.add(message.clientId);
      const began = this.sentAt.get(message.text);
      if (began !== undefined) {
        this.chatLatencies.push({ at: Date.now(), ms: Date.now() - began });
        this.sentAt.delete(message.text);
      }
    }
    this.received.set(message.clientId, message);
  }

  /** As ChatClient on every (re)connect: subscribe, catch up, send what waits; rejoin live. */
  private async onConnect(): Promise<void> {
    if (this.closed) return;
    try {
      const sub = await ask(this.socket, 'chat:subscribe', { channelIds: [this.group.channelId] });
      if (!sub.ok) this.errors.push(`subscribe: ${sub.error.code}`);
      await this.catchUp();
      this.delivery.flush();
      if (this.wantLive) await this.join();
    } catch (error) {
      // Dropped again meanwhile: the next reconnect does it all again.
      this.errors.push(`connect: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async catchUp(): Promise<void> {
    for (;;) {
      // From the end of what is held without a hole (as channelStore's `synced`): a message
      // that arrived live after a gap must not hide the gap.
      const seqs = new Set([...this.received.values()].map((m) => m.seq));
      let after = 0;
      while (seqs.has(after + 1)) after += 1;
      const res = await ask<{ messages: ChatMessage[] }>(this.socket, 'chat:sync', {
        channelId: this.group.channelId,
        afterSeq: after,
        limit: 200,
      }).catch((e: unknown) => ({ ok: false as const, error: { code: String(e) } }));
      if (!res.ok) return void this.errors.push(`sync: ${res.error.code}`);
      for (const message of res.data.messages) this.stored(message, false);
      if (res.data.messages.length < 200) return;
    }
  }

  send(text: string): void {
    this.sentAt.set(text, Date.now());
    this.delivery.send(this.group.channelId, text, false);
  }

  get waiting(): number {
    return this.delivery.entries().length;
  }

  /** Joins the live session (retrying while another process still holds its lease). */
  async join(): Promise<boolean> {
    this.wantLive = true;
    for (let attempt = 0; attempt < 20 && !this.closed && this.socket.connected; attempt += 1) {
      const res = await ask<JoinResult>(this.socket, 'live:join', {
        sessionId: this.group.sessionId,
        mode: this.kind === 'observer' ? 'observer' : 'participant',
        ...(this.rejoinToken ? { rejoinToken: this.rejoinToken } : {}),
      }).catch((e: unknown) => ({ ok: false as const, error: { code: String(e) } }));
      if (res.ok && res.data.state === 'admitted') {
        this.rejoinToken = res.data.rejoinToken;
        this.joins += 1;
        this.admitted = true;
        // Resumed: the same peer, its transports and producers kept on the server.
        if (!res.data.resumed) await this.media();
        return true;
      }
      if (res.ok && res.data.state === 'lobby') {
        this.rejoinToken = res.data.rejoinToken;
        return false; // auto-admit: the admission arrives as an event
      }
      if (!res.ok) this.errors.push(`join: ${res.error.code}`);
      await pause(500);
    }
    return false;
  }

  /** A microphone (host and families), and the host's microphone consumed (families). */
  async media(): Promise<void> {
    if (this.kind === 'observer' || !this.admitted) return;
    try {
      const producerId = await sendMicrophone(this.socket, (nextSsrc += 1));
      this.produced += 1;
      if (this.kind === 'host') this.group.hostProducer = producerId;
      else if (this.group.hostProducer) {
        const consume = await receiverOf(this.socket);
        const res = await consume(this.group.hostProducer);
        if (res.ok) this.consumed += 1;
      }
    } catch (error) {
      this.errors.push(`media: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async leave(): Promise<void> {
    this.wantLive = false;
    this.admitted = false;
    this.rejoinToken = '';
    const res = await ask(this.socket, 'live:leave', {}).catch(() => undefined);
    if (res && !res.ok) this.errors.push(`leave: ${res.error.code}`);
  }

  /** The connection cut from this side (as a network loss would), Socket.IO reconnects. */
  drop(): void {
    this.socket.io.engine?.close();
  }

  close(): void {
    this.closed = true;
    this.delivery?.close();
    this.socket?.disconnect();
  }
}
