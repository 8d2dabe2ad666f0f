// A participant's media inside one room: its transports, producers and consumers. Every id a
// client names is looked up only among this peer's own objects, so forged ids find nothing.
import type { types } from 'mediasoup';
import { SfuError } from './errors.ts';
import type { ConsumerOptions, MediaDirection, ProduceRequest, TransportOptions } from './types.ts';

export interface PeerHost {
  router: types.Router;
  webRtcServer: types.WebRtcServer;
  findProducer(producerId: string): types.Producer | undefined;
}

export class SfuPeer {
  readonly transports = new Map<string, types.WebRtcTransport>();
  readonly producers = new Map<string, types.Producer>();
  readonly consumers = new Map<string, types.Consumer>();
  closed = false;

  constructor(
    readonly id: string,
    private readonly host: PeerHost,
  ) {}

  async createWebRtcTransport(direction: MediaDirection): Promise<TransportOptions> {
    const transport = await this.host.router.createWebRtcTransport({
      webRtcServer: this.host.webRtcServer,
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
    const producer = await this.transport(request.transportId, 'send').produce({
      kind: request.kind,
      rtpParameters: request.rtpParameters,
      appData: { source: request.source, peerId: this.id },
    });
    this.producers.set(producer.id, producer);
    producer.observer.once('close', () => this.producers.delete(producer.id));
    return producer;
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
    if (!this.host.router.canConsume({ producerId, rtpCapabilities })) {
      throw new SfuError('cannot-consume', 'the client cannot decode this stream');
    }
    const consumer = await transport.consume({ producerId, rtpCapabilities, paused: true });
    this.consumers.set(consumer.id, consumer);
    consumer.observer.once('close', () => this.consumers.delete(consumer.id));
    return {
      id: consumer.id,
      producerId,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters,
      producerPeerId: String(producer.appData.peerId ?? ''),
    };
  }

  async resumeConsumer(consumerId: string): Promise<void> {
    const consumer = this.consumers.get(consumerId);
    if (!consumer) throw new SfuError('consumer-not-found', `no such consumer ${consumerId}`);
    await consumer.resume();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const transport of this.transports.values()) transport.close();
  }
}
