// One synthetic participant in one of the product's rooms, going through the same SfuPeer calls
// the server's media handlers make for a browser: two WebRTC transports (connected over ICE +
// DTLS), a microphone and a simulcast camera produced, every other participant's media consumed
// and resumed. Which videos flow and in which layer is left to the room's forwarding policy.
import type { types } from 'mediasoup';
import type { SfuPeer, SfuRoom } from '../../sfu/index.ts';
import { ReceivedMedia } from './consumerLoss.ts';
import type { Pacer } from './pacer.ts';
import {
  CameraSender,
  EXT_AUDIO_LEVEL,
  EXT_TRANSPORT_CC,
  MicrophoneSender,
  OPUS_PT,
  TransportSequence,
  VP8_PT,
} from './rtpStreams.ts';
import {
  AUDIO_PACKETS_PER_SECOND,
  CAMERA_LAYERS,
  FRAME_RATE,
  PEERS_PER_ROOM,
  SPEAKER_TURN_MS,
} from './settings.ts';
import { openEndpoint, type WebRtcEndpoint } from './webrtcEndpoint.ts';

const TRANSPORT_CC_URI =
  'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01';
const AUDIO_LEVEL_URI = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level';
/** RFC 6464 levels (-dBov): the one speaking, and room noise below the observer's -80 threshold. */
const SPEAKING_LEVEL = 25;
const QUIET_LEVEL = 100;

/**
 * What the receivers tell the SFU they can take: the router's capabilities without congestion
 * control feedback. These receivers send no transport-cc feedback, and a transport that expects
 * it would hold its estimate at the initial 600 kbit/s; without it each consumer gets the layer
 * the forwarding policy prefers.
 */
export function receiverCapabilities(room: SfuRoom): types.RtpCapabilities {
  const caps = room.rtpCapabilities;
  return {
    codecs: caps.codecs?.map((codec) => ({
      ...codec,
      rtcpFeedback: codec.rtcpFeedback?.filter(
        (fb) => fb.type !== 'transport-cc' && fb.type !== 'goog-remb',
      ),
    })),
    headerExtensions: caps.headerExtensions?.filter(
      (ext) => ext.uri !== TRANSPORT_CC_URI && !ext.uri.includes('abs-send-time'),
    ),
  };
}

/** What a browser's microphone producer declares: opus with audio levels and transport-cc. */
export function microphoneRtpParameters(ssrc: number, cname: string): types.RtpParameters {
  return {
    codecs: [
      {
        mimeType: 'audio/opus',
        payloadType: OPUS_PT,
        clockRate: 48_000,
        channels: 2,
        parameters: { useinbandfec: 1, usedtx: 1 },
        rtcpFeedback: [{ type: 'transport-cc' }],
      },
    ],
    headerExtensions: [
      { uri: AUDIO_LEVEL_URI, id: EXT_AUDIO_LEVEL },
      { uri: TRANSPORT_CC_URI, id: EXT_TRANSPORT_CC },
    ],
    encodings: [{ ssrc }],
    rtcp: { cname, reducedSize: true },
  };
}

/** What a browser's simulcast camera producer declares: VP8 in CAMERA_LAYERS, one SSRC each. */
export function cameraRtpParameters(ssrcs: number[], cname: string): types.RtpParameters {
  return {
    codecs: [
      {
        mimeType: 'video/VP8',
        payloadType: VP8_PT,
        clockRate: 90_000,
        rtcpFeedback: [
          { type: 'nack' },
          { type: 'nack', parameter: 'pli' },
          { type: 'ccm', parameter: 'fir' },
          { type: 'transport-cc' },
        ],
      },
    ],
    headerExtensions: [{ uri: TRANSPORT_CC_URI, id: EXT_TRANSPORT_CC }],
    encodings: ssrcs.map((ssrc, i) => ({ ssrc, ...CAMERA_LAYERS[i] })),
    rtcp: { cname, reducedSize: true },
  };
}

export class Participant {
  private readonly producerIds: string[] = [];
  readonly received: ReceivedMedia;
  /** Consumers created (audio and video). */
  consumers = 0;

  private constructor(
    readonly label: string,
    readonly index: number,
    private readonly peer: SfuPeer,
    private readonly send: WebRtcEndpoint,
    private readonly sendTransportId: string,
    private readonly recv: WebRtcEndpoint,
    private readonly recvTransportId: string,
    readonly microphone: MicrophoneSender,
    readonly camera: CameraSender,
  ) {
    this.received = new ReceivedMedia(recv);
  }

  /** Joins, connects both transports, produces and starts sending on the pacer. */
  static async join(
    room: SfuRoom,
    label: string,
    index: number,
    pacer: Pacer,
    startedAt: number,
  ): Promise<Participant> {
    const peer = room.addPeer(label);
    const [sendOptions, recvOptions] = await Promise.all([
      peer.createWebRtcTransport('send'),
      peer.createWebRtcTransport('recv'),
    ]);
    const [send, recv] = await Promise.all([
      openEndpoint(sendOptions, 'send'),
      openEndpoint(recvOptions, 'recv'),
    ]);
    await peer.connectTransport(sendOptions.id, send.dtlsParameters);
    await peer.connectTransport(recvOptions.id, recv.dtlsParameters);
    await Promise.all([send.connect(), recv.connect()]);

    const sequence = new TransportSequence();
    const participant = new Participant(
      label,
      index,
      peer,
      send,
      sendOptions.id,
      recv,
      recvOptions.id,
      new MicrophoneSender(send, sequence, startedAt),
      new CameraSender(send, sequence, startedAt),
    );
    await participant.produce();
    participant.schedule(pacer);
    return participant;
  }

  private async produce(): Promise<void> {
    const cname = this.label;
    const audio = await this.peer.produce({
      transportId: this.sendTransportId,
      kind: 'audio',
      source: 'microphone',
      rtpParameters: microphoneRtpParameters(this.microphone.stream.ssrc, cname),
    });
    const video = await this.peer.produce({
      transportId: this.sendTransportId,
      kind: 'video',
      source: 'camera',
      rtpParameters: cameraRtpParameters(
        this.camera.layers.map((layer) => layer.stream.ssrc),
        cname,
      ),
    });
    this.producerIds.push(audio.id, video.id);
    // The SFU asks for keyframes (PLI or FIR) when a consumer starts or changes layer.
    this.send.onRtcp((packet) => {
      if (packet.type !== 206) return;
      const feedback = packet.feedback as {
        count: number;
        mediaSsrc?: number;
        fir?: { ssrc: number }[];
      };
      if (feedback.count === 1 && feedback.mediaSsrc !== undefined) {
        this.camera.requestKeyFrame(feedback.mediaSsrc);
      }
      if (feedback.count === 4)
        for (const f of feedback.fir ?? []) this.camera.requestKeyFrame(f.ssrc);
    });
  }

  private schedule(pacer: Pacer): void {
    pacer.every(1000 / AUDIO_PACKETS_PER_SECOND, (at) => {
      // One speaker at a time in each room, in turn: the active-speaker observer follows.
      const speaking = Math.floor(at / SPEAKER_TURN_MS) % PEERS_PER_ROOM === this.index;
      this.microphone.sendFrame(at, speaking ? SPEAKING_LEVEL : QUIET_LEVEL);
    });
    pacer.every(1000 / FRAME_RATE, (at) => this.camera.sendFrame(at));
    pacer.every(1000, (at) =>
      this.send.sendRtcp([
        this.microphone.stream.senderReport(at),
        ...this.camera.layers.map((l) => l.stream.senderReport(at)),
      ]),
    );
  }

  /** Consumes (and resumes) every producer of the others, as the client does on joining. */
  async consumeFrom(others: Participant[], capabilities: types.RtpCapabilities): Promise<void> {
    for (const other of others) {
      for (const producerId of other.producerIds) {
        const consumer = await this.peer.consume(this.recvTransportId, producerId, capabilities);
        const ssrc = consumer.rtpParameters.encodings?.[0]?.ssrc;
        if (ssrc === undefined) throw new Error(`consumer ${consumer.id} has no SSRC`);
        this.received.expect(
          ssrc,
          consumer.kind,
          `${other.label} ${consumer.kind} → ${this.label}`,
        );
        await this.peer.resumeConsumer(consumer.id);
        this.consumers += 1;
      }
    }
  }
}
