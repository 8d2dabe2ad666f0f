// The live sessions this process hosts, and which socket is which peer. A socket is in at most
// one live session; media requests find their SFU peer through here.
import { timingSafeEqual } from 'node:crypto';
import { serialised } from '../db/claims.ts';
import { RequestError } from '../errors.ts';
import type { MediaMembership } from '../media/handlers.ts';
import type { RealtimeSocket } from '../realtime/socket.ts';
import type { SessionContext } from './admission.ts';
import type { LivePeer } from './LivePeer.ts';
import { LiveSession, type LiveSessionDeps } from './LiveSession.ts';

export interface Binding {
  live: LiveSession;
  peer: LivePeer;
}

export class LiveRegistry {
  private readonly sessions = new Map<string, LiveSession>();
  private readonly opening = new Map<string, Promise<LiveSession>>();
  private readonly bySocket = new Map<string, Binding>();
  /** Sessions a facilitator ended in this process: never opened again. */
  private readonly ended = new Set<string>();

  constructor(private readonly deps: LiveSessionDeps) {}

  /**
   * Runs one state change of a session at a time (join, leave, admit, remove, end, a grace
   * period running out), so none of them sees the others half done.
   */
  locked<T>(sessionId: string, work: () => Promise<T>): Promise<T> {
    return serialised(`live:${sessionId}`, work);
  }

  /** The live session of a group session, opened (with its SFU room) on first use. */
  open(sessionId: string, context: SessionContext): Promise<LiveSession> {
    if (this.ended.has(sessionId)) return Promise.reject(new RequestError('live.ended', 409));
    const existing = this.sessions.get(sessionId);
    if (existing) {
      existing.context = context;
      return Promise.resolve(existing);
    }
    const pending = this.opening.get(sessionId);
    if (pending) return pending;
    const opening = (async () => {
      const live = new LiveSession(sessionId, context, this.deps);
      await live.openRoom();
      this.sessions.set(sessionId, live);
      return live;
    })().finally(() => this.opening.delete(sessionId));
    this.opening.set(sessionId, opening);
    return opening;
  }

  /** Every live session this process hosts now. */
  all(): LiveSession[] {
    return [...this.sessions.values()];
  }

  get(sessionId: string): LiveSession | undefined {
    return this.sessions.get(sessionId);
  }

  /** Visible participants of a session live in this process now (0 when it is not live). */
  participantCount(sessionId: string): number {
    const live = this.sessions.get(sessionId);
    return live ? [...live.peers.values()].filter((p) => p.visible).length : 0;
  }

  bind(socket: RealtimeSocket, live: LiveSession, peer: LivePeer): void {
    this.bySocket.set(socket.id, { live, peer });
  }

  /** Forgets every socket bound to this peer (its socket may already be gone). */
  unbind(peer: LivePeer): void {
    for (const [socketId, binding] of this.bySocket) {
      if (binding.peer === peer) this.bySocket.delete(socketId);
    }
  }

  /**
   * This socket's peer, while it is in its session and this socket is the peer's. A socket
   * recovered by Socket.IO (same id, new object) must rejoin before it can act.
   */
  binding(socket: RealtimeSocket): Binding | undefined {
    const binding = this.bySocket.get(socket.id);
    if (!binding || binding.peer.socket !== socket) return undefined;
    if (binding.live.peers.get(binding.peer.peerId) !== binding.peer) return undefined;
    return binding;
  }

  membershipOf(socket: RealtimeSocket): MediaMembership | undefined {
    const binding = this.binding(socket);
    const media = binding?.peer.admitted ? binding.peer.media : null;
    if (!media) return undefined;
    const { live, peer } = binding!;
    return { room: live.room, peer: media, mayConsume: (id) => live.mayConsume(peer, id) };
  }

  /** Closes a session nobody is in any more, freeing its router. */
  closeIfEmpty(live: LiveSession): void {
    if (live.peers.size > 0 || this.sessions.get(live.id) !== live) return;
    this.sessions.delete(live.id);
    live.close();
  }

  end(live: LiveSession): void {
    this.ended.add(live.id);
    for (const [socketId, binding] of this.bySocket) {
      if (binding.live === live) this.bySocket.delete(socketId);
    }
    if (this.sessions.get(live.id) === live) this.sessions.delete(live.id);
    live.close();
  }

  close(): void {
    for (const live of this.sessions.values()) live.close();
    this.sessions.clear();
    this.bySocket.clear();
  }
}

export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
