// FerretDB v1's two backends on one workload (issue 15): SQLite (the embedded default, with the
// build's _id index fix) and PostgreSQL (Debian's, a cluster of the platform's own), side by
// side, at 1k, 10k and 100k documents. Each operation is measured on one backend and then the
// other before the next, so the machine's load falls on both alike. Medians and p99 per
// operation and size, the 100k/1k ratio, and each request's explain() plan in the notes.
// Only 127.0.0.1; each operation's sampling is bounded in time.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import type { RunningDatabase } from '../server/db/engine.ts';
import {
  FERRETDB_BACKENDS,
  ferretdbAvailable,
  startFerretdb,
  type FerretdbBackend,
} from '../server/db/ferretdb.ts';
import { postgresBinDir } from '../server/db/postgresCluster.ts';
import { describePlan } from './dbBackends/plans.ts';
import {
  growTo,
  operations,
  prepare,
  type Operation,
  type Workload,
} from './dbBackends/workload.ts';
import { summarise, type Measurement } from './stats.ts';

const SIZES = [1_000, 10_000, 100_000];
/** Per operation, backend and size: up to this many runs, or fewer once the time is spent. */
const MAX_RUNS = 200;
const MIN_RUNS = 5;
const SAMPLING_MS = 6_000;

interface Backend {
  name: FerretdbBackend;
  database: RunningDatabase;
  connection: mongoose.Connection;
  workload: Workload;
}

const label = (size: number) => `${size / 1000}k`;
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

async function sample(operation: Operation): Promise<number[]> {
  await operation.run(); // warm-up, not counted
  const samples: number[] = [];
  const started = performance.now();
  while (
    samples.length < MAX_RUNS &&
    (samples.length < MIN_RUNS || performance.now() - started < SAMPLING_MS)
  ) {
    const at = performance.now();
    await operation.run();
    samples.push(performance.now() - at);
  }
  return samples;
}

async function open(name: FerretdbBackend, dataDir: string): Promise<Backend> {
  const database = await startFerretdb(join(dataDir, name), undefined, name);
  const connection = await mongoose
    .createConnection(database.uri, { dbName: 'bench_backends', serverSelectionTimeoutMS: 10_000 })
    .asPromise();
  return { name, database, connection, workload: await prepare(connection.db!) };
}

export async function dbBackendsBenchmarks(): Promise<Measurement[]> {
  if (!ferretdbAvailable() || !postgresBinDir())
    throw new Error(
      'dbBackends needs the FerretDB build and PostgreSQL: `npm run bench` provisions both.',
    );
  const dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-bench-backends-'));
  const backends: Backend[] = [];
  const results: Measurement[] = [];
  /** Medians at the smallest size, for the 100k/1k ratio. */
  const first = new Map<string, number>();
  try {
    for (const name of FERRETDB_BACKENDS) backends.push(await open(name, dataDir));
    for (const size of SIZES) {
      for (const backend of backends) {
        const started = performance.now();
        await growTo(backend.connection.db!, backend.workload, size);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        console.log(`  dbBackends: ${backend.name} grown to ${label(size)} ×2 in ${seconds} s`);
      }
      // The same seed: both backends are asked for the same documents.
      const perBackend = backends.map((b) => operations(b.connection.db!, b.workload, size));
      for (const [index, operation] of perBackend[0]!.entries()) {
        const line: string[] = [];
        for (const [b, backend] of backends.entries()) {
          const op = perBackend[b]![index]!;
          const samples = await sample(op);
          const plan = op.explain ? describePlan(await op.explain()) : '';
          const key = `${backend.name} ${operation.name}`;
          const median = summarise(key, samples).median;
          if (size === SIZES[0]) first.set(key, median);
          const ratio =
            size === SIZES.at(-1) ? `100k/1k ×${ratioOf(median, first.get(key))}; ` : '';
          // The load as this figure was taken: the machine is shared with other work.
          const notes = [plan, op.planNote, `load ${load()}`].filter(Boolean).join('; ');
          results.push(
            summarise(`${backend.name} ${label(size)} ${operation.name}`, samples, ratio + notes),
          );
          line.push(`${backend.name} ${median} ms`);
        }
        console.log(`  dbBackends: ${label(size)} ${operation.name}: ${line.join(', ')}`);
      }
    }
  } finally {
    for (const backend of backends) {
      await backend.connection.close();
      await backend.database.stop();
    }
    rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}

const ratioOf = (last: number, firstMedian: number | undefined) =>
  firstMedian ? (last / firstMedian).toFixed(1) : '?';
