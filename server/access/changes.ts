// Announcements that someone's access may have shrunk. Domain code says so right after the
// change is stored; the realtime layer (server/realtime/accessWatch.ts) then asks the policy
// again for every affected socket and live peer, here and in every other server process.
import type { AccessChangeReason } from '../protocol/access.ts';

export interface AccessChange {
  reason: AccessChangeReason;
  /** Every socket of these people is re-checked. */
  personIds?: string[];
  /** Every socket of these sign-in sessions (stored session ids) is re-checked. */
  sessionIds?: string[];
}

type Listener = (change: AccessChange) => void;
const listeners = new Set<Listener>();

/** Says that these people's (or sessions') access may have changed; never throws. */
export function accessChanged(change: AccessChange): void {
  const personIds = [...new Set(change.personIds ?? [])].filter(Boolean);
  const sessionIds = [...new Set(change.sessionIds ?? [])].filter(Boolean);
  if (personIds.length === 0 && sessionIds.length === 0) return;
  for (const listener of listeners) listener({ reason: change.reason, personIds, sessionIds });
}

/** Subscribes to access changes; returns the unsubscribe. */
export function onAccessChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
