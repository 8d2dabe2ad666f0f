// One member of a large synthetic cohort in one of the product's rooms (the `[scale-3]` test and
// the cohort bench): it goes through the same SfuPeer calls the server's media handlers make for
// a browser, with the capacity bench's WebRTC endpoints and RTP senders (ICE + DTLS + SRTP).
//   speaker:  sends a microphone and a simulcast camera, receives everyone;
//   muted:    has a microphone and camera produced but paused (a listener with camera off and
//             microphone muted, as most of a large cohort are), receives everyone;
//   listener: may not send (an observer), receives everyone.
import type { types } from 'mediasoup';
import type { SfuPeer, SfuRoom } from '../../sfu/index.ts';
import { ReceivedMedia } from '../sfuCapacity/consumerLoss.ts';
import type { Pacer } from '../sfuCapacity/pacer.ts';
import { cameraRtpParameters, microphoneRtpParameters } from '../sfuCapacity/participant.ts';
import { CameraSender, MicrophoneSender, TransportSequence } from '../sfuCapacity/rtpStreams.ts';
import { AUDIO_PACKETS_PER_SECOND, FRAME_RATE } from '../sfuCapacity/settings.ts';
import { openEndpoint, type WebRtcEndpoint } from '../sfuCapacity/webrtcEndpoint.ts';

export type CohortRole = 'speaker' | 'muted' | 'listener';

/** RFC 6464 levels (-dBov): speaking, and room noise below the observer's -80 threshold. */
const SPEAKING_LEVEL = 25;
const QUIET_LEVEL = 100;

export interface Received {
  consumer: types.Consumer;
  ssrc: number;
}

const randomSsrc = () => (Math.floor(Math.random() * 0xfffffff0) + 1) >>> 0;

export class CohortMember {
  /** This member's producers (microphone first, then camera). */
  readonly producers: types.Producer[] = [];
  /** What this member consumes, by producer id. */
  readonly consuming = new Map<string, Received>();
  readonly received: ReceivedMedia;
  private send: WebRtcEndpoint | undefined;

  private constructor(
    readonly label: string,
    readonly role: CohortRole,
    readonly peer: SfuPeer,
    private readonly recv: WebRtcEndpoint,
    private readonly recvTransportId: string,
  ) {
    this.received = new ReceivedMedia(recv);
  }

  /**
   * Joins: a connected receive transport, and by role a connected send transport with RTP on
   * the pacer (`speaking(at)` says when this speaker's microphone is loud) or paused producers.
   */
  static async join(
    room: SfuRoom,
    label: string,
    role: CohortRole,
    pacing: { pacer: Pacer; startedAt: number; speaking: (atMs: number) => boolean },
  ): Promise<CohortMember> {
    const peer = room.addPeer(label);
    if (role === 'listener') peer.allowedSources = new Set<never>();
    const recvOptions = await peer.createWebRtcTransport('recv');
    const recv = await openEndpoint(recvOptions, 'recv');
    await peer.connectTransport(recvOptions.id, recv.dtlsParameters);
    await recv.connect();
    const member = new CohortMember(label, role, peer, recv, recvOptions.id);
    if (role === 'speaker') await member.speak(pacing);
    if (role === 'muted') await member.produceMuted();
    return member;
  }

  private async speak(pacing: {
    pacer: Pacer;
    startedAt: number;
    speaking: (atMs: number) => boolean;
  }): Promise<void> {
    const options = await this.peer.createWebRtcTransport('send');
    const send = await openEndpoint(options, 'send');
    this.send = send;
    await this.peer.connectTransport(options.id, send.dtlsParameters);
    await send.connect();
    const sequence = new TransportSequence();
    const microphone = new MicrophoneSender(send, sequence, pacing.startedAt);
    const camera = new CameraSender(send, sequence, pacing.startedAt);
    this.producers.push(
      await this.peer.produce({
        transportId: options.id,
        kind: 'audio',
        source: 'microphone',
        rtpParameters: microphoneRtpParameters(microphone.stream.ssrc, this.label),
      }),
      await this.peer.produce({
        transportId: options.id,
        kind: 'video',
        source: 'camera',
        rtpParameters: cameraRtpParameters(
          camera.layers.map((l) => l.stream.ssrc),
          this.label,
        ),
      }),
    );
    // The SFU asks for keyframes (PLI or FIR) when a consumer starts or changes layer.
    send.onRtcp((packet) => {
      if (packet.type !== 206) return;
      const feedback = packet.feedback as {
        count: number;
        mediaSsrc?: number;
        fir?: { ssrc: number }[];
      };
      if (feedback.count === 1 && feedback.mediaSsrc !== undefined)
        camera.requestKeyFrame(feedback.mediaSsrc);
      if (feedback.count === 4) for (const f of feedback.fir ?? []) camera.requestKeyFrame(f.ssrc);
    });
    const { pacer, speaking } = pacing;
    pacer.every(1000 / AUDIO_PACKETS_PER_SECOND, (at) =>
      microphone.sendFrame(at, speaking(at) ? SPEAKING_LEVEL : QUIET_LEVEL),
    );
    pacer.every(1000 / FRAME_RATE, (at) => camera.sendFrame(at));
    pacer.every(1000, (at) =>
      send.sendRtcp([
        microphone.stream.senderReport(at),
        ...camera.layers.map((l) => l.stream.senderReport(at)),
      ]),
    );
  }

  /** Camera off, microphone muted: producers exist (paused) but no RTP is ever sent. */
  private async produceMuted(): Promise<void> {
    const { id } = await this.peer.createWebRtcTransport('send');
    this.producers.push(
      await this.peer.produce({
        transportId: id,
        kind: 'audio',
        source: 'microphone',
        rtpParameters: microphoneRtpParameters(randomSsrc(), this.label),
      }),
      await this.peer.produce({
        transportId: id,
        kind: 'video',
        source: 'camera',
        rtpParameters: cameraRtpParameters([randomSsrc(), randomSsrc(), randomSsrc()], this.label),
      }),
    );
    await this.peer.setPaused('microphone', true);
    await this.peer.setPaused('camera', true);
  }

  /** Consumes (and resumes, as the client does) producers of other members. */
  async consume(producers: types.Producer[], capabilities: types.RtpCapabilities): Promise<void> {
    for (const producer of producers) {
      if (this.consuming.has(producer.id)) continue;
      const options = await this.peer.consume(this.recvTransportId, producer.id, capabilities);
      const ssrc = options.rtpParameters.encodings?.[0]?.ssrc;
      const consumer = this.peer.consumers.get(options.id);
      if (ssrc === undefined || !consumer) throw new Error(`consumer ${options.id} not usable`);
      this.received.expect(ssrc, options.kind, `${producer.appData.peerId} → ${this.label}`);
      this.consuming.set(producer.id, { consumer, ssrc });
      await this.peer.resumeConsumer(options.id);
    }
  }

  /** Packets this member received of a producer's stream so far (receiver side, SRTP). */
  packetsOf(producerId: string): number {
    const ssrc = this.consuming.get(producerId)?.ssrc;
    if (ssrc === undefined) return 0;
    return this.received.snapshot().get(ssrc)?.received ?? 0;
  }

  async close(): Promise<void> {
    await Promise.all([this.recv.close(), this.send?.close()]);
  }
}
