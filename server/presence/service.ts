// Presence: who of a group is online, away or in a live session. Entries come from sockets
// (handlers.ts) and live sessions (`onParticipant`); the store aggregates them per person, and
// a change is announced to the watchers of every group the person belongs to, through the
// Socket.IO server (with the Redis adapter, in every process).
import type { Logger } from 'pino';
import { senderKey } from '../chat/message.model.ts';
import { serialised } from '../db/claims.ts';
import type { PresenceState } from '../protocol/chat.ts';
import { closeRedis, connectRedis, type RedisClient } from '../realtime/redis.ts';
import type { RealtimeServer } from '../realtime/socket.ts';
import { groupsOf } from './members.ts';
import { RedisPresenceStore, type RedisStoreOptions } from './redisStore.ts';
import type { EntryState, PresenceChange } from './state.ts';
import { MemoryPresenceStore, type PresenceStore } from './store.ts';

/** Everyone watching a group; staff watchers are also in the staff room (the trainer's news). */
export const watchRoom = (groupId: string) => `presence:${groupId}`;
export const staffRoom = (groupId: string) => `presence:${groupId}:staff`;
export const presenceKey = (groupId: string, personId: string) =>
  senderKey(`group:${groupId}`, personId);

export interface PresenceOptions {
  log: Logger;
  /** Shared presence across server processes; unset: this process only. */
  redisUrl?: string | undefined;
  redis?: RedisStoreOptions;
}

export class PresenceService {
  private store: PresenceStore = new MemoryPresenceStore();
  private client: RedisClient | undefined;
  private io: RealtimeServer | undefined;
  private closing = false;

  constructor(private readonly options: PresenceOptions) {}

  get log(): Logger {
    return this.options.log;
  }

  /** The server the changes are emitted through (built after the features that feed it). */
  attach(io: RealtimeServer): void {
    this.io = io;
  }

  async start(): Promise<void> {
    const { redisUrl, log } = this.options;
    if (redisUrl) {
      this.client = await connectRedis(redisUrl, log, 'presence');
      this.store = new RedisPresenceStore(this.client, log, this.options.redis);
    }
    await this.store.start((changes) => {
      for (const change of changes) void this.run(change.personId, async () => change.state);
    });
  }

  /** Sets (or with `null` removes) one entry of a person; announces a changed state. */
  update(personId: string, entryId: string, state: EntryState | null): Promise<void> {
    return this.run(personId, () => this.store.set(personId, entryId, state));
  }

  states(personIds: string[]): Promise<Map<string, PresenceState>> {
    return this.store.states(personIds);
  }

  /** A live session's news: this person is (or is no longer) a visible participant. */
  readonly onParticipant = (personId: string, peerId: string, visible: boolean): void => {
    void this.update(personId, `live:${peerId}`, visible ? 'inSession' : null);
  };

  /** One change per person at a time, in order, so watchers hear them in order. */
  private run(personId: string, change: () => Promise<PresenceState | null>): Promise<void> {
    if (this.closing) return Promise.resolve();
    return serialised(`presence:${personId}`, async () => {
      if (this.closing) return;
      const state = await change();
      if (state) await this.announce({ personId, state });
    }).catch((error: unknown) => {
      if (!this.closing) this.log.warn({ err: error, personId }, 'presence not updated');
    });
  }

  private async announce({ personId, state }: PresenceChange): Promise<void> {
    const io = this.io;
    if (!io) return;
    for (const group of await groupsOf(personId)) {
      const room = group.staffOnly ? staffRoom(group.id) : watchRoom(group.id);
      io.to(room).emit('presence:changed', {
        groupId: group.id,
        key: presenceKey(group.id, personId),
        state,
      });
    }
  }

  /** Before the sockets close: their goodbyes are not announced (other processes sweep). */
  async close(): Promise<void> {
    this.closing = true;
    await this.store.close();
    await closeRedis(this.client);
  }
}
