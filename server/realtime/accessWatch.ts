// Access that follows every change. A socket is admitted once, at its handshake; after that,
// whenever someone's access may have shrunk (server/access/changes.ts), their sockets are asked
// about again: the session must still be live, and every room the socket is in must still be
// allowed by its owning feature's guard, or the socket leaves it. Features that hold more than
// rooms (a live peer with media) re-check it in a hook. A room no guard owns is left: nothing is
// kept by default. With Redis, the change travels to every server process (serverSideEmit).
import type { Logger } from 'pino';
import type { SignedInActor } from '../access/actor.ts';
import { isSignedIn } from '../access/actor.ts';
import { onAccessChange, type AccessChange } from '../access/changes.ts';
import { audit } from '../audit/audit.model.ts';
import { actorOfSession } from '../auth/sessions.ts';
import { translator } from '../i18n/index.ts';
import { count } from '../platform/metrics.ts';
import type { AccessChangeReason } from '../protocol/access.ts';
import type { RealtimeServer, RealtimeSocket } from './socket.ts';

export interface RoomGuard {
  owns(room: string): boolean;
  /** May this actor (as the database says now) still be in this room? */
  allows(actor: SignedInActor, room: string): Promise<boolean>;
}

/**
 * Re-checks what a feature holds for a socket beyond rooms; `actor` is null when the socket's
 * session has ended. Resolves to true when something was taken away.
 */
export type AccessHook = (
  socket: RealtimeSocket,
  actor: SignedInActor | null,
  reason: AccessChangeReason,
) => Promise<boolean>;
/** Re-checks what a feature holds for a person without a socket (a live peer in its grace). */
export type PersonHook = (personIds: string[]) => Promise<void>;

export const personRoom = (personId: string) => `person:${personId}`;
export const loginRoom = (sessionId: string) => `session:${sessionId}`;
const OWN_ROOM = /^(?:person|session):/;
/** setTimeout's longest delay; a later session end is re-armed when the timer fires. */
const MAX_DELAY_MS = 2 ** 31 - 1;
const CROSS_PROCESS_EVENT = 'rinnalla:accessChanged';

export class AccessWatch {
  private readonly guards: RoomGuard[] = [];
  private readonly hooks: AccessHook[] = [];
  private readonly personHooks: PersonHook[] = [];
  private readonly expiryTimers = new WeakMap<RealtimeSocket, NodeJS.Timeout>();
  private io: RealtimeServer | null = null;
  private shared = false;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly log: Logger) {}

  addGuard(guard: RoomGuard): void {
    this.guards.push(guard);
  }

  addHook(hook: AccessHook, personHook?: PersonHook): void {
    this.hooks.push(hook);
    if (personHook) this.personHooks.push(personHook);
  }

  /** Starts following changes for this server's sockets. */
  attach(io: RealtimeServer): void {
    this.io = io;
    this.unsubscribe = onAccessChange((change) => {
      void this.apply(change);
      // Other processes re-check their own sockets; this one already did.
      if (this.shared) untyped.serverSideEmit(CROSS_PROCESS_EVENT, change);
    });
    // Events between server processes are not part of the typed client contract.
    const untyped = io as unknown as {
      serverSideEmit(event: string, change: AccessChange): boolean;
      on(event: string, listener: (change: AccessChange) => void): void;
    };
    untyped.on(CROSS_PROCESS_EVENT, (change) => void this.apply(change));
  }

  /** The Redis adapter is in place: changes are passed on to the other processes. */
  shareAcrossProcesses(): void {
    this.shared = true;
  }

  detach(): void {
    this.unsubscribe?.();
  }

  /** A new (or recovered) socket: arm its session's end, and re-derive recovered rooms. */
  connected(socket: RealtimeSocket, sessionEndsAt: Date | null): void {
    if (sessionEndsAt) this.armExpiry(socket, sessionEndsAt);
    socket.once('disconnect', () => clearTimeout(this.expiryTimers.get(socket)));
    // Connection-state recovery restores the rooms the socket had: they are asked about again.
    if (socket.recovered) void this.recheck(socket, 'reconnected');
  }

  private async apply(change: AccessChange): Promise<void> {
    const io = this.io;
    if (!io) return;
    const rooms = [
      ...(change.personIds ?? []).map(personRoom),
      ...(change.sessionIds ?? []).map(loginRoom),
    ];
    try {
      const sockets = rooms.length ? await io.local.in(rooms).fetchSockets() : [];
      await Promise.all(
        sockets.map((s) => this.recheck(s as unknown as RealtimeSocket, change.reason)),
      );
      if (change.personIds?.length)
        await Promise.all(this.personHooks.map((hook) => hook(change.personIds!)));
    } catch (error) {
      this.log.error({ err: error, reason: change.reason }, 'access re-check failed');
    }
  }

  private armExpiry(socket: RealtimeSocket, endsAt: Date): void {
    clearTimeout(this.expiryTimers.get(socket));
    const delay = Math.min(Math.max(0, endsAt.getTime() - Date.now()) + 50, MAX_DELAY_MS);
    const timer = setTimeout(() => void this.recheck(socket, 'expired'), delay);
    timer.unref();
    this.expiryTimers.set(socket, timer);
  }

  /** Asks again about one socket: its session, each of its rooms, each hook. */
  async recheck(socket: RealtimeSocket, reason: AccessChangeReason): Promise<void> {
    const before = socket.data.actor;
    if (!isSignedIn(before) || socket.disconnected) return;
    const fresh = await actorOfSession(before.sessionId, socket.data.lang);
    if (!fresh) {
      // The session is over: out of every room at once, then what hooks hold (a live peer, also
      // one still bound to an earlier socket of this person), then the connection itself.
      const told = reason === 'reconnected' ? 'signedOut' : reason;
      for (const room of [...socket.rooms]) if (room !== socket.id) socket.leave(room);
      try {
        for (const hook of this.hooks) await hook(socket, null, told);
        await Promise.all(this.personHooks.map((hook) => hook([before.personId])));
      } finally {
        await this.revoked(socket, before, told, ['*']);
        socket.disconnect(true);
      }
      return;
    }
    socket.data.actor = fresh.actor;
    this.armExpiry(socket, fresh.endsAt);
    const lost: string[] = [];
    for (const room of socket.rooms) {
      if (room === socket.id || OWN_ROOM.test(room)) continue;
      const guard = this.guards.find((g) => g.owns(room));
      if (guard && (await guard.allows(fresh.actor, room))) continue;
      socket.leave(room);
      lost.push(room);
    }
    for (const hook of this.hooks) if (await hook(socket, fresh.actor, reason)) lost.push('live');
    if (lost.length > 0) await this.revoked(socket, fresh.actor, reason, lost);
  }

  private async revoked(
    socket: RealtimeSocket,
    actor: SignedInActor,
    reason: AccessChangeReason,
    lost: string[],
  ): Promise<void> {
    const t = translator(socket.data.lang);
    socket.emit('access:revoked', { reason, message: t(`access.revoked.${reason}`) });
    count('access_revoked_total', { reason });
    this.log.info({ person: actor.personId, reason, lost: lost.length }, 'access revoked');
    await audit('access.revoked', null, actor.personId, { reason, lost: lost.length }).catch(
      (error: unknown) => this.log.warn({ err: error }, 'audit of a revocation failed'),
    );
  }
}
