// The soak's report: bench/results/soak-<timestamp>.json with every figure, and next to it an
// SVG drawn by hand (no plotting library): chat latency and /readyz latency (left axis, ms) and
// the server's memory (right axis, MB) over time, with the faults marked.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../../server/platform/paths.ts';

export interface Sample {
  /** Seconds since the start. */
  t: number;
  rssMb: number;
  heapMb: number;
  workersMb: number;
  sockets: number;
  readyMs: number | null;
}
export interface FaultMark {
  t: number;
  kind: string;
  recoveredMs: number | null;
  error?: string;
}
export interface SoakReport {
  startedAt: string;
  minutes: number;
  samples: Sample[];
  chatLatency: { t: number; ms: number }[];
  faults: FaultMark[];
  [more: string]: unknown;
}

const W = 960;
const H = 420;
const PAD = { start: 60, end: 60, top: 40, bottom: 50 };

function polyline(points: [number, number][], color: string, width = 1.5): string {
  if (points.length === 0) return '';
  const d = points.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' ');
  return `<polyline fill="none" stroke="${color}" stroke-width="${width}" points="${d}"/>`;
}

export function plot(report: SoakReport): string {
  const span = Math.max(1, report.minutes * 60, ...report.samples.map((s) => s.t));
  const latencies = [
    ...report.chatLatency.map((c) => c.ms),
    ...report.samples.map((s) => s.readyMs ?? 0),
  ];
  const msMax = Math.max(100, ...latencies) * 1.1;
  const mbMax = Math.max(50, ...report.samples.map((s) => Math.max(s.rssMb, s.workersMb))) * 1.1;
  const x = (t: number) => PAD.start + (t / span) * (W - PAD.start - PAD.end);
  const yMs = (ms: number) => H - PAD.bottom - (ms / msMax) * (H - PAD.top - PAD.bottom);
  const yMb = (mb: number) => H - PAD.bottom - (mb / mbMax) * (H - PAD.top - PAD.bottom);
  const parts: string[] = [];
  parts.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  parts.push(
    `<text x="${PAD.start}" y="22" font-size="14" font-family="sans-serif">Soak ${report.startedAt} (${report.minutes} min): latency (ms, left) and server memory (MB, right)</text>`,
  );
  for (let i = 0; i <= 4; i += 1) {
    const y = PAD.top + (i / 4) * (H - PAD.top - PAD.bottom);
    parts.push(`<line x1="${PAD.start}" x2="${W - PAD.end}" y1="${y}" y2="${y}" stroke="#eee"/>`);
    parts.push(
      `<text x="${PAD.start - 6}" y="${y + 4}" font-size="10" text-anchor="end" font-family="sans-serif">${Math.round(msMax * (1 - i / 4))}</text>`,
      `<text x="${W - PAD.end + 6}" y="${y + 4}" font-size="10" font-family="sans-serif">${Math.round(mbMax * (1 - i / 4))}</text>`,
    );
  }
  for (let t = 0; t <= span; t += span > 600 ? 120 : 30)
    parts.push(
      `<text x="${x(t)}" y="${H - PAD.bottom + 16}" font-size="10" text-anchor="middle" font-family="sans-serif">${t}s</text>`,
    );
  for (const fault of report.faults) {
    parts.push(
      `<line x1="${x(fault.t)}" x2="${x(fault.t)}" y1="${PAD.top}" y2="${H - PAD.bottom}" stroke="#c33" stroke-dasharray="4 3"/>`,
      `<text x="${x(fault.t) + 3}" y="${PAD.top + 10}" font-size="9" fill="#c33" font-family="sans-serif" transform="rotate(90 ${x(fault.t) + 3} ${PAD.top + 10})">${fault.kind}</text>`,
    );
  }
  for (const c of report.chatLatency)
    parts.push(
      `<circle cx="${x(c.t).toFixed(1)}" cy="${yMs(c.ms).toFixed(1)}" r="1.2" fill="#48c"/>`,
    );
  const ready = report.samples.filter((s) => s.readyMs !== null);
  parts.push(
    polyline(
      ready.map((s) => [x(s.t), yMs(s.readyMs!)]),
      '#2a2',
      1,
    ),
  );
  parts.push(
    polyline(
      report.samples.map((s) => [x(s.t), yMb(s.rssMb)]),
      '#333',
      2,
    ),
  );
  parts.push(
    polyline(
      report.samples.map((s) => [x(s.t), yMb(s.heapMb)]),
      '#999',
      1.5,
    ),
  );
  parts.push(
    polyline(
      report.samples.map((s) => [x(s.t), yMb(s.workersMb)]),
      '#a6a',
      1.5,
    ),
  );
  const legend = [
    ['#48c', 'chat send → ack (ms)'],
    ['#2a2', '/readyz (ms)'],
    ['#333', 'server RSS (MB)'],
    ['#999', 'server heap used (MB)'],
    ['#a6a', 'mediasoup workers RSS (MB)'],
    ['#c33', 'fault'],
  ];
  legend.forEach(([color, label], i) => {
    const lx = PAD.start + i * 150;
    parts.push(
      `<rect x="${lx}" y="${H - 18}" width="10" height="10" fill="${color}"/>`,
      `<text x="${lx + 14}" y="${H - 9}" font-size="10" font-family="sans-serif">${label}</text>`,
    );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">\n${parts.join('\n')}\n</svg>\n`;
}

/** Writes the JSON and the SVG; returns the JSON's path. */
export function writeReport(report: SoakReport): string {
  const dir = join(projectRoot, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const path = join(dir, `soak-${stamp}.json`);
  writeFileSync(path, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(join(dir, `soak-${stamp}.svg`), plot(report));
  return path;
}
