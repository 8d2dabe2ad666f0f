// Turns the rooms both systems ran into the suite's figures: join → first remote frame and
// → all remote videos of the last joiner, videos never received, server CPU per participant
// (joining, and with media flowing), worker CPU per consumer, Rinnalla ÷ demo ratios, and the
// join's steps for each system.
import { summarise, type Measurement } from '../stats.ts';
import { JOIN_TIMEOUT_MS, type ComparedSystem, type RoomRun } from './rooms.ts';
import { BLOCKED, milestones } from './steps.ts';

type SystemName = ComparedSystem['name'];
const SYSTEMS: SystemName[] = ['rinnalla', 'mediasoup-demo'];

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function lastJoin(run: RoomRun) {
  const join = run.joins[run.joins.length - 1]!;
  const start = join.probe.joinAt ?? NaN;
  const frame = (n: number) => {
    const at = join.probe.firstFrames[n];
    return at === undefined ? undefined : at - start;
  };
  return { join, first: frame(0), all: frame(run.size - 2) };
}

/** Per run: CPU ms per participant while they joined; per second of media, per participant and per consumer. */
function cpuFigures(run: RoomRun) {
  const joining = run.joins.reduce((sum, j) => sum + j.cpu.server, 0);
  const joiningDb = run.joins.reduce((sum, j) => sum + j.cpu.helpers, 0);
  const seconds = run.steady.cpu.at / 1000;
  const consumers = run.size * (run.size - 1) * 2; // everyone's audio and video to everyone else
  return {
    serverJoin: (joining * 1000) / run.size,
    databaseJoin: (joiningDb * 1000) / run.size,
    serverSteady: (run.steady.cpu.server * 1000) / seconds / run.size,
    workersSteady: (run.steady.cpu.workers * 1000) / seconds / consumers,
  };
}

function ratio(name: string, ours: Measurement, theirs: Measurement): Measurement {
  const median = round(ours.median / theirs.median);
  const p90 = round(ours.p90 / theirs.p90);
  const note = `Rinnalla ÷ mediasoup-demo (${ours.median} / ${theirs.median}); p90 ratio ${p90}`;
  return { name, unit: 'count', runs: ours.runs, median, p90, min: median, note };
}

function figuresFor(runs: RoomRun[], size: number, system: SystemName, load: string) {
  const mine = runs.filter((r) => r.size === size && r.system === system);
  const label = `room of ${size}, ${system}`;
  const last = mine.map(lastJoin);
  const cpu = mine.map(cpuFigures);
  const expected = mine.reduce((sum, r) => sum + r.joins.reduce((s, j) => s + j.expected, 0), 0);
  const received = mine.reduce((sum, r) => sum + r.joins.reduce((s, j) => s + j.received, 0), 0);
  const kbps = mine.map((r) => r.steady.videoKbps);
  const pick = (values: (number | undefined)[]) => values.filter((v) => v !== undefined);
  const lost = expected - received;
  return {
    first: summarise(`${label}: join → first remote frame`, pick(last.map((l) => l.first)), load),
    all: summarise(`${label}: join → all ${size - 1} remote videos`, pick(last.map((l) => l.all))),
    serverJoin: summarise(
      `${label}: server CPU ms per participant while joining`,
      cpu.map((c) => c.serverJoin),
      system === 'rinnalla'
        ? `plus database ${round(
            summarise(
              '',
              cpu.map((c) => c.databaseJoin),
            ).median,
            1,
          )} ms`
        : undefined,
    ),
    serverSteady: summarise(
      `${label}: server CPU ms/s per participant, media flowing`,
      cpu.map((c) => c.serverSteady),
    ),
    workersSteady: summarise(
      `${label}: worker CPU ms/s per consumer, media flowing`,
      cpu.map((c) => c.workersSteady),
      `video received ${Math.round(summarise('', kbps).median)} kbit/s per remote video`,
    ),
    lost: {
      name: `${label}: remote videos not received within ${JOIN_TIMEOUT_MS / 1000} s`,
      unit: 'count' as const,
      runs: mine.length,
      median: lost,
      p90: lost,
      min: lost,
      note: `of ${expected} (every joiner, every run)`,
    },
    pageLoad: summarise(
      `${label}: page open until ready to join (not in the join time)`,
      mine.flatMap((r) => r.joins.map((j) => j.loadMs)),
    ),
  };
}

function stepFigures(runs: RoomRun[], size: number, system: SystemName): Measurement[] {
  const mine = runs.filter((r) => r.size === size && r.system === system);
  const timelines = mine.map((r) => milestones(system, lastJoin(r).join.probe));
  const names = Object.keys(timelines[0] ?? {});
  const figure = (step: string, name: string) =>
    summarise(
      name,
      timelines.map((t) => t[step]).filter((v): v is number => typeof v === 'number'),
    );
  const steps = names
    .filter((step) => step !== BLOCKED)
    .map((step) => figure(step, `room of ${size}, ${system} step: ${step} (ms after join)`))
    .filter((s) => s.runs > 0)
    .sort((a, b) => a.median - b.median);
  return [...steps, figure(BLOCKED, `room of ${size}, ${system}: ${BLOCKED}`)];
}

export function report(runs: RoomRun[], sizes: number[], load: string): Measurement[] {
  const results: Measurement[] = [];
  for (const size of sizes) {
    const [ours, theirs] = SYSTEMS.map((s) => figuresFor(runs, size, s, load)) as [
      ReturnType<typeof figuresFor>,
      ReturnType<typeof figuresFor>,
    ];
    results.push(
      ours.first,
      theirs.first,
      ratio(`room of ${size}: join → first remote frame, ratio`, ours.first, theirs.first),
      ours.all,
      theirs.all,
      ratio(`room of ${size}: join → all remote videos, ratio`, ours.all, theirs.all),
      ours.serverJoin,
      theirs.serverJoin,
      ratio(`room of ${size}: server CPU per participant joining, ratio`, ours.serverJoin, theirs.serverJoin),
      ours.serverSteady,
      theirs.serverSteady,
      ratio(`room of ${size}: server CPU per participant with media, ratio`, ours.serverSteady, theirs.serverSteady),
      ours.workersSteady,
      theirs.workersSteady,
      ratio(`room of ${size}: worker CPU per consumer with media, ratio`, ours.workersSteady, theirs.workersSteady),
      ours.lost,
      theirs.lost,
      ours.pageLoad,
    ); // prettier-ignore
  }
  for (const size of sizes)
    for (const system of SYSTEMS) results.push(...stepFigures(runs, size, system));
  return results;
}
