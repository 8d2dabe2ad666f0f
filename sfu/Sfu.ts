// The SFU's entry point: a worker pool and the rooms on it.
import type { types } from 'mediasoup';
import { mediaCodecs } from './codecs.ts';
import { spreadThreshold, type SfuOptions } from './options.ts';
import { SfuRoom } from './SfuRoom.ts';
import type { SfuStats } from './types.ts';
import { WorkerPool } from './WorkerPool.ts';

export class Sfu {
  readonly pool: WorkerPool;
  private readonly rooms = new Map<string, SfuRoom>();
  /** Rooms being created: a second caller awaits the same creation (never two routers). */
  private readonly creating = new Map<string, Promise<SfuRoom>>();
  private capabilities: Promise<types.RtpCapabilities> | undefined;

  constructor(private readonly options: SfuOptions) {
    this.pool = new WorkerPool(options);
  }

  static async start(options: SfuOptions): Promise<Sfu> {
    const sfu = new Sfu(options);
    await sfu.pool.start();
    return sfu;
  }

  /**
   * Every room's router capabilities: all routers are made from the same codecs, so these are
   * known before any room exists (a browser loads its device with them before it joins).
   */
  async rtpCapabilities(): Promise<types.RtpCapabilities> {
    this.capabilities ??= (async () => {
      const router = await this.pool.leastLoaded().worker.createRouter({ mediaCodecs });
      const { rtpCapabilities } = router;
      router.close();
      return rtpCapabilities;
    })().catch((error: unknown) => {
      this.capabilities = undefined; // a worker that died meanwhile: ask again next time
      throw error;
    });
    return this.capabilities;
  }

  room(roomId: string): SfuRoom | undefined {
    return this.rooms.get(roomId);
  }

  getOrCreateRoom(roomId: string): Promise<SfuRoom> {
    const existing = this.rooms.get(roomId);
    if (existing && !existing.closed) return Promise.resolve(existing);
    const pending = this.creating.get(roomId);
    if (pending) return pending;
    const creation = (async () => {
      const host = this.pool.leastLoaded();
      const room = await SfuRoom.create(roomId, host, {
        pool: this.pool,
        mediaCodecs,
        threshold: spreadThreshold(this.options),
      });
      room.once('closed', () => {
        if (this.rooms.get(roomId) === room) this.rooms.delete(roomId);
      });
      this.rooms.set(roomId, room);
      return room;
    })().finally(() => this.creating.delete(roomId));
    this.creating.set(roomId, creation);
    return creation;
  }

  /** Closing down: rooms that close now are not to be recreated. */
  get stopping(): boolean {
    return this.pool.stopping;
  }

  /** Whether media can flow: at least one live worker. */
  healthy(): boolean {
    return this.pool.alive().length > 0;
  }

  /** What is open now, on this side and in the live workers (SfuStats). */
  async stats(): Promise<SfuStats> {
    const stats: SfuStats = {
      rooms: 0,
      peers: 0,
      transports: 0,
      producers: 0,
      consumers: 0,
      workerRouters: 0,
      workerHandlers: 0,
    };
    for (const room of this.rooms.values()) {
      if (room.closed) continue;
      stats.rooms += 1;
      for (const peer of room.peers.values()) {
        stats.peers += 1;
        stats.transports += peer.transports.size;
        stats.producers += peer.producers.size;
        stats.consumers += peer.consumers.size;
      }
    }
    const dumps = await Promise.all(
      this.pool.alive().map(({ worker }) => worker.dump().catch(() => undefined)),
    );
    for (const dump of dumps) {
      if (!dump) continue;
      stats.workerRouters += dump.routerIds.length;
      stats.workerHandlers += dump.channelMessageHandlers.channelRequestHandlers.length;
    }
    return stats;
  }

  close(): void {
    for (const room of this.rooms.values()) room.close();
    this.pool.close();
  }
}
