// What an interpreter channel costs the SFU ([room-6], issue 24). A peer group of eight on one
// worker of the product's SFU, everyone with a microphone and a simulcast camera, taking turns to
// speak, everyone consuming everyone, as the client does. Three rooms, measured alternately:
//   none     — the eight alone;
//   channel  — plus an interpreter who speaks all the time; their voice reaches only the four on
//              their channel (LiveSession.mayConsume: no consumer for the floor), their camera all;
//   floor    — the same ninth person as an ordinary participant heard by everyone.
// Figures: the worker's CPU (share of a core) over a send window, median of the runs, and the
// differences channel − none (the channel's cost) and floor − channel (what the channel saves
// against a ninth voice for all). Senders and receivers are this Node process on the same cores.
import { setTimeout as sleep } from 'node:timers/promises';
import { Sfu } from '../sfu/index.ts';
import { processCpuSeconds } from './sfuCapacity/machine.ts';
import { clock, Pacer } from './sfuCapacity/pacer.ts';
import { receiverCapabilities } from './sfuCapacity/participant.ts';
import { closeAllEndpoints } from './sfuCapacity/webrtcEndpoint.ts';
import { CohortMember } from './sfuCohort/member.ts';
import type { Measurement } from './stats.ts';

const PEOPLE = 8;
const ON_CHANNEL = 4;
const TURN_MS = 2000;
const WARM_UP_MS = 6000;
const WINDOW_MS = Number(process.env.SFU_INTERPRETER_WINDOW_MS) || 8000;
const RUNS = Number(process.env.SFU_INTERPRETER_RUNS) || 3;

type Room = 'none' | 'channel' | 'floor';

async function workerCpu(kind: Room): Promise<{ cpu: number; consumers: number }> {
  const sfu = await Sfu.start({ workers: 1, listenIp: '127.0.0.1', rtcPort: 0, logLevel: 'error' });
  const pacer = new Pacer();
  try {
    const room = await sfu.getOrCreateRoom(`interpreter-${kind}`);
    const capabilities = receiverCapabilities(room);
    const startedAt = clock();
    const members: CohortMember[] = [];
    for (let i = 0; i < PEOPLE; i += 1) {
      members.push(
        await CohortMember.join(room, `p${i}`, 'speaker', {
          pacer,
          startedAt,
          speaking: (at) => Math.floor((at - startedAt) / TURN_MS) % PEOPLE === i,
        }),
      );
    }
    const ninth =
      kind === 'none'
        ? undefined
        : await CohortMember.join(room, 'interpreter', 'speaker', {
            pacer,
            startedAt,
            speaking: () => true,
          });
    for (const member of members) {
      const others = members.filter((m) => m !== member).flatMap((m) => m.producers);
      const heard = (index: number) => kind === 'floor' || index < ON_CHANNEL;
      // The interpreter's producers: microphone first, then camera (CohortMember's order).
      const fromNinth = ninth
        ? ninth.producers.filter((p) => p.kind === 'video' || heard(members.indexOf(member)))
        : [];
      await member.consume([...others, ...fromNinth], capabilities);
    }
    // The interpreter hears the floor.
    await ninth?.consume(
      members.flatMap((m) => m.producers),
      capabilities,
    );
    await room.settled();
    pacer.start();
    await sleep(WARM_UP_MS);
    const pid = sfu.pool.alive()[0]!.worker.pid;
    const before = processCpuSeconds(pid);
    const start = clock();
    await sleep(WINDOW_MS);
    const cpu = (processCpuSeconds(pid) - before) / ((clock() - start) / 1000);
    const consumers = [...members, ...(ninth ? [ninth] : [])].reduce(
      (n, m) => n + m.consuming.size,
      0,
    );
    return { cpu, consumers };
  } finally {
    pacer.stop();
    await closeAllEndpoints();
    sfu.close();
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const pct = (x: number) => Math.round(x * 1000) / 10;

export async function sfuInterpreterBenchmarks(): Promise<Measurement[]> {
  const cpu: Record<Room, number[]> = { none: [], channel: [], floor: [] };
  const consumers: Partial<Record<Room, number>> = {};
  for (let run = 1; run <= RUNS; run += 1) {
    for (const kind of ['none', 'channel', 'floor'] as const) {
      const result = await workerCpu(kind);
      cpu[kind].push(result.cpu);
      consumers[kind] = result.consumers;
      console.log(
        `    run ${run}/${RUNS} ${kind}: worker ${pct(result.cpu)} % of a core, ${result.consumers} consumers`,
      );
    }
  }
  const m = { none: median(cpu.none), channel: median(cpu.channel), floor: median(cpu.floor) };
  const runs = (kind: Room) => cpu[kind].map(pct).join(', ');
  const figure = (name: string, value: number, note: string): Measurement => ({
    name,
    unit: 'count',
    runs: RUNS,
    median: value,
    p90: value,
    min: value,
    note,
  });
  return [
    figure(
      'sfu interpreter: 8 people, worker CPU, % of a core',
      pct(m.none),
      `runs ${runs('none')}; ${consumers.none} consumers`,
    ),
    figure(
      'sfu interpreter: 8 people + an interpreter heard by 4 on the channel, worker CPU, % of a core',
      pct(m.channel),
      `runs ${runs('channel')}; ${consumers.channel} consumers`,
    ),
    figure(
      'sfu interpreter: 8 people + a ninth voice heard by all, worker CPU, % of a core',
      pct(m.floor),
      `runs ${runs('floor')}; ${consumers.floor} consumers`,
    ),
    figure(
      'sfu interpreter: extra worker CPU of the channel (channel − none), % of a core',
      pct(m.channel - m.none),
      'medians; one producer pair and its consumers: the voice for 4, the camera for 8',
    ),
    figure(
      'sfu interpreter: saved against a ninth voice for all (floor − channel), % of a core',
      pct(m.floor - m.channel),
      'medians; 4 audio consumers fewer',
    ),
  ];
}
