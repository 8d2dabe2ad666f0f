// What a session is now — scheduled, open for joining, live, ended or cancelled — decided in this
// one place for every page, email, dashboard, the live admission and the report rule, on the
// server and in the client alike (the client re-evaluates it as its clock moves).

/** Facilitators and the trainer may come in this long before the start, to get ready. */
export const STAFF_EARLY_MINUTES = 30;
/** Sessions often run over: joining stays open this long after the planned end. */
export const LATE_MINUTES = 30;

export type SessionState = 'scheduled' | 'open' | 'live' | 'ended' | 'cancelled';

export interface SessionTimes {
  status: 'scheduled' | 'cancelled' | 'moved';
  /** When the viewer may go in (earlier for the group's staff). */
  joinOpensAt: string;
  /** After this nobody new goes in: the session is over. */
  joinClosesAt: string;
  /** When a facilitator first opened the live room: from then on families may come in. */
  startedAt: string | null;
  /** When a facilitator ended it for everyone: it cannot be reopened. */
  endedAt: string | null;
}

const MINUTE = 60_000;

/** The join window of a session, for a family (`staff` false) or the group's staff. */
export function joinWindow(
  startsAt: Date,
  endsAt: Date,
  joinWindowMinutes: number,
  staff: boolean,
): { opensAt: Date; closesAt: Date } {
  const early = staff ? Math.max(STAFF_EARLY_MINUTES, joinWindowMinutes) : joinWindowMinutes;
  return {
    opensAt: new Date(startsAt.getTime() - early * MINUTE),
    closesAt: new Date(endsAt.getTime() + LATE_MINUTES * MINUTE),
  };
}

export function sessionState(session: SessionTimes, now: Date | number): SessionState {
  const at = typeof now === 'number' ? now : now.getTime();
  if (session.status === 'cancelled') return 'cancelled';
  if (session.endedAt || at > Date.parse(session.joinClosesAt)) return 'ended';
  if (session.startedAt) return 'live';
  if (at >= Date.parse(session.joinOpensAt)) return 'open';
  return 'scheduled';
}

/** Whether "Join" is offered: the window is open or the facilitator has already started. */
export const joinable = (state: SessionState): boolean => state === 'open' || state === 'live';

/** Whether the session is still ahead of or with us (lists of coming sessions keep it). */
export const stillComing = (state: SessionState): boolean => state !== 'ended';
