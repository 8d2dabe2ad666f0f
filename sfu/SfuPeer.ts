// A participant's media inside one room: its transports, producers and consumers. Every id a
// client names is looked up only among this peer's own objects, so forged ids find nothing.
import type { types } from 'mediasoup';
import { SfuError } from './errors.ts';
import { defaultViewport, spatialLayerFor, type ViewportPreferences } from './forwarding.ts';
import type {
  ConsumerOptions,
  MediaDirection,
  MediaSource,
  ProduceRequest,
  TransportOptions,
} from './types.ts';

/** A client needs one transport per direction; a second covers replacing one that failed. */
export const MAX_TRANSPORTS_PER_DIRECTION = 2;

/** The router (of the room's routers) a peer's transports, producers and consumers live on. */
export interface PeerPlacement {
  readonly router: types.Router;
  readonly webRtcServer: types.WebRtcServer;
  /** The worker's slot in the pool. */
  readonly slot: number;
  consumerOpened(peerId: string): void;
  consumerClosed(): void;
}

export interface PeerHost {
  /** Chooses this peer's router, once, when it opens its first transport. */
  place(peer: SfuPeer): Promise<PeerPlacement>;
  findProducer(producerId: string): types.Producer | undefined;
  /** Makes a producer of the room consumable on `placement` (piped there when it lives elsewhere). */
  reach(producer: types.Producer, placement: PeerPlacement): Promise<void>;
  /** Producers or consumers changed: which videos flow to whom may change. */
  forwardingChanged(): void;
  producerAdded(peer: SfuPeer, producer: types.Producer): void;
  producerClosed(peer: SfuPeer, producer: types.Producer): void;
}

interface ConsumerState {
  /** The client has its track ready (it asked to resume). */
  clientReady: boolean;
  /** The forwarding policy wants this consumer flowing. */
  wanted: boolean;
}

export class SfuPeer {
  readonly transports = new Map<string, types.WebRtcTransport>();
  readonly producers = new Map<string, types.Producer>();
  readonly consumers = new Map<string, types.Consumer>();
  /** Transports and consumers being created now: counted against the caps before they exist. */
  private readonly creating: Partial<Record<MediaDirection, number>> = {};
  private readonly consuming = new Set<string>();
  private readonly consumerState = new Map<string, ConsumerState>();
  viewport: ViewportPreferences = defaultViewport();
  /** Sources this peer may send; empty = receive only (an observer). */
  allowedSources: ReadonlySet<MediaSource> = new Set(['camera', 'microphone', 'screen']);
  closed = false;
  /** Where this peer's media lives; set by its first transport. */
  placement: PeerPlacement | undefined;
  private placing: Promise<PeerPlacement> | undefined;

  constructor(
    readonly id: string,
    private readonly host: PeerHost,
  ) {}

  async createWebRtcTransport(direction: MediaDirection): Promise<TransportOptions> {
    if (direction === 'send' && this.allowedSources.size === 0) {
      throw new SfuError('not-allowed', 'this peer only receives');
    }
    // One per direction, and one more while a client replaces a failed one.
    const open = [...this.transports.values()].filter((t) => t.appData.direction === direction);
    if (open.length + (this.creating[direction] ?? 0) >= MAX_TRANSPORTS_PER_DIRECTION) {
      throw new SfuError(
        'too-many',
        `at most ${MAX_TRANSPORTS_PER_DIRECTION} ${direction} transports`,
      );
    }
    this.creating[direction] = (this.creating[direction] ?? 0) + 1;
    try {
      return await this.openTransport(direction);
    } finally {
      this.creating[direction] -= 1;
    }
  }

  /** Every transport of a peer is on one router: its producers and consumers live there. */
  private place(): Promise<PeerPlacement> {
    this.placing ??= this.host.place(this).then(
      (placement) => (this.placement = placement),
      (error: unknown) => {
        this.placing = undefined; // no live worker just now: the next transport asks again
        throw error;
      },
    );
    return this.placing;
  }

  private async openTransport(direction: MediaDirection): Promise<TransportOptions> {
    const { router, webRtcServer } = await this.place();
    if (this.closed) throw new SfuError('room-closed', 'this peer has left');
    const transport = await router.createWebRtcTransport({
      webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 600_000,
      appData: { direction },
    });
    this.transports.set(transport.id, transport);
    transport.observer.once('close', () => this.transports.delete(transport.id));
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    };
  }

  private transport(transportId: string, direction?: MediaDirection): types.WebRtcTransport {
    const transport = this.transports.get(transportId);
    if (!transport || (direction && transport.appData.direction !== direction)) {
      throw new SfuError('transport-not-found', `no such transport ${transportId}`);
    }
    return transport;
  }

  async connectTransport(transportId: string, dtlsParameters: types.DtlsParameters): Promise<void> {
    await this.transport(transportId).connect({ dtlsParameters });
  }

  /** ICE restart after a network change: the client applies the new parameters. */
  async restartIce(transportId: string): Promise<types.IceParameters> {
    return this.transport(transportId).restartIce();
  }

  async produce(request: ProduceRequest): Promise<types.Producer> {
    const expected = request.source === 'microphone' ? 'audio' : 'video';
    if (!this.allowedSources.has(request.source) || request.kind !== expected) {
      throw new SfuError('not-allowed', `may not send ${request.source}`);
    }
    // One producer per source: a second camera replaces the first.
    this.producerOf(request.source)?.close();
    const producer = await this.transport(request.transportId, 'send').produce({
      kind: request.kind,
      rtpParameters: request.rtpParameters,
      appData: { source: request.source, peerId: this.id },
    });
    this.producers.set(producer.id, producer);
    producer.observer.once('close', () => {
      this.producers.delete(producer.id);
      if (!this.closed) this.host.producerClosed(this, producer);
    });
    this.host.producerAdded(this, producer);
    return producer;
  }

  producerOf(source: MediaSource): types.Producer | undefined {
    for (const producer of this.producers.values()) {
      if (producer.appData.source === source) return producer;
    }
    return undefined;
  }

  private ownProducer(producerId: string): types.Producer {
    const producer = this.producers.get(producerId);
    if (!producer) throw new SfuError('producer-not-found', `no such producer ${producerId}`);
    return producer;
  }

  /** Pauses or resumes this peer's producer of a source; false when there is none. */
  async setPaused(source: MediaSource, paused: boolean): Promise<boolean> {
    const producer = this.producerOf(source);
    if (!producer) return false;
    if (paused && !producer.paused) await producer.pause();
    if (!paused && producer.paused) await producer.resume();
    return true;
  }

  closeProducer(producerId: string): void {
    this.ownProducer(producerId).close();
  }

  closeSource(source: MediaSource): boolean {
    const producer = this.producerOf(source);
    producer?.close();
    return !!producer;
  }

  /** Creates a paused consumer; the client resumes it once its track is wired up. */
  async consume(
    transportId: string,
    producerId: string,
    rtpCapabilities: types.RtpCapabilities,
  ): Promise<ConsumerOptions> {
    const transport = this.transport(transportId, 'recv');
    const producer = this.host.findProducer(producerId);
    if (!producer) throw new SfuError('producer-not-found', `no such producer ${producerId}`);
    // One consumer per producer: a second one would only double the same stream.
    const consumed = [...this.consumers.values()].some((c) => c.producerId === producerId);
    if (consumed || this.consuming.has(producerId)) {
      throw new SfuError('too-many', `already receiving ${producerId}`);
    }
    this.consuming.add(producerId);
    try {
      return await this.openConsumer(transport, producer, rtpCapabilities);
    } finally {
      this.consuming.delete(producerId);
    }
  }

  private async openConsumer(
    transport: types.WebRtcTransport,
    producer: types.Producer,
    rtpCapabilities: types.RtpCapabilities,
  ): Promise<ConsumerOptions> {
    const producerId = producer.id;
    const placement = this.placement;
    if (!placement) throw new SfuError('transport-not-found', 'no transport yet');
    await this.host.reach(producer, placement);
    if (!placement.router.canConsume({ producerId, rtpCapabilities })) {
      throw new SfuError('cannot-consume', 'the client cannot decode this stream');
    }
    const consumer = await transport.consume({
      producerId,
      rtpCapabilities,
      paused: true,
      appData: { producerPeerId: producer.appData.peerId, source: producer.appData.source },
    });
    this.consumers.set(consumer.id, consumer);
    this.consumerState.set(consumer.id, { clientReady: false, wanted: consumer.kind === 'audio' });
    placement.consumerOpened(this.id);
    consumer.observer.once('close', () => {
      this.consumers.delete(consumer.id);
      this.consumerState.delete(consumer.id);
      placement.consumerClosed();
    });
    this.host.forwardingChanged();
    return {
      id: consumer.id,
      producerId,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters,
      producerPeerId: String(producer.appData.peerId ?? ''),
    };
  }

  /** The client's track is ready: the consumer flows if the forwarding policy wants it. */
  async resumeConsumer(consumerId: string): Promise<void> {
    const state = this.consumerState.get(consumerId);
    if (!state) throw new SfuError('consumer-not-found', `no such consumer ${consumerId}`);
    state.clientReady = true;
    await this.applyConsumer(consumerId);
  }

  /** Which video producers this peer should receive now. */
  async forwardVideos(wanted: ReadonlySet<string>): Promise<void> {
    for (const [consumerId, consumer] of this.consumers) {
      const state = this.consumerState.get(consumerId);
      if (!state || consumer.kind !== 'video') continue;
      state.wanted = wanted.has(consumer.producerId);
      await this.applyConsumer(consumerId);
    }
  }

  private async applyConsumer(consumerId: string): Promise<void> {
    const consumer = this.consumers.get(consumerId);
    const state = this.consumerState.get(consumerId);
    if (!consumer || !state || consumer.closed) return;
    const flow = state.clientReady && state.wanted;
    if (consumer.type === 'simulcast') {
      const width = this.viewport.tileWidths.get(consumer.producerId);
      const spatialLayer = spatialLayerFor(width, this.viewport.downlinkKbps);
      if (consumer.preferredLayers?.spatialLayer !== spatialLayer) {
        await consumer.setPreferredLayers({ spatialLayer, temporalLayer: 2 });
      }
    }
    if (flow && consumer.paused) await consumer.resume();
    if (!flow && !consumer.paused) await consumer.pause();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const transport of this.transports.values()) transport.close();
  }
}
