// Presence shared by every server process through Redis:
// - `person:<id>`: a hash per person, `<process>|<entry>` → online | away | inSession;
// - `alive:<process>`: each process's heartbeat, a key with a short TTL refreshed while it runs;
// - `people:<process>`: whom a process wrote about, so its entries can be found again;
// - `processes`: every process that wrote.
// Entries of a process whose heartbeat expired (it crashed or stopped) are ignored at once and
// removed by the next sweep of a living process, which also announces the changes. A process
// that finds its own heartbeat gone (it stalled, or Redis restarted) writes its entries again.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { PresenceState } from '../protocol/chat.ts';
import type { RedisClient } from '../realtime/redis.ts';
import { aggregate, type EntryState, type PresenceChange } from './state.ts';
import type { PresenceStore } from './store.ts';

type Hash = Record<string, string>;

export interface RedisStoreOptions {
  /** How often the heartbeat is refreshed and dead processes are swept. */
  heartbeatMs?: number;
  /** How long a heartbeat lives: a process silent this long counts as gone. */
  ttlMs?: number;
  prefix?: string;
}

const processOf = (field: string) => field.slice(0, field.indexOf('|'));

export class RedisPresenceStore implements PresenceStore {
  readonly processId = randomBytes(6).toString('hex');
  /** This process's own entries, to write again if Redis lost them. */
  private readonly mine = new Map<string, Map<string, EntryState>>();
  private readonly heartbeatMs: number;
  private readonly ttlMs: number;
  private readonly prefix: string;
  private timer: NodeJS.Timeout | undefined;
  private beating = false;
  /** Heartbeat failures are logged once per run of them (Redis down: every beat fails). */
  private failing = false;
  private changed: (changes: PresenceChange[]) => void = () => undefined;

  constructor(
    private readonly client: RedisClient,
    private readonly log: Logger,
    options: RedisStoreOptions = {},
  ) {
    this.heartbeatMs = options.heartbeatMs ?? 5000;
    this.ttlMs = options.ttlMs ?? 15_000;
    this.prefix = options.prefix ?? 'rinnalla:presence:';
  }

  private personKey = (personId: string) => `${this.prefix}person:${personId}`;
  private aliveKey = (processId: string) => `${this.prefix}alive:${processId}`;
  private peopleKey = (processId: string) => `${this.prefix}people:${processId}`;
  private get processesKey() {
    return `${this.prefix}processes`;
  }

  async start(changed: (changes: PresenceChange[]) => void): Promise<void> {
    this.changed = changed;
    await this.announceSelf();
    this.timer = setInterval(() => void this.heartbeat(), this.heartbeatMs);
    this.timer.unref();
  }

  private async announceSelf(): Promise<void> {
    await this.client.set(this.aliveKey(this.processId), '1', {
      expiration: { type: 'PX', value: this.ttlMs },
    });
    await this.client.sAdd(this.processesKey, this.processId);
  }

  /** Which of these processes still beat (this one always does). */
  private async living(processIds: Set<string>): Promise<Set<string>> {
    const others = [...processIds].filter((id) => id !== this.processId);
    const alive = new Set([this.processId]);
    if (others.length === 0) return alive;
    const beats = await this.client.mGet(others.map(this.aliveKey));
    others.forEach((id, i) => beats[i] !== null && alive.add(id));
    return alive;
  }

  private static stateOf(hash: Hash, alive: Set<string>): PresenceState {
    return aggregate(
      Object.entries(hash)
        .filter(([field]) => alive.has(processOf(field)))
        .map(([, state]) => state),
    );
  }

  /** The person's state before and after a write, counting living processes only. */
  private async compare(before: Hash, after: Hash): Promise<PresenceState | null> {
    const processes = new Set([...Object.keys(before), ...Object.keys(after)].map(processOf));
    const alive = await this.living(processes);
    const was = RedisPresenceStore.stateOf(before, alive);
    const now = RedisPresenceStore.stateOf(after, alive);
    return was === now ? null : now;
  }

  async set(personId: string, entryId: string, state: EntryState | null) {
    const entries = this.mine.get(personId) ?? new Map<string, EntryState>();
    if (state) entries.set(entryId, state);
    else entries.delete(entryId);
    if (entries.size > 0) this.mine.set(personId, entries);
    else this.mine.delete(personId);

    const key = this.personKey(personId);
    const field = `${this.processId}|${entryId}`;
    // Read, write and read again in one transaction: the change is seen exactly once.
    const multi = this.client.multi().hGetAll(key);
    if (state) multi.hSet(key, field, state).sAdd(this.peopleKey(this.processId), personId);
    else multi.hDel(key, field);
    if (entries.size === 0) multi.sRem(this.peopleKey(this.processId), personId);
    const replies = (await multi.hGetAll(key).exec()) as unknown[];
    return this.compare(replies[0] as Hash, replies[replies.length - 1] as Hash);
  }

  async states(personIds: string[]): Promise<Map<string, PresenceState>> {
    if (personIds.length === 0) return new Map();
    const multi = this.client.multi();
    for (const id of personIds) multi.hGetAll(this.personKey(id));
    const hashes = (await multi.exec()) as unknown as Hash[];
    const alive = await this.living(new Set(hashes.flatMap((h) => Object.keys(h).map(processOf))));
    return new Map(personIds.map((id, i) => [id, RedisPresenceStore.stateOf(hashes[i]!, alive)]));
  }

  private async heartbeat(): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    try {
      const changes: PresenceChange[] = [];
      const refreshed = await this.client.set(this.aliveKey(this.processId), '1', {
        expiration: { type: 'PX', value: this.ttlMs },
        condition: 'XX',
      });
      if (refreshed === null) {
        this.log.warn({ process: this.processId }, 'presence heartbeat was lost; writing again');
        await this.announceSelf();
        changes.push(...(await this.rewrite()));
      }
      changes.push(...(await this.sweep()));
      if (changes.length > 0) this.changed(changes);
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.log.warn({ err: error }, 'presence heartbeat failed');
      this.failing = true;
    } finally {
      this.beating = false;
    }
  }

  /** Writes this process's entries again (after another process swept them as dead). */
  private async rewrite(): Promise<PresenceChange[]> {
    const changes: PresenceChange[] = [];
    for (const [personId, entries] of this.mine) {
      const key = this.personKey(personId);
      const fields = Object.fromEntries(
        [...entries].map(([entryId, state]) => [`${this.processId}|${entryId}`, state]),
      );
      const replies = (await this.client
        .multi()
        .hGetAll(key)
        .hSet(key, fields)
        .sAdd(this.peopleKey(this.processId), personId)
        .hGetAll(key)
        .exec()) as unknown[];
      const state = await this.compare(replies[0] as Hash, replies[3] as Hash);
      if (state) changes.push({ personId, state });
    }
    return changes;
  }

  /** Removes the entries of processes whose heartbeat expired; one living process does each. */
  private async sweep(): Promise<PresenceChange[]> {
    const processes = await this.client.sMembers(this.processesKey);
    const others = processes.filter((id) => id !== this.processId);
    if (others.length === 0) return [];
    const beats = await this.client.mGet(others.map(this.aliveKey));
    const changes: PresenceChange[] = [];
    for (const [i, dead] of others.entries()) {
      if (beats[i] !== null) continue;
      const claimed = await this.client.set(`${this.prefix}sweep:${dead}`, this.processId, {
        expiration: { type: 'PX', value: this.ttlMs },
        condition: 'NX',
      });
      if (claimed === null) continue;
      for (const personId of await this.client.sMembers(this.peopleKey(dead))) {
        const key = this.personKey(personId);
        const hash = await this.client.hGetAll(key);
        const fields = Object.keys(hash).filter((field) => processOf(field) === dead);
        if (fields.length === 0) continue;
        await this.client.hDel(key, fields);
        // What watchers were last told counted the dead process's entries; now they are gone.
        const alive = await this.living(new Set(Object.keys(hash).map(processOf)));
        const was = RedisPresenceStore.stateOf(hash, new Set([...alive, dead]));
        const now = RedisPresenceStore.stateOf(hash, alive);
        if (was !== now) changes.push({ personId, state: now });
      }
      await this.client.del(this.peopleKey(dead));
      await this.client.sRem(this.processesKey, dead);
      this.log.info({ process: dead }, 'presence of a stopped server process cleared');
    }
    return changes;
  }

  /**
   * Stops beating. The entries stay until another process sweeps them and tells the watchers
   * (nobody reads them meanwhile: without a heartbeat they do not count).
   */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.mine.clear();
    if (!this.client.isOpen) return;
    try {
      await this.client.del(this.aliveKey(this.processId));
    } catch (error) {
      this.log.debug({ err: error }, 'presence heartbeat not removed');
    }
  }
}
