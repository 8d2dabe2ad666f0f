// SFU capacity: rooms of 8 peers, each sending synthetic opus + VP8 RTP over a PlainTransport
// and receiving the other seven's audio and video, added step by step until the worker's CPU
// saturates or packets are lost. Reported: consumers per worker core and packet loss, next to
// mediasoup's own guide figure of ~500 consumers per core. The sender/receiver is this Node
// process on the same 2 cores, so the figure is a floor, not the worker's ceiling.
import { createSocket, type Socket } from 'node:dgram';
import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import { mediaCodecs } from '../sfu/codecs.ts';
import type { Measurement } from './stats.ts';

const PEERS = 8;
const STEP_MS = 4000;
const AUDIO_PPS = 50;
const VIDEO_PPS = 90; // ~720 kbit/s of 1000-byte packets
const MAX_ROOMS = 24;

interface Sender {
  socket: Socket;
  port: number;
  ssrcAudio: number;
  ssrcVideo: number;
  seqAudio: number;
  seqVideo: number;
}

function rtp(pt: number, seq: number, ts: number, ssrc: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(12);
  header[0] = 0x80;
  header[1] = pt;
  header.writeUInt16BE(seq & 0xffff, 2);
  header.writeUInt32BE(ts >>> 0, 4);
  header.writeUInt32BE(ssrc >>> 0, 8);
  return Buffer.concat([header, payload]);
}

// VP8 payload descriptor S=1, PID 0, then a key-frame payload header (P bit 0): every packet can
// start a picture, so consumers forward at once.
const VP8_PAYLOAD = Buffer.concat([
  Buffer.from([0x10, 0x00, 0x9d, 0x01, 0x2a]),
  Buffer.alloc(995, 7),
]);
const OPUS_PAYLOAD = Buffer.alloc(120, 3);

async function bindSocket(): Promise<Socket> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return socket;
}

/** Packets that came back out of the SFU in the current step (all sinks add to it). */
const received = { count: 0 };
const sinks: Socket[] = [];

async function addRoom(router: types.Router, senders: Sender[]): Promise<number> {
  const producers: types.Producer[] = [];
  for (let p = 0; p < PEERS; p += 1) {
    const transport = await router.createPlainTransport({
      listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
      rtcpMux: true,
      comedia: true,
    });
    const sender: Sender = {
      socket: await bindSocket(),
      port: transport.tuple.localPort,
      ssrcAudio: 1000 + senders.length * 2,
      ssrcVideo: 1001 + senders.length * 2,
      seqAudio: 0,
      seqVideo: 0,
    };
    senders.push(sender);
    producers.push(
      await transport.produce({
        kind: 'audio',
        rtpParameters: {
          codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
          encodings: [{ ssrc: sender.ssrcAudio }],
        },
      }),
      await transport.produce({
        kind: 'video',
        rtpParameters: {
          codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }],
          encodings: [{ ssrc: sender.ssrcVideo }],
        },
      }),
    );
  }
  let consumers = 0;
  for (let p = 0; p < PEERS; p += 1) {
    const sink = await bindSocket();
    sink.on('message', () => (received.count += 1));
    sinks.push(sink);
    const transport = await router.createPlainTransport({
      listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
      rtcpMux: true,
      comedia: false,
    });
    await transport.connect({ ip: '127.0.0.1', port: sink.address().port });
    for (const [i, producer] of producers.entries()) {
      if (Math.floor(i / 2) === p) continue; // not one's own
      await transport.consume({
        producerId: producer.id,
        rtpCapabilities: router.rtpCapabilities,
        paused: false,
      });
      consumers += 1;
    }
  }
  return consumers;
}

function send(senders: Sender[], sent: { count: number }, tick: number): void {
  for (const s of senders) {
    if (tick % (100 / AUDIO_PPS) === 0) {
      s.socket.send(
        rtp(100, s.seqAudio++, s.seqAudio * 960, s.ssrcAudio, OPUS_PAYLOAD),
        s.port,
        '127.0.0.1',
      );
      sent.count += 1;
    }
    for (let k = 0; k < VIDEO_PPS / 100 + (tick % 10 < (VIDEO_PPS % 100) / 10 ? 1 : 0); k += 1) {
      s.socket.send(
        rtp(101, s.seqVideo++, s.seqVideo * 1000, s.ssrcVideo, VP8_PAYLOAD),
        s.port,
        '127.0.0.1',
      );
      sent.count += 1;
    }
  }
}

export async function sfuCapacityBenchmarks(): Promise<Measurement[]> {
  const worker = await mediasoup.createWorker({ logLevel: 'error' });
  const senders: Sender[] = [];
  const results: Measurement[] = [];
  try {
    let consumers = 0;
    let best = { consumers: 0, loss: 0, cpu: 0 };
    for (let rooms = 1; rooms <= MAX_ROOMS; rooms += rooms < 4 ? 1 : 2) {
      while (consumers < rooms * PEERS * (PEERS - 1) * 2) {
        const router = await worker.createRouter({ mediaCodecs });
        consumers += await addRoom(router, senders);
      }
      received.count = 0;
      const sent = { count: 0 };
      const before = await worker.getResourceUsage();
      const startedAt = process.hrtime.bigint();
      let tick = 0;
      await new Promise<void>((resolve) => {
        const timer = setInterval(() => {
          send(senders, sent, tick++);
          if (tick * 10 >= STEP_MS) {
            clearInterval(timer);
            setTimeout(resolve, 300); // let the last packets arrive
          }
        }, 10);
      });
      const after = await worker.getResourceUsage();
      const wallMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
      const cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) / wallMs;
      // Each audio packet fans out to 7 consumers, each video packet too.
      const expected = sent.count * (PEERS - 1);
      const loss = expected > 0 ? Math.max(0, 1 - received.count / expected) : 0;
      console.log(
        `    ${rooms} rooms, ${consumers} consumers: worker CPU ${(cpu * 100).toFixed(0)} %, loss ${(loss * 100).toFixed(2)} %`,
      );
      if (loss <= 0.01) best = { consumers, loss, cpu };
      if (cpu > 0.9 || loss > 0.01) break;
    }
    const perCore = best.cpu > 0 ? Math.round(best.consumers / best.cpu) : 0;
    results.push({
      name: `sfu capacity: consumers at ≤1 % loss (8-peer rooms, audio+video)`,
      unit: 'count',
      runs: 1,
      median: best.consumers,
      p90: best.consumers,
      min: best.consumers,
    });
    results.push({
      name: `sfu capacity: consumers per worker core, extrapolated (mediasoup guide ~500)`,
      unit: 'count',
      runs: 1,
      median: perCore,
      p90: perCore,
      min: perCore,
    });
    return results;
  } finally {
    worker.close();
    for (const socket of [...senders.map((s) => s.socket), ...sinks]) socket.close();
  }
}
