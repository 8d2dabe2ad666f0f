// A person's presence is one state made of many entries: one per socket (online or away, in any
// server process) and one per live-session place where they are a visible participant.
import type { PresenceState } from '../protocol/chat.ts';

/** What one entry says: a socket is `online` or `away`; a live-session place is `inSession`. */
export type EntryState = Exclude<PresenceState, 'offline'>;

const RANK: Record<PresenceState, number> = { offline: 0, away: 1, online: 2, inSession: 3 };

/** The strongest entry wins: in a session, else online, else away (a socket), else offline. */
export function aggregate(entries: Iterable<string>): PresenceState {
  let best: PresenceState = 'offline';
  for (const entry of entries) {
    if (entry in RANK && RANK[entry as PresenceState] > RANK[best]) best = entry as PresenceState;
  }
  return best;
}

/** A person's state after a change, when it differs from before. */
export interface PresenceChange {
  personId: string;
  state: PresenceState;
}
