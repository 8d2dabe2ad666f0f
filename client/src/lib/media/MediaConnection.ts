// The browser side of the SFU: one mediasoup-client Device, a send and a receive transport.
import { Device } from 'mediasoup-client';
import type { Consumer, Producer, RtpEncodingParameters, Transport } from 'mediasoup-client/types';
import type { TransportInfo } from '../../../../server/protocol/media.ts';
import { request, type ClientSocket } from '../socketRequest.ts';
import { transportOptions } from './icePolicy.ts';

export type ProducerSource = 'camera' | 'microphone' | 'screen';

/** Three simulcast layers so the SFU can give each viewer the size their tile and link allow. */
export const CAMERA_SIMULCAST: RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 1, maxBitrate: 1_200_000, scalabilityMode: 'L1T3' },
];

export class MediaConnection {
  private sendTransport: Transport | undefined;
  private recvTransport: Transport | undefined;
  // Consumes start together (an observer, who publishes nothing first, consumes everyone at
  // once): they share one device load and one transport instead of racing to make several.
  private loading: Promise<void> | undefined;
  private sendPending: Promise<Transport> | undefined;
  private recvPending: Promise<Transport> | undefined;

  /** `device` may come loaded already (see LiveClient.preload): then nothing is asked for it. */
  constructor(
    private socket: ClientSocket,
    readonly device: Device = new Device(),
  ) {}

  async load(): Promise<void> {
    if (this.device.loaded) return;
    this.loading ??= request(this.socket, 'media:capabilities', {})
      .then(({ routerRtpCapabilities }) => this.device.load({ routerRtpCapabilities }))
      .finally(() => (this.loading = undefined));
    await this.loading;
  }

  /** The live socket moved to another server process (the session's owner): same media. */
  useSocket(socket: ClientSocket): void {
    this.socket = socket;
  }

  /**
   * Joining: the device and both transports at once (the receive side does not wait for our own
   * camera to be sent first), so the first remote video comes a round trip or two sooner.
   */
  async prepare(send: boolean): Promise<void> {
    // The transports are asked for alongside the capabilities (only making them needs the
    // loaded device): one round trip instead of two before the first consume.
    await Promise.all([this.load(), this.receiving(), send ? this.sending() : undefined]);
  }

  private wire(transport: Transport): Transport {
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      request(this.socket, 'media:connectTransport', {
        transportId: transport.id,
        dtlsParameters,
      }).then(() => callback(), errback);
    });
    return transport;
  }

  private async transportInfo(direction: 'send' | 'recv'): Promise<TransportInfo> {
    return request(this.socket, 'media:createTransport', { direction });
  }

  private async sending(): Promise<Transport> {
    if (this.sendTransport && !this.sendTransport.closed) return this.sendTransport;
    this.sendPending ??= this.newSendTransport().finally(() => (this.sendPending = undefined));
    return this.sendPending;
  }

  private async newSendTransport(): Promise<Transport> {
    const [info] = await Promise.all([this.transportInfo('send'), this.load()]);
    const transport = this.wire(this.device.createSendTransport(transportOptions(info)));
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      const source = (appData.source ??
        (kind === 'audio' ? 'microphone' : 'camera')) as ProducerSource;
      request(this.socket, 'media:produce', {
        transportId: transport.id,
        kind,
        source,
        rtpParameters: rtpParameters as unknown as Record<string, unknown>,
      }).then(({ producerId }) => callback({ id: producerId }), errback);
    });
    this.sendTransport = transport;
    return transport;
  }

  private async receiving(): Promise<Transport> {
    if (this.recvTransport && !this.recvTransport.closed) return this.recvTransport;
    this.recvPending ??= Promise.all([this.transportInfo('recv'), this.load()])
      .then(
        ([info]) =>
          (this.recvTransport = this.wire(this.device.createRecvTransport(transportOptions(info)))),
      )
      .finally(() => (this.recvPending = undefined));
    return this.recvPending;
  }

  async produce(track: MediaStreamTrack, source: ProducerSource): Promise<Producer> {
    await this.load();
    const transport = await this.sending();
    const simulcast = source === 'camera' && track.kind === 'video';
    return transport.produce({
      track,
      // The caller owns the track: it outlives a transport rebuilt after a media reset.
      stopTracks: false,
      appData: { source },
      ...(simulcast ? { encodings: CAMERA_SIMULCAST } : {}),
      ...(track.kind === 'audio' ? { codecOptions: { opusFec: true, opusDtx: true } } : {}),
    });
  }

  /**
   * Consumes producers together: the requests go out at once and the answers reach
   * mediasoup-client in one tick, which then renegotiates once for all of them (answered one by
   * one, it renegotiates per consumer, in turn: a room of eight waited for fourteen). The server
   * makes each paused and resumes it once our track is ready. One gone meanwhile is left out.
   */
  async consumeAll(producerIds: string[]): Promise<Map<string, Consumer>> {
    await this.load();
    const transport = await this.receiving();
    const rtpCapabilities = this.device.recvRtpCapabilities as unknown as Record<string, unknown>;
    const answers = await Promise.allSettled(
      producerIds.map((producerId) =>
        request(this.socket, 'media:consume', {
          transportId: transport.id,
          producerId,
          rtpCapabilities,
        }),
      ),
    );
    const made = await Promise.allSettled(
      answers
        .flatMap((answer) => (answer.status === 'fulfilled' ? [answer.value] : []))
        .map((info) =>
          transport.consume({
            id: info.id,
            producerId: info.producerId,
            kind: info.kind,
            rtpParameters: info.rtpParameters,
            appData: { peerId: info.producerPeerId },
          }),
        ),
    );
    const resumed = await Promise.all(
      made
        .flatMap((m) => (m.status === 'fulfilled' ? [m.value] : []))
        .map((consumer) =>
          request(this.socket, 'media:resumeConsumer', { consumerId: consumer.id }).then(
            (): Consumer | undefined => consumer,
            () => void consumer.close(), // closed in the SFU meanwhile: its producer left
          ),
        ),
    );
    return new Map(
      resumed.flatMap((consumer) => (consumer ? [[consumer.producerId, consumer] as const] : [])),
    );
  }

  /** Consumes one producer (see consumeAll); rejects if it cannot be received. */
  async consume(producerId: string): Promise<Consumer> {
    const consumer = (await this.consumeAll([producerId])).get(producerId);
    if (!consumer) throw new Error(`cannot receive ${producerId}`);
    return consumer;
  }

  /** After a network change: new ICE parameters for both transports, same media. */
  async restartIce(): Promise<void> {
    for (const transport of [this.sendTransport, this.recvTransport]) {
      if (!transport || transport.closed) continue;
      const { iceParameters, iceServers } = await request(this.socket, 'media:restartIce', {
        transportId: transport.id,
      });
      // Fresh TURN credentials: the ones from joining may have expired by now.
      if (iceServers?.length) await transport.updateIceServers({ iceServers });
      await transport.restartIce({ iceParameters });
    }
  }

  /** Stops sending a producer, here and in the SFU. */
  async closeProducer(producer: Producer): Promise<void> {
    producer.close();
    await request(this.socket, 'media:closeProducer', { producerId: producer.id }).catch(
      () => undefined,
    );
  }

  /** Transports for measuring the connection (WebRTC stats). */
  transports(): Transport[] {
    return [this.sendTransport, this.recvTransport].filter((t): t is Transport => !!t && !t.closed);
  }

  close(): void {
    this.sendTransport?.close();
    this.recvTransport?.close();
  }
}
