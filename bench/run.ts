// `npm run bench`: measures what users wait for, on this machine, and writes the figures to
// bench/results/latest.json (with the machine noted) as well as printing them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../server/platform/paths.ts';
import { bundleBenchmarks } from './bundle.bench.ts';
import { catalogueBenchmarks } from './catalogue.bench.ts';
import { chatBenchmarks } from './chat.bench.ts';
import { dbBackendsBenchmarks } from './dbBackends.bench.ts';
import { growthBenchmarks } from './growth.bench.ts';
import { keysBenchmarks } from './keys.bench.ts';
import { partnersBenchmarks } from './partners.bench.ts';
import { reportBenchmarks } from './report.bench.ts';
import { publicPathsBenchmarks } from './publicPaths.bench.ts';
import { sfuBenchmarks } from './sfu.bench.ts';
import { sfuCapacityBenchmarks } from './sfuCapacity.bench.ts';
import { sfuCohortBenchmarks } from './sfuCohort.bench.ts';
import { sfuInterpreterBenchmarks } from './sfuInterpreter.bench.ts';
import { supervisionBenchmarks } from './supervision.bench.ts';
import type { Measurement } from './stats.ts';

const suites: Record<string, () => Promise<Measurement[]>> = {
  sfu: sfuBenchmarks,
  sfuCapacity: sfuCapacityBenchmarks,
  sfuCohort: sfuCohortBenchmarks,
  sfuInterpreter: sfuInterpreterBenchmarks,
  catalogue: catalogueBenchmarks,
  chat: chatBenchmarks,
  supervision: supervisionBenchmarks,
  'public-paths': publicPathsBenchmarks,
  partners: partnersBenchmarks,
  report: reportBenchmarks,
  'sfu-compare': async () => (await import('./sfuCompare.bench.ts')).sfuCompareBenchmarks(),
  dbBackends: dbBackendsBenchmarks,
  growth: growthBenchmarks,
  keys: keysBenchmarks,
  bundle: bundleBenchmarks,
};

// BENCH_ONLY=chat,catalogue runs only those suites. Each suite's figures are written to
// bench/results/<suite>.json when it finishes (so every suite's latest results are kept, whichever
// run made them), and a full run also writes them all together to bench/results/latest.json.
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim()) ?? [];
const unknown = only.filter((name) => !(name in suites));
if (unknown.length > 0) {
  console.error(`BENCH_ONLY: unknown suite ${unknown.join(', ')}; known: ${Object.keys(suites)}`);
  process.exit(2);
}

function line(m: Measurement): string {
  const note = m.note ? ` — ${m.note}` : '';
  if (m.unit === 'count') return `  ${m.name}: ${m.median}${note}`;
  if (m.unit === 'msg/s') return `  ${m.name}: ${m.median} msg/s${note}`;
  if (m.unit === 'kB') return `  ${m.name}: ${m.median} kB${note}`;
  const p99 = m.p99 === undefined ? '' : `, p99 ${m.p99} ms`;
  return `  ${m.name}: median ${m.median} ms, p90 ${m.p90} ms${p99} (${m.runs} runs)${note}`;
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: availableParallelism(),
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.versions.node,
  /** Load when the run started: figures from a busy machine say so. */
  loadAverage: loadavg().map((n) => Math.round(n * 100) / 100),
};
const dir = join(projectRoot, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const write = (file: string, results: Measurement[]) =>
  writeFileSync(
    join(dir, file),
    `${JSON.stringify({ at: new Date().toISOString(), machine, results }, null, 2)}\n`,
  );

const results: Measurement[] = [];
for (const [name, suite] of Object.entries(suites)) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n${name}`);
  const measured = await suite();
  for (const measurement of measured) console.log(line(measurement));
  if (measured.length > 0) write(`${name}.json`, measured); // a seed-only run keeps the figures
  results.push(...measured);
}
if (only.length === 0) write('latest.json', results);
console.log(`\n  results written to ${dir}`);
