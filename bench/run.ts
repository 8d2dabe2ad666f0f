// `npm run bench`: measures what users wait for, on this machine, and writes the figures to
// bench/results/latest.json (with the machine noted) as well as printing them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../server/platform/paths.ts';
import { catalogueBenchmarks } from './catalogue.bench.ts';
import { sfuBenchmarks } from './sfu.bench.ts';
import { sfuCapacityBenchmarks } from './sfuCapacity.bench.ts';
import type { Measurement } from './stats.ts';

const suites: (() => Promise<Measurement[]>)[] = [
  sfuBenchmarks,
  sfuCapacityBenchmarks,
  catalogueBenchmarks,
];

const results: Measurement[] = [];
for (const suite of suites) {
  for (const measurement of await suite()) {
    results.push(measurement);
    console.log(
      measurement.unit === 'count'
        ? `  ${measurement.name}: ${measurement.median}`
        : `  ${measurement.name}: median ${measurement.median} ms, p90 ${measurement.p90} ms (${measurement.runs} runs)`,
    );
  }
}

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: availableParallelism(),
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.versions.node,
};
const dir = join(projectRoot, 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, 'latest.json');
writeFileSync(
  file,
  `${JSON.stringify({ at: new Date().toISOString(), machine, results }, null, 2)}\n`,
);
console.log(`\n  results written to ${file}`);
