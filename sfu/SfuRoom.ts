// One live meeting; it knows peers and media, nothing about users or groups. It watches who
// speaks (active speaker + audio levels) and decides which videos flow to whom.
//
// A small room has one router. A room whose consumers on a router pass its share of a worker
// (options.ts: spreadThreshold) places its next peers on a router on another worker; producers
// reach the other routers through pipeToRouter when a consumer there needs them (RoomRouter).
// Who speaks is observed on the room's first router, so one observer compares every voice:
// audio producers that live elsewhere are piped there too (a voice costs little to pipe).
// If any of the room's workers dies, the whole room closes as `unexpected`, as a one-router
// room always did: the live session moves everyone to a new room (LiveSession.recoverMedia).
import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import { SfuError } from './errors.ts';
import { chooseVideos, type VideoCandidate } from './forwarding.ts';
import { RoomRouter } from './RoomRouter.ts';
import { SfuPeer, type PeerPlacement } from './SfuPeer.ts';
import { byLoad, type PooledWorker, type WorkerPool } from './WorkerPool.ts';

export interface RoomSpread {
  pool: WorkerPool;
  mediaCodecs: types.RouterRtpCodecCapability[];
  /** Consumers on one router at which the room's next peers go to another worker. */
  threshold: number;
}

/** Figures for one of the room's routers. */
export interface RoomRouterFigures {
  slot: number;
  pid: number;
  peers: number;
  consumers: number;
  pipedProducers: number;
}

interface SfuRoomEvents {
  /** `unexpected`: the router went away under us (its worker died), not by close(). */
  closed: [{ unexpected: boolean }];
  /** A peer's producers were added or closed. */
  producers: [peerId: string];
  /** The dominant speaker changed. */
  activeSpeaker: [peerId: string];
  /** The set of videos forwarded to a peer changed. */
  videoSlots: [peerId: string, producerIds: string[]];
  /** Peers whose microphones are above the silence threshold (every ~800 ms while any are). */
  audioLevels: [peerIds: string[]];
}

export class SfuRoom extends EventEmitter<SfuRoomEvents> {
  readonly peers = new Map<string, SfuPeer>();
  closed = false;
  /** Peer ids, most recent dominant speaker first. */
  private speakerOrder: string[] = [];
  private pinned: string | null = null;
  private readonly slots = new Map<string, string>();
  private refreshQueued = false;
  private refreshing: Promise<void> = Promise.resolve();
  private closing = false;

  /** The room's routers, one per worker it uses; the first also observes who speaks. */
  readonly routers: RoomRouter[] = [];
  /** Where each producer of the room lives. */
  private readonly homes = new Map<string, RoomRouter>();
  /** Placements one at a time: each sees the load the previous one added. */
  private placing: Promise<unknown> = Promise.resolve();

  constructor(
    readonly id: string,
    first: RoomRouter,
    private readonly activeSpeaker: types.ActiveSpeakerObserver,
    private readonly audioLevels: types.AudioLevelObserver,
    private readonly spread: RoomSpread,
  ) {
    super();
    this.adopt(first);
    activeSpeaker.on('dominantspeaker', ({ producer }) => {
      const peerId = String(producer.appData.peerId ?? '');
      this.speakerOrder = [peerId, ...this.speakerOrder.filter((p) => p !== peerId)];
      this.emit('activeSpeaker', peerId);
      this.forwardingChanged();
    });
    audioLevels.on('volumes', (volumes) =>
      this.emit(
        'audioLevels',
        volumes.map((v) => String(v.producer.appData.peerId ?? '')),
      ),
    );
    audioLevels.on('silence', () => this.emit('audioLevels', []));
  }

  static async create(id: string, host: PooledWorker, spread: RoomSpread) {
    const router = await host.worker.createRouter({ mediaCodecs: spread.mediaCodecs });
    const first = new RoomRouter(router, host);
    try {
      const activeSpeaker = await router.createActiveSpeakerObserver({ interval: 300 });
      const audioLevels = await router.createAudioLevelObserver({ interval: 800, threshold: -80 });
      return new SfuRoom(id, first, activeSpeaker, audioLevels, spread);
    } catch (error) {
      router.close();
      throw error;
    }
  }

  /** Every router's router is made from the same codecs: one answer for the room. */
  get rtpCapabilities(): types.RtpCapabilities {
    return this.router.rtpCapabilities;
  }

  /** The room's first router (it observes who speaks). */
  get router(): types.Router {
    return this.routers[0]!.router;
  }

  /** The worker of the room's first router. */
  get host(): PooledWorker {
    return this.routers[0]!.host;
  }

  /** Per router: worker, peers, consumers and producers piped in. */
  figures(): RoomRouterFigures[] {
    return this.routers.map((r) => ({
      slot: r.slot,
      pid: r.host.worker.pid,
      peers: [...this.peers.values()].filter((p) => p.placement === r).length,
      consumers: r.consumers,
      pipedProducers: r.pipedProducers,
    }));
  }

  private adopt(roomRouter: RoomRouter): void {
    this.routers.push(roomRouter);
    roomRouter.router.observer.once('close', () => this.finish(!this.closing));
  }

  /**
   * Load a router is expected to carry: its consumers, and for each peer placed there that has
   * not consumed yet (peers rejoining together after a worker died) as many as a peer who
   * receives everyone's microphone and camera would have.
   */
  private expectedLoad(roomRouter: RoomRouter): number {
    return roomRouter.consumers + roomRouter.unsettled.size * 2 * Math.max(0, this.peers.size - 1);
  }

  /** The least loaded of the room's routers, or a new one on another worker past the threshold. */
  private async choosePlacement(peer: SfuPeer): Promise<RoomRouter> {
    if (this.closed) throw new SfuError('room-closed', 'the room has closed');
    const open = this.routers.filter((r) => !r.router.closed);
    const best = open.sort((a, b) => this.expectedLoad(a) - this.expectedLoad(b))[0];
    let chosen = best;
    if (!best || this.expectedLoad(best) >= this.spread.threshold) {
      const used = new Set(this.routers.map((r) => r.host));
      const spare = this.spread.pool
        .alive()
        .filter((w) => !used.has(w))
        .sort(byLoad)[0];
      if (spare) chosen = await this.addRouter(spare);
    }
    if (!chosen) throw new SfuError('no-worker', 'no router for this room');
    if (peer.closed || this.closed) throw new SfuError('room-closed', 'left while being placed');
    chosen.unsettled.add(peer.id);
    return chosen;
  }

  private async addRouter(host: PooledWorker): Promise<RoomRouter> {
    const router = await host.worker.createRouter({ mediaCodecs: this.spread.mediaCodecs });
    const roomRouter = new RoomRouter(router, host);
    if (this.closed) {
      router.close();
      throw new SfuError('room-closed', 'the room has closed');
    }
    this.adopt(roomRouter);
    return roomRouter;
  }

  private place(peer: SfuPeer): Promise<RoomRouter> {
    const placed = this.placing.then(() => this.choosePlacement(peer));
    this.placing = placed.catch(() => undefined);
    return placed;
  }

  private roomRouterOf(placement: PeerPlacement): RoomRouter {
    const roomRouter = this.routers.find((r) => r === placement);
    if (!roomRouter) throw new Error('placement of another room');
    return roomRouter;
  }

  /** Makes a producer consumable on the router of `placement`. */
  private async reach(producer: types.Producer, placement: PeerPlacement): Promise<void> {
    const home = this.homes.get(producer.id);
    if (!home) return; // closed meanwhile: canConsume answers no
    await this.roomRouterOf(placement).reach(producer, home);
  }

  /** Adds a peer, replacing (and closing) an older one with the same id. */
  addPeer(peerId: string): SfuPeer {
    this.release(peerId);
    const peer = new SfuPeer(peerId, {
      place: (p) => this.place(p),
      findProducer: (producerId) => this.findProducer(producerId),
      reach: (producer, placement) => this.reach(producer, placement),
      forwardingChanged: () => this.forwardingChanged(),
      producerAdded: (p, producer) => {
        if (p.placement) this.homes.set(producer.id, this.roomRouterOf(p.placement));
        producer.observer.once('close', () => this.homes.delete(producer.id));
        this.observeAudio(producer);
        this.emit('producers', peerId);
        this.forwardingChanged();
      },
      producerClosed: () => {
        this.emit('producers', peerId);
        this.forwardingChanged();
      },
    });
    this.peers.set(peerId, peer);
    return peer;
  }

  private observeAudio(producer: types.Producer): void {
    if (producer.kind !== 'audio') return;
    const observer = this.routers[0];
    const home = this.homes.get(producer.id);
    if (!observer || !home) return;
    // The observers forget closed producers (and closed pipes) by themselves.
    void observer
      .reach(producer, home)
      .then(async () => {
        await this.activeSpeaker.addProducer({ producerId: producer.id });
        await this.audioLevels.addProducer({ producerId: producer.id });
      })
      .catch(() => undefined);
  }

  removePeer(peerId: string): void {
    this.release(peerId);
    this.peers.delete(peerId);
    this.slots.delete(peerId);
    this.speakerOrder = this.speakerOrder.filter((p) => p !== peerId);
    this.forwardingChanged();
  }

  private release(peerId: string): void {
    for (const roomRouter of this.routers) roomRouter.unsettled.delete(peerId);
    this.peers.get(peerId)?.close();
  }

  findProducer(producerId: string): types.Producer | undefined {
    for (const peer of this.peers.values()) {
      const producer = peer.producers.get(producerId);
      if (producer) return producer;
    }
    return undefined;
  }

  /** A peer whose camera everyone receives first (a spotlight), or null. */
  pin(peerId: string | null): void {
    this.pinned = peerId;
    this.forwardingChanged();
  }

  /** Coalesces changes: one recomputation per tick, one at a time. */
  forwardingChanged(): void {
    if (this.refreshQueued || this.closed) return;
    this.refreshQueued = true;
    queueMicrotask(() => {
      this.refreshQueued = false;
      this.refreshing = this.refreshing.then(() => this.refreshForwarding()).catch(() => undefined);
    });
  }

  /** Resolves once pending forwarding changes are applied (tests and callers that must know). */
  settled(): Promise<void> {
    return new Promise<void>((resolve) => queueMicrotask(resolve)).then(() => this.refreshing);
  }

  private async refreshForwarding(): Promise<void> {
    if (this.closed) return;
    const candidates: VideoCandidate[] = [];
    for (const peer of this.peers.values()) {
      for (const producer of peer.producers.values()) {
        const source = producer.appData.source;
        if (producer.kind === 'video' && (source === 'camera' || source === 'screen')) {
          candidates.push({ producerId: producer.id, peerId: peer.id, source });
        }
      }
    }
    for (const peer of this.peers.values()) {
      const others = candidates.filter((c) => c.peerId !== peer.id);
      const wanted = chooseVideos(others, peer.viewport, this.speakerOrder, this.pinned);
      await peer.forwardVideos(wanted);
      const key = [...wanted].sort().join(',');
      if (this.slots.get(peer.id) !== key) {
        this.slots.set(peer.id, key);
        this.emit('videoSlots', peer.id, [...wanted]);
      }
    }
  }

  close(): void {
    this.closing = true;
    this.finish(false);
  }

  private finish(unexpected: boolean): void {
    if (this.closed) return;
    this.closed = true;
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    // One router gone (its worker died) takes the room's others with it.
    for (const roomRouter of this.routers) if (!roomRouter.router.closed) roomRouter.router.close();
    this.emit('closed', { unexpected });
  }
}
