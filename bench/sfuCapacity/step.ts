// One measured step: with every room sending, take the send window and report what was offered
// (against nominal), what each consumer lost, and what it cost the worker's core.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsumerLoss, TrackSnapshot } from './consumerLoss.ts';
import { between, read, type WindowCpu } from './machine.ts';
import type { Participant } from './participant.ts';
import { NOMINAL_VIDEO_PPS, sumSent, type SentCount } from './rtpStreams.ts';
import {
  AUDIO_PACKETS_PER_SECOND,
  LOSS_LIMIT,
  NOMINAL_AUDIO_BPS,
  NOMINAL_VIDEO_BPS,
  OFFERED_MIN,
  WINDOW_MS,
  WORKER_CPU_LIMIT,
} from './settings.ts';

export interface Offered {
  /** Per camera producer, mean over producers: packets/s and kbit/s of payload. */
  videoPps: number;
  videoKbps: number;
  audioPps: number;
  audioKbps: number;
  /** All producers' payload bytes against nominal (1 = as nominal). */
  ratio: number;
  /** The producer furthest below nominal (payload bytes). */
  lowestProducerRatio: number;
}

export interface Delivered {
  /** Mean over video consumers: kbit/s on the wire and packets/s (shows the layer forwarded). */
  videoKbps: number;
  videoPps: number;
  audioPps: number;
}

/** Room events so far (all rooms): the observers' output reaching the product's SfuRoom. */
export interface RoomEvents {
  activeSpeaker: number;
  audioLevels: number;
}

export interface StepResult {
  rooms: number;
  consumers: number;
  delivered: Delivered;
  /** Room events during the window, per room per second. */
  events: RoomEvents;
  cpu: WindowCpu;
  offered: Offered;
  worst: ConsumerLoss;
  /** Consumers above the loss limit. */
  overLimit: number;
  /** Received packets decrypted and authenticated as a sample since the run began; failures. */
  verified: number;
  verifyFailures: number;
  /** Why the run stops after this step (undefined: it goes on). */
  limit?: 'loss' | 'worker-cpu' | 'generator';
}

function sentByProducer(participants: Participant[]): { audio: SentCount; video: SentCount }[] {
  return participants.map((p) => ({
    audio: { ...p.microphone.stream.sent },
    video: sumSent(p.camera.layers.map((l) => ({ ...l.stream.sent }))),
  }));
}

export async function measureStep(
  rooms: Participant[][],
  workerPid: number,
  events: RoomEvents,
): Promise<StepResult> {
  const participants = rooms.flat();
  const eventsBefore = { ...events };
  const sentBefore = sentByProducer(participants);
  const receivedBefore = participants.map((p) => p.received.snapshot());
  const start = read(workerPid);
  await sleep(WINDOW_MS);
  const end = read(workerPid);
  const receivedAfter = participants.map((p) => p.received.snapshot());
  const sentAfter = sentByProducer(participants);
  const cpu = between(start, end);

  const losses = participants.flatMap((p, i) =>
    p.received.lossSince(
      receivedBefore[i] as Map<number, TrackSnapshot>,
      receivedAfter[i] as Map<number, TrackSnapshot>,
    ),
  );
  const worst = losses.reduce((a, b) => (b.loss > a.loss ? b : a));
  const ofKind = (kind: 'audio' | 'video') => losses.filter((l) => l.kind === kind);
  const meanOf = (list: ConsumerLoss[], f: (l: ConsumerLoss) => number) =>
    list.length === 0 ? 0 : list.reduce((sum, l) => sum + f(l), 0) / list.length;
  const delivered: Delivered = {
    videoKbps: meanOf(ofKind('video'), (l) => (l.bytes * 8) / 1000 / cpu.seconds),
    videoPps: meanOf(ofKind('video'), (l) => l.received / cpu.seconds),
    audioPps: meanOf(ofKind('audio'), (l) => l.received / cpu.seconds),
  };

  const perProducer = sentAfter.map((after, i) => {
    const before = sentBefore[i]!;
    const delta = (k: 'audio' | 'video', f: keyof SentCount) =>
      (after[k][f] - before[k][f]) / cpu.seconds;
    return {
      audioPps: delta('audio', 'packets'),
      audioBps: delta('audio', 'payloadBytes') * 8,
      videoPps: delta('video', 'packets'),
      videoBps: delta('video', 'payloadBytes') * 8,
    };
  });
  const mean = (f: (p: (typeof perProducer)[number]) => number) =>
    perProducer.reduce((sum, p) => sum + f(p), 0) / perProducer.length;
  const offered: Offered = {
    videoPps: mean((p) => p.videoPps),
    videoKbps: mean((p) => p.videoBps) / 1000,
    audioPps: mean((p) => p.audioPps),
    audioKbps: mean((p) => p.audioBps) / 1000,
    ratio: mean((p) => p.videoBps + p.audioBps) / (NOMINAL_VIDEO_BPS + NOMINAL_AUDIO_BPS),
    lowestProducerRatio: Math.min(
      ...perProducer.flatMap((p) => [
        p.videoBps / NOMINAL_VIDEO_BPS,
        p.audioBps / NOMINAL_AUDIO_BPS,
      ]),
    ),
  };

  const verified = participants.reduce((sum, p) => sum + p.received.verified, 0);
  const verifyFailures = participants.reduce((sum, p) => sum + p.received.verifyFailures, 0);
  const result: StepResult = {
    rooms: rooms.length,
    consumers: participants.reduce((s, p) => s + p.consumers, 0),
    delivered,
    events: {
      activeSpeaker:
        (events.activeSpeaker - eventsBefore.activeSpeaker) / rooms.length / cpu.seconds,
      audioLevels: (events.audioLevels - eventsBefore.audioLevels) / rooms.length / cpu.seconds,
    },
    cpu,
    offered,
    worst,
    overLimit: losses.filter((l) => l.loss > LOSS_LIMIT).length,
    verified,
    verifyFailures,
  };
  // Loss counts against the SFU unless the receivers' own sockets overflowed (they read too
  // slowly): then, like a short offered rate, it measures this process, not the SFU.
  const receiversBehind = worst.loss > LOSS_LIMIT && cpu.generatorDrops > cpu.workerDrops;
  if (offered.ratio < OFFERED_MIN || receiversBehind) result.limit = 'generator';
  else if (worst.loss > LOSS_LIMIT) result.limit = 'loss';
  else if (cpu.worker > WORKER_CPU_LIMIT) result.limit = 'worker-cpu';
  return result;
}

/** Nominal rates, for the report (per producer). */
export const NOMINAL = {
  videoPps: NOMINAL_VIDEO_PPS,
  videoKbps: NOMINAL_VIDEO_BPS / 1000,
  audioPps: AUDIO_PACKETS_PER_SECOND,
  audioKbps: NOMINAL_AUDIO_BPS / 1000,
};

const pct = (x: number, digits = 0) => `${(x * 100).toFixed(digits)} %`;

export function describeStep(step: StepResult): string {
  const o = step.offered;
  return (
    `    ${step.rooms} rooms, ${step.consumers} consumers: worker CPU ${pct(step.cpu.worker)}, ` +
    `generator ${pct(step.cpu.generator)}, machine ${pct(step.cpu.machine)}; offered ` +
    `${o.videoKbps.toFixed(0)}/${NOMINAL.videoKbps} kbit/s ${o.videoPps.toFixed(0)}/${NOMINAL.videoPps} pps video, ` +
    `${o.audioPps.toFixed(1)}/${NOMINAL.audioPps} pps audio per producer (${pct(o.ratio, 1)}, lowest ${pct(o.lowestProducerRatio, 1)}); ` +
    `received per consumer ${step.delivered.videoKbps.toFixed(0)} kbit/s ${step.delivered.videoPps.toFixed(0)} pps video, ` +
    `${step.delivered.audioPps.toFixed(1)} pps audio; ` +
    `worst consumer ${step.worst.label} ${pct(step.worst.loss, 2)} (${step.overLimit} over ${pct(LOSS_LIMIT)}); ` +
    `per room ${step.events.activeSpeaker.toFixed(2)} speaker changes/s, ` +
    `${step.events.audioLevels.toFixed(2)} audio-level reports/s; ` +
    `drops at SFU socket ${step.cpu.workerDrops}, at receivers ${step.cpu.generatorDrops}; ` +
    `SRTP verified ${step.verified}, failed ${step.verifyFailures}` +
    (step.limit ? ` — limit: ${step.limit}` : '')
  );
}
