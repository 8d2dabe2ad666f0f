// The live sessions this process hosts, and which socket is which peer. A socket is in at most
// one live session; media requests find their SFU peer through here. With several processes a
// session is opened only where its lease is held (ownership.ts).
import { timingSafeEqual } from 'node:crypto';
import { serialised } from '../db/claims.ts';
import { RequestError } from '../errors.ts';
import type { MediaMembership } from '../media/handlers.ts';
import type { RealtimeSocket } from '../realtime/socket.ts';
import type { SessionContext } from './admission.ts';
import { closeOpenRows } from './openRows.ts';
import type { LivePeer } from './LivePeer.ts';
import { LiveSession, type LiveSessionDeps } from './LiveSession.ts';
import type { LiveOwnership, SessionSummaryRecord } from './ownership.ts';

/** The session is hosted by another process (or none may take it here now, nodeUrl null). */
export class Elsewhere extends Error {
  constructor(readonly nodeUrl: string | null) {
    super('live.elsewhere');
  }
}

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

  constructor(
    private readonly deps: LiveSessionDeps,
    readonly ownership: LiveOwnership,
  ) {}

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
      if (await this.ownership.wasEnded(sessionId)) throw new RequestError('live.ended', 409);
      const claim = await this.ownership.claim(sessionId);
      if (!claim.mine) throw new Elsewhere(claim.nodeUrl);
      // Taken over from a process that died: who was in its video left then (their attendance
      // would stay open otherwise); whom it had admitted come straight in when they come back.
      const admitted = claim.previous?.admitted ?? [];
      await closeOpenRows(sessionId, context, admitted, this.deps.clock.now());
      const live = new LiveSession(sessionId, context, this.deps);
      for (const personId of admitted) live.readmit.add(personId);
      try {
        await live.openRoom();
      } catch (error) {
        await this.ownership.release(sessionId);
        throw error;
      }
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

  /** Visible participants of a session live now, in this process or another (0: not live). */
  async participantCount(sessionId: string): Promise<number> {
    const live = this.sessions.get(sessionId);
    if (live) return visibleCount(live);
    return this.ownership.participants(sessionId);
  }

  /** What the ownership publishes for each session hosted here. */
  summaries(): Map<string, Omit<SessionSummaryRecord, 'nodeUrl'>> {
    const summaries = new Map<string, Omit<SessionSummaryRecord, 'nodeUrl'>>();
    for (const live of this.sessions.values()) {
      const visible = [...live.peers.values()].filter((p) => p.visible);
      summaries.set(live.id, {
        participants: visible.length,
        admitted: visible.map((p) => p.personId),
      });
    }
    return summaries;
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

  /** Closes a session nobody is in any more, freeing its router and its lease. */
  closeIfEmpty(live: LiveSession): void {
    if (live.peers.size > 0 || this.sessions.get(live.id) !== live) return;
    this.sessions.delete(live.id);
    live.close();
    void this.ownership.release(live.id);
  }

  end(live: LiveSession): void {
    this.ended.add(live.id);
    for (const [socketId, binding] of this.bySocket) {
      if (binding.live === live) this.bySocket.delete(socketId);
    }
    if (this.sessions.get(live.id) === live) this.sessions.delete(live.id);
    live.close();
    void this.ownership
      .markEnded(live.id)
      .then(() => this.ownership.release(live.id))
      .catch((error: unknown) => this.deps.log.warn({ err: error }, 'live end not shared'));
  }

  /**
   * Gives a session up here: its lease first (so another process may claim it at once), then
   * every peer is told to move and its socket closed — the browser rejoins through the shared
   * address and lands on the new owner.
   */
  async handOver(sessionId: string): Promise<void> {
    const live = this.sessions.get(sessionId);
    await this.ownership.release(sessionId);
    if (!live) return;
    this.sessions.delete(sessionId);
    const sockets = [...live.peers.values()].flatMap((p) => (p.socket ? [p.socket] : []));
    for (const [socketId, binding] of this.bySocket) {
      if (binding.live === live) this.bySocket.delete(socketId);
    }
    // They leave this process's video now; joining where it moves reopens their attendance.
    await live
      .recordLeaves()
      .catch((error: unknown) =>
        this.deps.log.warn(
          { err: error, session: sessionId },
          'attendance not closed on hand-over',
        ),
      );
    live.close();
    for (const socket of sockets) {
      socket.emit('live:moved', {});
      socket.disconnect(true);
    }
  }

  /**
   * SIGTERM: claim nothing new and hand every session over to the other processes at once —
   * the SFU's workers stop with this process, so nothing could finish here. Browsers are back
   * in a second or two. Without Redis there is nobody to hand over to: the sessions end with
   * the process, as before.
   */
  async drain(): Promise<void> {
    if (!this.ownership.shared) return;
    this.ownership.draining = true;
    const ids = [...this.sessions.keys()];
    if (ids.length > 0) this.deps.log.info({ sessions: ids.length }, 'handing live sessions over');
    await Promise.all(ids.map((id) => this.handOver(id)));
  }

  async close(): Promise<void> {
    for (const live of this.sessions.values()) live.close();
    this.sessions.clear();
    this.bySocket.clear();
    this.ownership.stop();
    await Promise.all(this.ownership.held().map((id) => this.ownership.release(id)));
  }
}

const visibleCount = (live: LiveSession) =>
  [...live.peers.values()].filter((p) => p.visible).length;

export function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
