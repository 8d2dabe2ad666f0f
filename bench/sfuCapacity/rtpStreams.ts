// Synthetic senders that look to the SFU like a browser's: an opus microphone with audio levels
// (for the active-speaker and audio-level observers) and a VP8 camera in three simulcast layers,
// each with L1T3 temporal layers described in the VP8 payload descriptor (picture id, TL0PICIDX,
// TID), so the SFU does the same per-consumer rewriting it does for real video. Keyframes are
// sent when the SFU asks (PLI/FIR), as a browser does. Payload bytes are filler; the SFU never
// decodes media.
import { RtcpSenderInfo, RtcpSrPacket, RtpHeader } from 'werift';
import {
  AUDIO_PAYLOAD_BYTES,
  CAMERA_LAYERS,
  FRAME_RATE,
  MAX_PAYLOAD_BYTES,
  type CameraLayer,
} from './settings.ts';
import type { WebRtcEndpoint } from './webrtcEndpoint.ts';

/** Header extension ids this sender uses (declared in the producers' rtpParameters). */
export const EXT_AUDIO_LEVEL = 1;
export const EXT_TRANSPORT_CC = 3;
export const OPUS_PT = 111;
export const VP8_PT = 96;

const random32 = () => Math.floor(Math.random() * 0xffffffff) >>> 0;
const random16 = () => Math.floor(Math.random() * 0xffff);

/** Packets and payload bytes handed to the socket (what "offered" means in the report). */
export interface SentCount {
  packets: number;
  payloadBytes: number;
}

/** The transport-wide sequence number shared by every stream on one send transport. */
export class TransportSequence {
  private value = random16();
  next(): Buffer {
    this.value = (this.value + 1) & 0xffff;
    const bytes = Buffer.alloc(2);
    bytes.writeUInt16BE(this.value);
    return bytes;
  }
}

/** One SSRC: its sequence, timestamp origin and sender-report counters. */
class RtpStream {
  readonly ssrc = random32();
  private seq = random16();
  private readonly tsBase = random32();
  readonly sent: SentCount = { packets: 0, payloadBytes: 0 };
  private octets = 0;

  constructor(
    private readonly endpoint: WebRtcEndpoint,
    private readonly transportSeq: TransportSequence,
    private readonly payloadType: number,
    private readonly clockRate: number,
    private readonly startedAt: number,
  ) {}

  timestampAt(ms: number): number {
    return (this.tsBase + Math.round(((ms - this.startedAt) * this.clockRate) / 1000)) >>> 0;
  }

  send(payload: Buffer, timestamp: number, marker: boolean, audioLevel?: number): void {
    const extensions = [{ id: EXT_TRANSPORT_CC, payload: this.transportSeq.next() }];
    if (audioLevel !== undefined) {
      extensions.push({ id: EXT_AUDIO_LEVEL, payload: Buffer.from([0x80 | audioLevel]) });
    }
    this.seq = (this.seq + 1) & 0xffff;
    const header = new RtpHeader({
      payloadType: this.payloadType,
      sequenceNumber: this.seq,
      timestamp,
      ssrc: this.ssrc,
      marker,
      extensions,
    });
    this.endpoint.sendRtp(header, payload);
    this.sent.packets += 1;
    this.sent.payloadBytes += payload.length;
    this.octets += payload.length;
  }

  /** A sender report: the SFU needs them to line up simulcast layers' timestamps. */
  senderReport(nowMs: number): RtcpSrPacket {
    const ntpSeconds = nowMs / 1000 + 2_208_988_800; // NTP counts from 1900
    const whole = Math.floor(ntpSeconds);
    const fraction = Math.floor((ntpSeconds - whole) * 2 ** 32);
    return new RtcpSrPacket({
      ssrc: this.ssrc,
      senderInfo: new RtcpSenderInfo({
        ntpTimestamp: (BigInt(whole) << 32n) | BigInt(fraction),
        rtpTimestamp: this.timestampAt(nowMs),
        packetCount: this.sent.packets,
        octetCount: this.octets >>> 0,
      }),
    });
  }
}

export class MicrophoneSender {
  readonly stream: RtpStream;
  private readonly payload = Buffer.alloc(AUDIO_PAYLOAD_BYTES, 0x5a);

  constructor(endpoint: WebRtcEndpoint, transportSeq: TransportSequence, startedAt: number) {
    this.stream = new RtpStream(endpoint, transportSeq, OPUS_PT, 48_000, startedAt);
  }

  /**
   * One 20 ms opus frame captured at `atMs` (its slot in the schedule, so timestamps advance by
   * exactly 960 and agree with the sender reports); `level` is -dBov as RFC 6464 carries it.
   */
  sendFrame(atMs: number, level: number): void {
    this.stream.send(this.payload, this.stream.timestampAt(atMs), false, level);
  }
}

/** L1T3: the temporal layer of each frame in turn (base, top, middle, top). */
const TEMPORAL_PATTERN = [0, 2, 1, 2] as const;

class SimulcastLayer {
  readonly stream: RtpStream;
  /** Payload sizes of one frame's packets, summing to maxBitrate / frame rate. */
  readonly packetSizes: number[];
  keyFrameWanted = true;
  private pictureId = random16() & 0x7fff;
  private tl0PicIdx = random16() & 0xff;
  private patternIndex = 0;

  constructor(stream: RtpStream, layer: CameraLayer) {
    this.stream = stream;
    const frameBytes = Math.round(layer.maxBitrate / 8 / FRAME_RATE);
    const packets = Math.ceil(frameBytes / MAX_PAYLOAD_BYTES);
    this.packetSizes = Array.from({ length: packets }, (_, i) =>
      i < packets - 1
        ? Math.floor(frameBytes / packets)
        : frameBytes - i * Math.floor(frameBytes / packets),
    );
  }

  sendFrame(timestamp: number): void {
    const keyFrame = this.keyFrameWanted;
    this.keyFrameWanted = false;
    // A keyframe restarts the temporal pattern at the base layer.
    if (keyFrame) this.patternIndex = 0;
    const tid = TEMPORAL_PATTERN[this.patternIndex % TEMPORAL_PATTERN.length]!;
    this.patternIndex += 1;
    this.pictureId = (this.pictureId + 1) & 0x7fff;
    if (tid === 0) this.tl0PicIdx = (this.tl0PicIdx + 1) & 0xff;
    this.packetSizes.forEach((size, i) => {
      const payload = Buffer.alloc(size);
      // VP8 payload descriptor (RFC 7741): X, N for top-layer frames, S on the first packet.
      payload[0] = 0x80 | (tid === 2 ? 0x20 : 0) | (i === 0 ? 0x10 : 0);
      payload[1] = 0xe0; // I, L, T present
      payload.writeUInt16BE(0x8000 | this.pictureId, 2); // 15-bit picture id
      payload[4] = this.tl0PicIdx;
      payload[5] = (tid << 6) | 0x20; // TID, Y (layer sync)
      // VP8 frame tag: bit 0 clear marks a keyframe (only read on the first packet).
      payload[6] = keyFrame ? 0x10 : 0x11;
      this.stream.send(payload, timestamp, i === this.packetSizes.length - 1);
    });
  }
}

export class CameraSender {
  readonly layers: SimulcastLayer[];

  constructor(endpoint: WebRtcEndpoint, transportSeq: TransportSequence, startedAt: number) {
    this.layers = CAMERA_LAYERS.map(
      (layer) =>
        new SimulcastLayer(new RtpStream(endpoint, transportSeq, VP8_PT, 90_000, startedAt), layer),
    );
  }

  /** One frame captured at `atMs`, encoded in every layer (each SSRC with its own origin). */
  sendFrame(atMs: number): void {
    for (const layer of this.layers) layer.sendFrame(layer.stream.timestampAt(atMs));
  }

  /** The SFU asked for a keyframe on this SSRC (a consumer starts or switches layer). */
  requestKeyFrame(ssrc: number): void {
    for (const layer of this.layers) if (layer.stream.ssrc === ssrc) layer.keyFrameWanted = true;
  }

  get sent(): SentCount {
    return sumSent(this.layers.map((l) => l.stream.sent));
  }
}

export function sumSent(counts: SentCount[]): SentCount {
  return counts.reduce(
    (sum, c) => ({
      packets: sum.packets + c.packets,
      payloadBytes: sum.payloadBytes + c.payloadBytes,
    }),
    { packets: 0, payloadBytes: 0 },
  );
}

/** Nominal packets per second of one camera (all layers), from the same framing as above. */
export const NOMINAL_VIDEO_PPS = CAMERA_LAYERS.reduce(
  (sum, layer) =>
    sum + FRAME_RATE * Math.ceil(Math.round(layer.maxBitrate / 8 / FRAME_RATE) / MAX_PAYLOAD_BYTES),
  0,
);
