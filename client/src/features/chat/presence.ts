// Presence from the chat socket: this tab says whether it is being used (`online`) or not
// (`away`: hidden, or five minutes without input), and a group page watches who of the group is
// around. Presence is a hint: when the server does not answer, nothing is shown.
import type { PresenceEntry, PresenceState } from '../../../../server/protocol/chat.ts';
import { request, type ClientSocket } from '../../lib/socketRequest.ts';

export const IDLE_AFTER_MS = 5 * 60_000;
const INPUT_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'mousemove'] as const;

interface Watch {
  retained: number;
  /** null: unknown (not answered yet, or the server does not do presence): show nothing. */
  members: readonly PresenceEntry[] | null;
}

export class PresenceTracker {
  private mine: 'online' | 'away' = 'online';
  private sent: 'online' | 'away' | null = null;
  private idleTimer: number | undefined;
  private lastInput = 0;
  private readonly watches = new Map<string, Watch>();
  private readonly refetch = new Map<string, number>();

  constructor(
    private readonly socket: ClientSocket,
    private readonly notify: () => void,
  ) {}

  start(): void {
    document.addEventListener('visibilitychange', this.onVisibility);
    for (const name of INPUT_EVENTS) window.addEventListener(name, this.onInput, { passive: true });
    this.mine = document.visibilityState === 'hidden' ? 'away' : 'online';
    this.armIdle();
  }

  stop(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    for (const name of INPUT_EVENTS) window.removeEventListener(name, this.onInput);
    window.clearTimeout(this.idleTimer);
    for (const timer of this.refetch.values()) window.clearTimeout(timer);
  }

  /** After every (re)connect: the server forgets a socket's state and watches with it. */
  connected(): void {
    this.sent = null;
    this.report();
    for (const groupId of this.watches.keys()) void this.load(groupId);
  }

  /** Watch a group while a page shows it; returns the release. */
  watch(groupId: string): () => void {
    const watch = this.watches.get(groupId);
    if (watch) watch.retained += 1;
    else {
      this.watches.set(groupId, { retained: 1, members: null });
      if (this.socket.connected) void this.load(groupId);
    }
    return () => {
      const current = this.watches.get(groupId);
      if (current && --current.retained <= 0) this.watches.delete(groupId);
    };
  }

  members(groupId: string): readonly PresenceEntry[] | null {
    return this.watches.get(groupId)?.members ?? null;
  }

  changed(change: { groupId: string; key: string; state: PresenceState }): void {
    const watch = this.watches.get(change.groupId);
    if (!watch?.members) return;
    if (!watch.members.some((m) => m.key === change.key)) {
      // Someone new (just enrolled): their name comes with a fresh list.
      this.scheduleLoad(change.groupId);
      return;
    }
    watch.members = watch.members.map((m) =>
      m.key === change.key ? { ...m, state: change.state } : m,
    );
    this.notify();
  }

  private async load(groupId: string): Promise<void> {
    try {
      const { members } = await request(this.socket, 'presence:watch', { groupId }, 8_000);
      const watch = this.watches.get(groupId);
      if (!watch) return;
      watch.members = members;
    } catch {
      const watch = this.watches.get(groupId);
      if (watch) watch.members = null;
    }
    this.notify();
  }

  private scheduleLoad(groupId: string): void {
    if (this.refetch.has(groupId)) return;
    this.refetch.set(
      groupId,
      window.setTimeout(() => {
        this.refetch.delete(groupId);
        if (this.watches.has(groupId)) void this.load(groupId);
      }, 500),
    );
  }

  private onVisibility = () => {
    if (document.visibilityState === 'hidden') this.set('away');
    else this.onInput();
  };

  private onInput = () => {
    // mousemove fires constantly: re-arming the timer once a second is plenty.
    const now = Date.now();
    if (this.mine === 'online' && now - this.lastInput < 1_000) return;
    this.lastInput = now;
    if (document.visibilityState !== 'hidden') this.set('online');
    this.armIdle();
  };

  private armIdle(): void {
    window.clearTimeout(this.idleTimer);
    this.idleTimer = window.setTimeout(() => this.set('away'), IDLE_AFTER_MS);
  }

  private set(state: 'online' | 'away'): void {
    this.mine = state;
    this.report();
  }

  private report(): void {
    if (!this.socket.connected || this.sent === this.mine) return;
    const state = this.mine;
    this.sent = state;
    // Unanswered (no presence on the server yet, or a dropped connection): the next change or
    // connect says it again; retrying on every keystroke would only add load.
    request(this.socket, 'presence:set', { state }, 8_000).catch(() => undefined);
  }
}
