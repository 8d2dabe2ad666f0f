// Small helpers for benchmarks: repeat a task, report the median and spread.
import { performance } from 'node:perf_hooks';

export interface Measurement {
  name: string;
  unit: 'ms' | 'count';
  runs: number;
  median: number;
  p90: number;
  min: number;
}

export async function measure(
  name: string,
  runs: number,
  task: () => Promise<unknown>,
): Promise<Measurement> {
  await task(); // warm-up, not counted
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await task();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    name,
    unit: 'ms',
    runs,
    median: round(at(0.5)),
    p90: round(at(0.9)),
    min: round(samples[0] ?? NaN),
  };
}
