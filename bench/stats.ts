// Small helpers for benchmarks: repeat a task, report the median and spread.
import { performance } from 'node:perf_hooks';

export interface Measurement {
  name: string;
  unit: 'ms' | 'count' | 'msg/s' | 'kB';
  runs: number;
  median: number;
  p90: number;
  min: number;
  /** Tail latency, where a suite needs it (chat delivery). */
  p99?: number;
  /** Conditions or an outcome worth keeping with the figure (where the server ran, why a step failed). */
  note?: string;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Median, p90, p99 and minimum of samples already taken (e.g. one per message delivery). */
export function summarise(
  name: string,
  samples: number[],
  note?: string,
): Measurement & { p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    name,
    unit: 'ms',
    runs: sorted.length,
    median: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    min: round(sorted[0] ?? NaN),
    ...(note ? { note } : {}),
  };
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
  return {
    name,
    unit: 'ms',
    runs,
    median: round(at(0.5)),
    p90: round(at(0.9)),
    min: round(samples[0] ?? NaN),
  };
}
