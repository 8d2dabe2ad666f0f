// Where presence entries live. In memory for a single server process (the default); in Redis
// when several processes share the load (redisStore.ts), so each sees the others' sockets.
import type { PresenceState } from '../protocol/chat.ts';
import { aggregate, type EntryState, type PresenceChange } from './state.ts';

export interface PresenceStore {
  /**
   * Starts the store; `changed` hears of states that changed without a `set` here (entries of a
   * server process that stopped, cleaned up by another one).
   */
  start(changed: (changes: PresenceChange[]) => void): Promise<void>;
  /**
   * Sets one entry of a person (`null` removes it) and returns the person's new state when it
   * changed. Calls for one person come one at a time (the service serialises them).
   */
  set(personId: string, entryId: string, state: EntryState | null): Promise<PresenceState | null>;
  states(personIds: string[]): Promise<Map<string, PresenceState>>;
  close(): Promise<void>;
}

export class MemoryPresenceStore implements PresenceStore {
  private readonly people = new Map<string, Map<string, EntryState>>();

  async start(): Promise<void> {}

  async set(personId: string, entryId: string, state: EntryState | null) {
    const entries = this.people.get(personId) ?? new Map<string, EntryState>();
    const before = aggregate(entries.values());
    if (state) entries.set(entryId, state);
    else entries.delete(entryId);
    if (entries.size > 0) this.people.set(personId, entries);
    else this.people.delete(personId);
    const after = aggregate(entries.values());
    return after === before ? null : after;
  }

  async states(personIds: string[]) {
    return new Map(
      personIds.map((id) => [id, aggregate(this.people.get(id)?.values() ?? [])] as const),
    );
  }

  async close(): Promise<void> {
    this.people.clear();
  }
}
