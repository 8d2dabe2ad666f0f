// One room of N people on one system: they join one after another, each once the one before
// receives everybody and publishes, the way people trickle into a meeting. Recorded per joiner:
// page load, the probe's timeline, and the server's CPU from the join to "in"; then the CPU of
// the full room with media flowing for a few seconds.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { cpuBetween, type CpuSample } from './processCpu.ts';
import type { Probe, ProbeResult } from './probe.ts';

/** A joiner is "in" once it publishes and decodes every earlier joiner's video, or after this. */
export const JOIN_TIMEOUT_MS = 15_000;
/** The full room's media is measured over this window, after a second to settle. */
export const STEADY_MS = 4_000;

export interface ComparedSystem {
  name: 'rinnalla' | 'mediasoup-demo';
  /** A new, empty room for `size` people. */
  room(size: number): Promise<RoomSeats>;
  cpu(): CpuSample;
}

export interface RoomSeats {
  /** Opens the `index`-th person's page in its own context, ready to join (not joined). */
  open(browser: Browser, index: number, probe: string): Promise<Page>;
  /** Starts joining: the click on Join, or the demo page's join(). */
  join(page: Page): Promise<void>;
}

export interface JoinRecord {
  loadMs: number;
  /** Remote videos expected (everyone who joined before). */
  expected: number;
  received: number;
  probe: ProbeResult;
  /** Server and worker CPU from this join to its being in. */
  cpu: CpuSample;
}

export interface RoomRun {
  system: ComparedSystem['name'];
  size: number;
  joins: JoinRecord[];
  steady: { cpu: CpuSample; videoKbps: number };
}

type ProbeHost = { sfuProbe: Probe };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runRoom(
  system: ComparedSystem,
  browser: Browser,
  probe: string,
  size: number,
): Promise<RoomRun> {
  const seats = await system.room(size);
  const pages: Page[] = [];
  const joins: JoinRecord[] = [];
  try {
    for (let index = 0; index < size; index += 1) {
      const opening = Date.now();
      const page = await seats.open(browser, index, probe);
      const loadMs = Date.now() - opening;
      pages.push(page);
      const before = system.cpu();
      await seats.join(page);
      // A lost video shows as fewer received than expected below.
      await page.evaluate(
        ([expected, timeoutMs]) =>
          (globalThis as unknown as ProbeHost).sfuProbe.whenIn(expected, timeoutMs),
        [index, JOIN_TIMEOUT_MS] as const,
      );
      const cpu = cpuBetween(before, system.cpu());
      const result = await page.evaluate(() => {
        const { sfuProbe } = globalThis as unknown as ProbeHost;
        sfuProbe.settle();
        return sfuProbe.result();
      });
      const received = result.firstFrames.length;
      joins.push({ loadMs, expected: index, received, probe: result, cpu });
    }
    const last = pages[pages.length - 1]!;
    const inbound = () =>
      last.evaluate(() => (globalThis as unknown as ProbeHost).sfuProbe.inboundVideo());
    await sleep(1_000);
    const [bytesBefore, cpuBefore] = [await inbound(), system.cpu()];
    await sleep(STEADY_MS);
    const [bytesAfter, cpuAfter] = [await inbound(), system.cpu()];
    const cpu = cpuBetween(cpuBefore, cpuAfter);
    const videos = Math.max(1, bytesAfter.videos);
    const videoKbps = ((bytesAfter.bytes - bytesBefore.bytes) * 8) / cpu.at / videos;
    return { system: system.name, size, joins, steady: { cpu, videoKbps } };
  } finally {
    const contexts = new Set<BrowserContext>(pages.map((page) => page.context()));
    await Promise.all([...contexts].map((context) => context.close().catch(() => undefined)));
  }
}
