// One router for one live meeting; it knows peers and media, nothing about users or groups.
// It watches who speaks (active speaker + audio levels) and decides which videos flow to whom.
import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import { chooseVideos, type VideoCandidate } from './forwarding.ts';
import { SfuPeer } from './SfuPeer.ts';
import type { PooledWorker } from './WorkerPool.ts';

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

  constructor(
    readonly id: string,
    readonly router: types.Router,
    readonly host: PooledWorker,
    private readonly activeSpeaker: types.ActiveSpeakerObserver,
    private readonly audioLevels: types.AudioLevelObserver,
  ) {
    super();
    host.routers += 1;
    router.observer.once('close', () => this.finish(!this.closing));
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

  static async create(
    id: string,
    host: PooledWorker,
    mediaCodecs: types.RouterRtpCodecCapability[],
  ) {
    const router = await host.worker.createRouter({ mediaCodecs });
    const activeSpeaker = await router.createActiveSpeakerObserver({ interval: 300 });
    const audioLevels = await router.createAudioLevelObserver({ interval: 800, threshold: -80 });
    return new SfuRoom(id, router, host, activeSpeaker, audioLevels);
  }

  get rtpCapabilities(): types.RtpCapabilities {
    return this.router.rtpCapabilities;
  }

  /** Adds a peer, replacing (and closing) an older one with the same id. */
  addPeer(peerId: string): SfuPeer {
    this.peers.get(peerId)?.close();
    const peer = new SfuPeer(peerId, {
      router: this.router,
      webRtcServer: this.host.webRtcServer,
      findProducer: (producerId) => this.findProducer(producerId),
      forwardingChanged: () => this.forwardingChanged(),
      producerAdded: (_, producer) => {
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
    // The observers forget closed producers by themselves.
    void this.activeSpeaker.addProducer({ producerId: producer.id }).catch(() => undefined);
    void this.audioLevels.addProducer({ producerId: producer.id }).catch(() => undefined);
  }

  removePeer(peerId: string): void {
    this.peers.get(peerId)?.close();
    this.peers.delete(peerId);
    this.slots.delete(peerId);
    this.speakerOrder = this.speakerOrder.filter((p) => p !== peerId);
    this.forwardingChanged();
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
    if (!this.router.closed) this.router.close();
    this.finish(false);
  }

  private finish(unexpected: boolean): void {
    if (this.closed) return;
    this.closed = true;
    this.host.routers -= 1;
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.emit('closed', { unexpected });
  }
}
