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
import { processCpuSeconds, udpDrops } from './sfuCapacity/machine.ts';
import { clock, Pacer } from './sfuCapacity/pacer.ts';
import { receiverCapabilities } from './sfuCapacity/participant.ts';
import { closeAllEndpoints } from './sfuCapacity/webrtcEndpoint.ts';
import { CohortMember } from './sfuCohort/member.ts';
import type { Measurement } from './stats.ts';

const PEOPLE = Number(process.env.SFU_COHORT_PEOPLE) || 40;
const SPEAKERS = 6;
const TURN_MS = 2000;
/** Every speaker has had a turn (the policy ranks cameras by who spoke) and keyframes came. */
const WARM_UP_MS = SPEAKERS * TURN_MS + 3000;
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
  /** Flowing consumers by kind, and how many the forwarding policy should let flow. */
  audio: number;
  video: number;
  expectedAudio: number;
  expectedVideo: number;
  /** UDP datagrams the kernel dropped in the window: at each worker's sockets, at this process's. */
  drops: { workers: number[]; here: number };
  /** Flowing consumers that lost more than 1 %. */
  overOnePercent: number;
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
    const settingUp = clock();
    let consumeMs = 0;
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
      const consuming = clock();
      // As clients do: the newcomer and everyone already there consume at the same time.
      await Promise.all([
        member.consume(
          members.flatMap((m) => m.producers),
          capabilities,
        ),
        ...members.map((other) => other.consume(member.producers, capabilities)),
      ]);
      consumeMs += clock() - consuming;
      members.push(member);
    }
    await room.settled();
    const setUpMs = Math.round(clock() - settingUp);
    console.log(`    set up in ${setUpMs} ms, ${Math.round(consumeMs)} ms of it consuming`);
    // Media starts once everyone is in: senders in this process slow the set-up down otherwise.
    pacer.start();
    await sleep(WARM_UP_MS);

    const pids = sfu.pool.alive().map((w) => w.worker.pid);
    const cpuBefore = pids.map((pid) => processCpuSeconds(pid));
    const dropsBefore = { workers: pids.map((pid) => udpDrops(pid)), here: udpDrops('self') };
    const before = members.map((m) => m.received.snapshot());
    const start = clock();
    await sleep(WINDOW_MS);
    const seconds = (clock() - start) / 1000;
    const cpuAfter = pids.map((pid) => processCpuSeconds(pid));
    const drops = {
      workers: pids.map((pid, i) => udpDrops(pid) - dropsBefore.workers[i]!),
      here: udpDrops('self') - dropsBefore.here,
    };
    const after = members.map((m) => m.received.snapshot());

    // Loss of the consumers that flowed (paused ones send nothing and are left out).
    let worstLoss = 0;
    let worstLabel = 'none';
    let flowing = 0;
    let overOnePercent = 0;
    const kinds = { audio: 0, video: 0 };
    for (const [i, member] of members.entries()) {
      for (const loss of member.received.lossSince(before[i]!, after[i]!)) {
        if (loss.expected === 0) continue;
        flowing += 1;
        kinds[loss.kind] += 1;
        if (loss.loss > 0.01) overOnePercent += 1;
        if (loss.loss >= worstLoss) {
          worstLoss = loss.loss;
          worstLabel = loss.label;
        }
      }
    }
    const figures = room.figures();
    const speakers = members.filter((m) => m.role === 'speaker').length;
    const maxVideos = 9; // the default viewport: every speaker's camera fits
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
      audio: kinds.audio,
      video: kinds.video,
      expectedAudio: speakers * (members.length - 1),
      expectedVideo:
        speakers * Math.min(maxVideos, speakers - 1) +
        (members.length - speakers) * Math.min(maxVideos, speakers),
      overOnePercent,
      drops,
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
    `${workers}; ${result.consumers} consumers; flowing ${result.audio} audio of ` +
    `${result.expectedAudio} and ${result.video} video of ${result.expectedVideo} the policy ` +
    `forwards; ${result.overOnePercent} flowing consumers lost over 1 %, worst ` +
    `${result.worstLabel} ${pct(result.worstLoss)} %; datagrams dropped at the workers' sockets ` +
    `${result.drops.workers.join(' + ')}, at the receivers' ${result.drops.here}; ` +
    `set up in ${result.setUpMs} ms`
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
      'sfu cohort (40 people, 2 workers): both workers CPU, % of a core',
      pct(two.workers.reduce((sum, w) => sum + w.cpu, 0)),
      'the sum of the two figures above',
    ),
    count(
      'sfu cohort (40 people, 2 workers): flowing consumers that lost over 1 %',
      two.overOnePercent,
      `of ${two.flowing} flowing (receiver side); the senders and receivers share the machine`,
    ),
    count(
      'sfu cohort (40 people, 1 worker, for comparison): worker CPU, % of a core',
      pct(one.workers[0]?.cpu ?? 0),
      `${describe(one)}`,
    ),
  );
  return results;
}
