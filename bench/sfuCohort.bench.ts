// A 40-person training cohort in one room of the product's SFU: six people speak (an opus
// microphone and a three-layer simulcast camera each, taking turns to be loud) and thirty-four
// listen with camera off and microphone muted (their producers exist, paused). Everyone consumes
// everyone, as the client does, and the room's forwarding policy decides which cameras flow.
// That is 40 × 39 × 2 = 3120 consumers, more than this SFU lets one room hold on one worker
// (SFU_CONSUMERS_PER_WORKER × SFU_ROOM_SHARE, default 250): the room spreads over the pool's
// two workers with pipeToRouter. The same cohort on one worker is measured too, to compare.
// Figures: each worker's CPU over a send window and its consumers, and the worst flowing
// consumer's loss. The senders and receivers are this Node process on the same two cores
// (SFU_COHORT_WINDOW_MS shortens a development run).
import { setTimeout as sleep } from 'node:timers/promises';
import { Sfu } from '../sfu/index.ts';
import { processCpuSeconds } from './sfuCapacity/machine.ts';
import { clock, Pacer } from './sfuCapacity/pacer.ts';
import { receiverCapabilities } from './sfuCapacity/participant.ts';
import { closeAllEndpoints } from './sfuCapacity/webrtcEndpoint.ts';
import { CohortMember } from './sfuCohort/member.ts';
import type { Measurement } from './stats.ts';

const PEOPLE = 40;
const SPEAKERS = 6;
const TURN_MS = 2000;
const WARM_UP_MS = 3000;
const WINDOW_MS = Number(process.env.SFU_COHORT_WINDOW_MS) || 5000;

interface WorkerFigure {
  slot: number;
  /** Share of one core over the window. */
  cpu: number;
  consumers: number;
  peers: number;
  pipedProducers: number;
}

interface CohortResult {
  workers: WorkerFigure[];
  consumers: number;
  flowing: number;
  worstLoss: number;
  worstLabel: string;
  setUpMs: number;
}

async function runCohort(workers: number): Promise<CohortResult> {
  const sfu = await Sfu.start({
    workers,
    listenIp: '127.0.0.1',
    rtcPort: 0,
    logLevel: 'error',
    // One worker: a threshold nothing reaches, so the room stays on one router.
    ...(workers === 1 ? { consumersPerWorker: 1e9 } : {}),
  });
  const pacer = new Pacer();
  const members: CohortMember[] = [];
  try {
    const room = await sfu.getOrCreateRoom('cohort');
    const capabilities = receiverCapabilities(room);
    const startedAt = clock();
    pacer.start();
    const settingUp = clock();
    // Speakers are spread through the arrivals (the trainer first), as in a real session.
    const speakerEvery = Math.floor(PEOPLE / SPEAKERS);
    for (let i = 0; i < PEOPLE; i += 1) {
      const speakerIndex = i % speakerEvery === 0 ? i / speakerEvery : -1;
      const role = speakerIndex >= 0 && speakerIndex < SPEAKERS ? 'speaker' : 'muted';
      const member = await CohortMember.join(room, `p${i}`, role, {
        pacer,
        startedAt,
        speaking: (at) => Math.floor((at - startedAt) / TURN_MS) % SPEAKERS === speakerIndex,
      });
      await member.consume(
        members.flatMap((m) => m.producers),
        capabilities,
      );
      for (const other of members) await other.consume(member.producers, capabilities);
      members.push(member);
    }
    await room.settled();
    const setUpMs = Math.round(clock() - settingUp);
    await sleep(WARM_UP_MS);

    const pids = sfu.pool.alive().map((w) => w.worker.pid);
    const cpuBefore = pids.map((pid) => processCpuSeconds(pid));
    const before = members.map((m) => m.received.snapshot());
    const start = clock();
    await sleep(WINDOW_MS);
    const seconds = (clock() - start) / 1000;
    const cpuAfter = pids.map((pid) => processCpuSeconds(pid));
    const after = members.map((m) => m.received.snapshot());

    // Loss of the consumers that flowed (paused ones send nothing and are left out).
    let worstLoss = 0;
    let worstLabel = 'none';
    let flowing = 0;
    for (const [i, member] of members.entries()) {
      for (const loss of member.received.lossSince(before[i]!, after[i]!)) {
        if (loss.expected === 0) continue;
        flowing += 1;
        if (loss.loss >= worstLoss) {
          worstLoss = loss.loss;
          worstLabel = loss.label;
        }
      }
    }
    const figures = room.figures();
    return {
      workers: sfu.pool.alive().map((w, i) => {
        const routerFigures = figures.find((f) => f.slot === w.slot);
        return {
          slot: w.slot,
          cpu: (cpuAfter[i]! - cpuBefore[i]!) / seconds,
          consumers: w.consumers,
          peers: routerFigures?.peers ?? 0,
          pipedProducers: routerFigures?.pipedProducers ?? 0,
        };
      }),
      consumers: members.reduce((n, m) => n + m.consuming.size, 0),
      flowing,
      worstLoss,
      worstLabel,
      setUpMs,
    };
  } finally {
    pacer.stop();
    await closeAllEndpoints();
    sfu.close();
  }
}

const pct = (x: number) => Math.round(x * 1000) / 10;

function count(name: string, value: number, note: string): Measurement {
  return { name, unit: 'count', runs: 1, median: value, p90: value, min: value, note };
}

function describe(result: CohortResult): string {
  const workers = result.workers
    .map(
      (w) =>
        `worker ${w.slot}: ${pct(w.cpu)} % CPU, ${w.consumers} consumers, ${w.peers} people, ` +
        `${w.pipedProducers} producers piped in`,
    )
    .join('; ');
  return (
    `${workers}; ${result.consumers} consumers, ${result.flowing} flowing; worst flowing ` +
    `consumer ${result.worstLabel} ${pct(result.worstLoss)} % loss; set up in ${result.setUpMs} ms`
  );
}

export async function sfuCohortBenchmarks(): Promise<Measurement[]> {
  const two = await runCohort(2);
  console.log(`    two workers: ${describe(two)}`);
  const one = await runCohort(1);
  console.log(`    one worker: ${describe(one)}`);
  const results: Measurement[] = [];
  for (const w of two.workers) {
    results.push(
      count(
        `sfu cohort (40 people, 2 workers): worker ${w.slot} CPU, % of a core`,
        pct(w.cpu),
        describe(two),
      ),
      count(`sfu cohort (40 people, 2 workers): worker ${w.slot} consumers`, w.consumers, ''),
    );
  }
  results.push(
    count(
      'sfu cohort (40 people, 2 workers): worst flowing consumer loss, %',
      pct(two.worstLoss),
      `${two.flowing} flowing consumers (receiver side)`,
    ),
    count(
      'sfu cohort (40 people, 1 worker, for comparison): worker CPU, % of a core',
      pct(one.workers[0]?.cpu ?? 0),
      `${describe(one)}`,
    ),
  );
  return results;
}
