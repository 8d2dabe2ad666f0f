// SFU capacity of the product's own SFU (sfu/: Sfu, SfuRoom, SfuPeer) on one mediasoup worker:
// rooms of eight node-side WebRTC participants (ICE + DTLS + SRTP, werift), each sending an opus
// microphone and a three-layer simulcast VP8 camera like the client's, each consuming the other
// seven through SfuPeer with the room's forwarding policy and observers on. Rooms are added step
// by step until the worst single consumer loses more than 1 %, the worker's core saturates, or
// the senders fall short of the nominal rate. Several runs; median and spread.
//
// The senders and receivers are this Node process on the same two cores as the worker, so the
// consumers reached are a floor; consumers per worker core divide by the worker's measured CPU.
// Not exercised: congestion control towards receivers (they send no transport-cc feedback, so
// each consumer gets the layer the policy prefers), NACK/RTX (nothing is lost on loopback unless
// a socket overflows), opus DTX (every microphone sends: the heavier case), larger keyframes.
// SFU_CAPACITY_RUNS, SFU_CAPACITY_MAX_ROOMS and SFU_CAPACITY_WINDOW_MS shorten a development run.
import { loadavg } from 'node:os';
import { runCapacity, type RunResult } from './sfuCapacity/run.ts';
import { LOSS_LIMIT, RUNS } from './sfuCapacity/settings.ts';
import { NOMINAL } from './sfuCapacity/step.ts';
import type { Measurement } from './stats.ts';

/** mediasoup's own guide: a worker handles roughly this many consumers on one core. */
const MEDIASOUP_GUIDE_PER_CORE = 500;

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

function summary(name: string, values: number[], note: string): Measurement {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const spread =
    sorted.length > 0
      ? `runs ${values.join(', ')} (min ${sorted[0]}, max ${sorted.at(-1)})`
      : 'no run had a step within the limits';
  return {
    name,
    unit: 'count',
    runs: sorted.length,
    median: at(0.5),
    p90: at(0.9),
    min: sorted[0] ?? 0,
    note: `${spread}; ${note}`,
  };
}

const pct = (x: number, digits = 0) => `${(x * 100).toFixed(digits)} %`;

/** What each run reached and what stopped it: the step past the limit, with its evidence. */
function describeRun(result: RunResult, run: number): string {
  const best = result.best
    ? `${result.best.consumers} consumers in ${result.best.rooms} rooms`
    : 'no step within the limits';
  const last = result.steps.at(-1);
  if (!last) return `run ${run}: no step measured`;
  return (
    `run ${run}: ${best}; stopped by ${result.stoppedBy} at ${last.rooms} rooms ` +
    `(worker ${pct(last.cpu.worker)}, generator ${pct(last.cpu.generator)}, machine ${pct(last.cpu.machine)}, ` +
    `offered ${pct(last.offered.ratio, 1)}, worst ${last.worst.label} ${pct(last.worst.loss, 2)}, ` +
    `datagrams dropped at the SFU socket ${last.cpu.workerDrops}, at the receivers ${last.cpu.generatorDrops})`
  );
}

export async function sfuCapacityBenchmarks(): Promise<Measurement[]> {
  const runs: RunResult[] = [];
  const loads: string[] = [];
  for (let run = 1; run <= RUNS; run += 1) {
    loads.push(load());
    console.log(`  run ${run}/${RUNS} (load average ${loads.at(-1)})`);
    runs.push(await runCapacity(run));
  }
  const bests = runs.flatMap((r) => (r.best ? [r.best] : []));
  const round1 = (x: number) => Math.round(x * 10) / 10;
  const conditions =
    `load average at each run's start ${loads.join(' | ')}; ` +
    runs.map((r, i) => describeRun(r, i + 1)).join('; ');
  const worst = bests.map((b) => `${b.worst.label} ${pct(b.worst.loss, 2)}`).join('; ');
  return [
    summary(
      `sfu capacity: consumers at ≤${LOSS_LIMIT * 100} % worst-consumer loss, one worker (8-peer rooms, WebRTC, simulcast)`,
      bests.map((b) => b.consumers),
      `worst consumer at that step: ${worst}; ${conditions}`,
    ),
    summary(
      `sfu capacity: consumers per worker core at that step (mediasoup guide ~${MEDIASOUP_GUIDE_PER_CORE})`,
      bests.map((b) => Math.round(b.consumers / b.cpu.worker)),
      `consumers ÷ the worker's CPU share over the send window; worker CPU ${bests
        .map((b) => pct(b.cpu.worker))
        .join(', ')}; load generator CPU ${bests
        .map((b) => pct(b.cpu.generator))
        .join(', ')} of a core (it shares the machine's 2 cores)`,
    ),
    summary(
      'sfu capacity: offered rate at that step, % of nominal payload',
      bests.map((b) => round1(b.offered.ratio * 100)),
      `nominal per peer: video ${NOMINAL.videoKbps} kbit/s in ${NOMINAL.videoPps} pps (3 layers, 30 fps), ` +
        `audio ${NOMINAL.audioKbps} kbit/s in ${NOMINAL.audioPps} pps; measured per producer: ${bests
          .map(
            (b) =>
              `video ${b.offered.videoKbps.toFixed(0)} kbit/s ${b.offered.videoPps.toFixed(0)} pps, ` +
              `audio ${b.offered.audioPps.toFixed(1)} pps, lowest producer ${pct(b.offered.lowestProducerRatio, 1)}`,
          )
          .join('; ')}`,
    ),
    summary(
      'sfu capacity: worst-consumer loss at that step, % (receiver side, media packets only)',
      bests.map((b) => Math.round(b.worst.loss * 10_000) / 100),
      `consumers over ${LOSS_LIMIT * 100} %: ${bests.map((b) => b.overLimit).join(', ')}`,
    ),
  ];
}
