// Announcements that a group changed in a way its open pages show (enrolments, sessions). Domain
// code says so after the change is stored; the realtime layer (groups/socket.ts) tells watchers.
import type { GroupChange } from '../protocol/groupEvents.ts';

type Listener = (groupId: string, what: GroupChange) => void;
const listeners = new Set<Listener>();

export function groupChanged(groupId: string, what: GroupChange): void {
  for (const listener of listeners) listener(groupId, what);
}

/** Subscribes; returns the unsubscribe. */
export function onGroupChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
