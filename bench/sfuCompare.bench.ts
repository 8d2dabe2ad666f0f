// Issue 15: Rinnalla side by side with the official mediasoup-demo server (v3) on this machine.
// Both run with the same mediasoup worker binary and as many workers; the same headless
// Chromium with a fake 640×480 camera joins rooms of 2, 4 and 8 on each, alternating the systems
// room by room (A/B/A/B) so a load spike hits both. Measured: the last joiner's join → first
// remote frame and → all remote videos, server CPU per participant and worker CPU per consumer,
// as Rinnalla ÷ demo ratios, and the steps of each join. Everything talks to 127.0.0.1 only.
// The demo is never part of this repository: MEDIASOUP_DEMO_DIR points at a checkout (see
// DEMO_HOWTO); without one the suite says how to get it and reports nothing else.
import { availableParallelism, loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../test/support/browser.ts';
import type { Measurement } from './stats.ts';
import { DEMO_HOWTO, demoServerDir } from './sfuCompare/demoServer.ts';
import { startDemoSystem } from './sfuCompare/demoSystem.ts';
import { servePageScripts } from './sfuCompare/pageScripts.ts';
import { report } from './sfuCompare/report.ts';
import { startRinnallaSystem } from './sfuCompare/rinnallaSystem.ts';
import { runRoom, type ComparedSystem, type RoomRun } from './sfuCompare/rooms.ts';

/** Rooms per size and system (SFU_COMPARE_RUNS); sizes (SFU_COMPARE_SIZES, e.g. "2,4"). */
const RUNS = Number(process.env.SFU_COMPARE_RUNS ?? 5);
const SIZES = (process.env.SFU_COMPARE_SIZES ?? '2,4,8').split(',').map(Number);
/** Between rooms: the last room's peers leave (Rinnalla's grace period is set to 1 s). */
const PAUSE_MS = 2_000;

/** A room that is not done by then is given up (once, a warm-up room hung for minutes). */
const ROOM_DEADLINE_MS = 120_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** runRoom, bounded: the bench stops by itself whatever a page or server does. */
async function boundedRoom(...args: Parameters<typeof runRoom>): Promise<RoomRun> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`not done within ${ROOM_DEADLINE_MS / 1000} s`)),
      ROOM_DEADLINE_MS,
    );
  });
  try {
    return await Promise.race([runRoom(...args), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

function summaryLine(run: RoomRun): string {
  const last = run.joins[run.joins.length - 1]!;
  const start = last.probe.joinAt ?? NaN;
  const first = last.probe.firstFrames[0];
  const got = run.joins.reduce((sum, j) => sum + j.received, 0);
  const wanted = run.joins.reduce((sum, j) => sum + j.expected, 0);
  const frame = first === undefined ? 'no frame' : `${Math.round(first - start)} ms`;
  return `${run.system} ${frame}, ${got}/${wanted} videos`;
}

export async function sfuCompareBenchmarks(): Promise<Measurement[]> {
  const demo = demoServerDir();
  if ('problem' in demo) {
    console.log(`  sfu-compare: not run — ${demo.problem}.\n${DEMO_HOWTO.replace(/^/gm, '    ')}`);
    const note = `${demo.problem}; the suite prints how to get a checkout (bench/sfuCompare/demoServer.ts)`;
    return [
      { name: 'sfu-compare: not run', unit: 'count', runs: 0, median: 0, p90: 0, min: 0, note },
    ];
  }
  const workers = availableParallelism();
  const loadAtStart = load();
  const scripts = await servePageScripts();
  const stops: (() => Promise<void>)[] = [scripts.close];
  let browser: Browser | undefined;
  try {
    const rinnalla = await startRinnallaSystem(workers);
    stops.push(rinnalla.stop);
    const mediasoupDemo = await startDemoSystem(demo.dir, workers, scripts.demoPageUrl);
    stops.push(mediasoupDemo.stop);
    browser = await launchBrowser();
    const systems: [ComparedSystem, ComparedSystem] = [rinnalla, mediasoupDemo];
    console.log(`  sfu-compare: ${workers} workers each; warming up (a room of 2 on each)…`);
    for (const system of systems) {
      await boundedRoom(system, browser, scripts.probe, 2).catch((error: unknown) =>
        console.log(`    warm-up on ${system.name} failed: ${String(error).split('\n')[0]}`),
      );
    }
    const runs: RoomRun[] = [];
    for (const size of SIZES) {
      for (let run = 0; run < RUNS; run += 1) {
        const order = run % 2 === 0 ? systems : ([systems[1], systems[0]] as const);
        const lines: string[] = [];
        for (const system of order) {
          await sleep(PAUSE_MS);
          try {
            const room = await boundedRoom(system, browser, scripts.probe, size);
            runs.push(room);
            lines.push(summaryLine(room));
          } catch (error) {
            // One room that could not be set up costs its figures, not the whole comparison.
            lines.push(`${system.name} failed: ${String(error).split('\n')[0]}`);
          }
        }
        console.log(`    room of ${size}, run ${run + 1}/${RUNS}: ${lines.join('; ')}`);
      }
    }
    return report(runs, SIZES, `load ${loadAtStart} → ${load()} (1, 5, 15 min)`);
  } finally {
    await browser?.close();
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  }
}
