// One load run: open-loop sends at a given rate, what came back, and how to judge and describe it.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { clientIdFor, inFlight, takeClientNumber, type Outgoing, type Run } from './inFlight.ts';
import type { Member } from './members.ts';
import { cpuSeconds } from './server.ts';
import { DRAIN_MS, P99_LIMIT_MS, RECIPIENTS, REQUEST_TIMEOUT_MS, WARMUP_MS } from './settings.ts';

export interface RunResult {
  rate: number;
  latencies: number[];
  ackP99: number;
  /** Acks still awaited when sending stopped. */
  backlog: number;
  /** Deliveries of counted messages that never arrived (within the drain time). */
  missing: number;
  errors: number;
  firstError: string;
  /** Rate actually offered in the window (the sender's timer may lag under load). */
  offered: number;
  serverCpu: number | undefined;
  databaseCpu: number | undefined;
  loopP99: number;
}

/**
 * Open-loop load: `rate` messages a second from random members, each to their own group, for
 * a warm-up and then a counted window; then waits (at most DRAIN_MS) for the last deliveries.
 */
export async function runLoad(
  members: Member[],
  rate: number,
  windowMs: number,
  pick: () => number,
  pids: { server?: number | undefined; database?: number | undefined },
): Promise<RunResult> {
  const run: Run = {
    latencies: [],
    ackLatencies: [],
    counted: 0,
    outstanding: 0,
    errors: 0,
    firstError: '',
  };
  const warmupCount = Math.round((rate * WARMUP_MS) / 1000);
  const total = warmupCount + Math.round((rate * windowMs) / 1000);
  const send = (counted: boolean) => {
    const sender = members[Math.floor(pick() * members.length)]!;
    const clientId = clientIdFor('bench', takeClientNumber());
    const outgoing: Outgoing = { at: performance.now(), sender: sender.index, counted, run };
    inFlight.set(clientId, outgoing);
    run.outstanding += 1;
    if (counted) run.counted += 1;
    sender
      .socket!.timeout(REQUEST_TIMEOUT_MS)
      .emit(
        'chat:send',
        { channelId: sender.channelId, clientId, text: `mittausviesti ${clientId}` },
        (error, ack) => {
          run.outstanding -= 1;
          if (error || !ack.ok) {
            run.errors += 1;
            run.firstError ||= error ? error.message : JSON.stringify(ack.ok ? {} : ack.error);
          } else if (counted) run.ackLatencies.push(performance.now() - outgoing.at);
        },
      );
  };

  const loop = monitorEventLoopDelay({ resolution: 10 });
  let cpuBefore: Record<'server' | 'database', number | undefined> | undefined;
  let windowStartedAt = 0;
  let lastSentAt = 0;
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor((rate * (performance.now() - started)) / 1000));
      while (sent < due) {
        if (sent === warmupCount) {
          windowStartedAt = performance.now();
          cpuBefore = { server: cpuSeconds(pids.server), database: cpuSeconds(pids.database) };
          loop.enable();
        }
        send(sent >= warmupCount);
        sent += 1;
        lastSentAt = performance.now();
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  const windowSeconds = (lastSentAt - windowStartedAt) / 1000;
  const backlog = run.outstanding;
  const expected = run.counted * RECIPIENTS;
  const drainUntil = performance.now() + DRAIN_MS;
  while (
    (run.latencies.length < expected || run.outstanding > 0) &&
    performance.now() < drainUntil
  ) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  loop.disable();
  const elapsed = (performance.now() - windowStartedAt) / 1000;
  const cpuAfter = { server: cpuSeconds(pids.server), database: cpuSeconds(pids.database) };
  // From the first counted send to the end of the drain: the share of one core each used.
  const share = (before: number | undefined, after: number | undefined) =>
    before === undefined || after === undefined ? undefined : (after - before) / elapsed;
  inFlight.clear();
  const acks = [...run.ackLatencies].sort((a, b) => a - b);
  return {
    rate,
    latencies: run.latencies,
    ackP99: acks[Math.min(acks.length - 1, Math.floor(0.99 * acks.length))] ?? NaN,
    backlog,
    missing: Math.max(0, expected - run.latencies.length),
    errors: run.errors,
    firstError: run.firstError,
    offered: windowSeconds > 0 ? (run.counted - 1) / windowSeconds : rate,
    serverCpu: share(cpuBefore?.server, cpuAfter.server),
    databaseCpu: share(cpuBefore?.database, cpuAfter.database),
    loopP99: loop.percentile(99) / 1e6,
  };
}

/** Why a step does not count as sustained, or undefined when it does. */
export function shortfall(result: RunResult, p99: number): string | undefined {
  if (result.errors > 0) return `${result.errors} sends failed (${result.firstError})`;
  if (result.backlog > Math.max(10, result.rate / 2))
    return `fell behind: ${result.backlog} acks outstanding when sending stopped`;
  if (result.missing > 0) return `${result.missing} deliveries missing after ${DRAIN_MS} ms`;
  if (result.offered < result.rate * 0.9)
    return `the bench offered only ${result.offered.toFixed(0)} msg/s`;
  if (!(p99 < P99_LIMIT_MS)) return `p99 ${p99.toFixed(1)} ms ≥ ${P99_LIMIT_MS} ms`;
  return undefined;
}

export function describe(result: RunResult): string {
  const pct = (share: number | undefined) =>
    share === undefined ? '?' : `${Math.round(share * 100)} %`;
  return (
    `acks p99 ${result.ackP99.toFixed(1)} ms, server CPU ${pct(result.serverCpu)}, ` +
    `database CPU ${pct(result.databaseCpu)}, bench event-loop delay p99 ` +
    `${result.loopP99.toFixed(1)} ms`
  );
}
