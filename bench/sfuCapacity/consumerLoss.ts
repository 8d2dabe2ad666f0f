// Loss per consumer, seen from the receiving side: for each consumer's media SSRC, the packets
// that arrived against the packets the SFU numbered for it (the extended highest sequence number,
// as an RTCP receiver report counts). RTCP, RTX and probation packets are not media and are kept
// apart. A sample of packets is decrypted and authenticated to prove the stream is real SRTP.
import type { WebRtcEndpoint } from './webrtcEndpoint.ts';

/** Decrypt the first few packets of each consumer, then one in this many. */
const VERIFY_EVERY = 500;

interface Track {
  label: string;
  kind: 'audio' | 'video';
  received: number;
  /** Datagram bytes (SRTP, with headers): what the SFU put on the wire for this consumer. */
  bytes: number;
  /** Extended highest sequence number (wraps of the 16-bit field added), -1 before any packet. */
  highest: number;
}

export interface TrackSnapshot {
  received: number;
  bytes: number;
  highest: number;
}

export interface ConsumerLoss {
  label: string;
  kind: 'audio' | 'video';
  expected: number;
  received: number;
  bytes: number;
  loss: number;
}

export class ReceivedMedia {
  private readonly tracks = new Map<number, Track>();
  /** Datagrams that are not media of a known consumer (RTCP, RTX, probation). */
  notMedia = 0;
  verified = 0;
  verifyFailures = 0;

  constructor(private readonly endpoint: WebRtcEndpoint) {
    endpoint.onDatagram((datagram) => this.onDatagram(datagram));
  }

  expect(ssrc: number, kind: 'audio' | 'video', label: string): void {
    this.tracks.set(ssrc, { label, kind, received: 0, bytes: 0, highest: -1 });
  }

  private onDatagram(datagram: Buffer): void {
    // RFC 5761: second byte 192–223 is an RTCP packet type, not RTP with a marker bit.
    const second = datagram[1]!;
    if (second >= 192 && second <= 223) {
      this.notMedia += 1;
      return;
    }
    const track = this.tracks.get(datagram.readUInt32BE(8));
    if (!track) {
      this.notMedia += 1;
      return;
    }
    const seq = datagram.readUInt16BE(2);
    if (track.highest < 0) {
      track.highest = seq;
    } else {
      const ahead = (seq - (track.highest & 0xffff)) & 0xffff;
      if (ahead > 0 && ahead < 0x8000) track.highest += ahead; // later packet (older ones: reordered)
    }
    track.received += 1;
    track.bytes += datagram.length;
    if (track.received <= 3 || track.received % VERIFY_EVERY === 0) {
      try {
        this.endpoint.verify(datagram);
        this.verified += 1;
      } catch {
        this.verifyFailures += 1;
      }
    }
  }

  snapshot(): Map<number, TrackSnapshot> {
    const copy = new Map<number, TrackSnapshot>();
    for (const [ssrc, t] of this.tracks)
      copy.set(ssrc, { received: t.received, bytes: t.bytes, highest: t.highest });
    return copy;
  }

  /** Loss of each consumer between two snapshots; one that got nothing at all counts as 100 %. */
  lossSince(before: Map<number, TrackSnapshot>, after: Map<number, TrackSnapshot>): ConsumerLoss[] {
    const losses: ConsumerLoss[] = [];
    for (const [ssrc, track] of this.tracks) {
      const start = before.get(ssrc) ?? { received: 0, bytes: 0, highest: -1 };
      const end = after.get(ssrc) ?? start;
      const received = end.received - start.received;
      // A consumer whose first packet came inside the window: count from that packet.
      const expected =
        start.highest < 0 ? (end.highest < 0 ? 0 : received) : end.highest - start.highest;
      const loss = expected === 0 ? 1 : Math.max(0, 1 - received / expected);
      const bytes = end.bytes - start.bytes;
      losses.push({ label: track.label, kind: track.kind, expected, received, bytes, loss });
    }
    return losses;
  }
}
