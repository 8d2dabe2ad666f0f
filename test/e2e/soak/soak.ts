// The soak: the platform (platform.ts) with simulated participants (member.ts, world.ts) acting
// at random for a bounded time while faults are done to it, then everyone leaves, the run
// settles, and the invariants (checks.ts) and leaks are checked; a report is written (report.ts).
// Shared by `npm run soak` (cli.ts, SOAK_MINUTES) and the 2-minute [soak-1] in `npm test`.
import { writeFileSync } from 'node:fs';
import {
  checkAttendance,
  checkChat,
  checkEnrolments,
  checkObserver,
  checkReminders,
  type CheckResult,
} from './checks.ts';
import { SFU_OBJECT_KINDS } from '../../../sfu/index.ts';
import { SoakPlatform, type Metrics } from './platform.ts';
import { writeReport, type FaultMark, type Sample, type SoakReport } from './report.ts';
import { buildWorld, churnStep, type SoakWorld, type WorldOptions } from './world.ts';

export type FaultKind = 'workerKill' | 'serverRestart' | 'databaseRestart' | 'redisRestart';

export interface SoakOptions {
  /** How long participants act (seconds); set-up and settling come on top. */
  activeSeconds: number;
  world: WorldOptions;
  /** Faults at fixed seconds into the run; after the last, `faultEverySeconds` picks at random. */
  faults: { at: number; kind: FaultKind }[];
  faultEverySeconds?: number;
  /** A random connection dropped this often (seconds). */
  dropEverySeconds: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface SoakResult {
  report: SoakReport;
  path: string;
  checks: CheckResult[];
  violations: string[];
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const SFU_KINDS: readonly string[] = SFU_OBJECT_KINDS;

/** A small seeded generator (mulberry32), so a run's choices can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function leakFigures(m: Metrics | undefined): Record<string, number> {
  const figures: Record<string, number> = {};
  if (!m) return figures;
  for (const kind of SFU_KINDS) figures[kind] = m.get('rinnalla_sfu_objects', `kind="${kind}"`);
  figures.sockets = m.get('rinnalla_socket_connections');
  figures.liveSessions = m.get('rinnalla_live_sessions');
  figures.participants =
    m.get('rinnalla_live_participants', 'state="admitted"') +
    m.get('rinnalla_live_participants', 'state="lobby"');
  figures.handles = m.get('rinnalla_nodejs_active_handles_total');
  figures.timers = m.get('rinnalla_nodejs_active_handles', 'type="Timeout"');
  figures.rssMb = Math.round(m.get('rinnalla_process_resident_memory_bytes') / 1e6);
  figures.heapMb = Math.round(m.get('rinnalla_nodejs_heap_size_used_bytes') / 1e6);
  return figures;
}

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? (() => undefined);
  const rand = random(options.seed ?? Date.now());
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)]!;
  const platform = new SoakPlatform();
  const startedAt = new Date().toISOString();
  const samples: Sample[] = [];
  const faults: FaultMark[] = [];
  let world: SoakWorld | undefined;
  try {
    await platform.start();
    log(`platform at ${platform.url}`);
    world = await buildWorld(platform.url, options.world);
    log(
      `world: ${world.groups.length} live groups, ${world.members.length} members, ${world.churn.length} churning, ${world.reminded.length} reminders due`,
    );
    await pause(2000);
    const baseline = leakFigures(await platform.metrics());
    const began = Date.now();
    const now = () => (Date.now() - began) / 1000;

    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const m = await platform.metrics();
        const readyMs = await platform.readyMs();
        samples.push({
          t: Math.round(now()),
          rssMb: m ? Math.round(m.get('rinnalla_process_resident_memory_bytes') / 1e6) : 0,
          heapMb: m ? Math.round(m.get('rinnalla_nodejs_heap_size_used_bytes') / 1e6) : 0,
          workersMb: Math.round(platform.workerRss() / 1e6),
          sockets: m?.get('rinnalla_socket_connections') ?? 0,
          readyMs: readyMs ?? null,
        });
        await pause(3000);
      }
    })();

    // Everyone connects; the facilitators first into their sessions, then the others.
    const members = world.members;
    await Promise.all(members.map((m) => m.connect(platform.url)));
    for (const host of members.filter((m) => m.kind === 'host')) await host.join();
    await Promise.all(members.filter((m) => m.kind !== 'host').map((m) => m.join()));
    log(`joined: ${members.filter((m) => m.admitted).length}/${members.length}`);

    const deadline = began + options.activeSeconds * 1000;
    let counter = 0;
    const actors = members.map(async (member, index) => {
      while (Date.now() < deadline) {
        await pause(800 + rand() * 2200);
        const roll = rand();
        if (member.kind === 'observer') continue;
        if (roll < 0.75) member.send(`soak ${index}.${(counter += 1)}`);
        else if (roll < 0.85 && member.kind === 'family') {
          if (member.wantLive) await member.leave();
          else await member.join();
        } else if (roll < 0.88) member.drop();
      }
    });
    const churners = world.churn.map(async (family) => {
      while (Date.now() < deadline) {
        await pause(1000 + rand() * 3000);
        await churnStep(world!.churnGroup, family);
      }
    });

    const doFault = async (kind: FaultKind) => {
      const t = Math.round(now());
      log(`fault at ${t}s: ${kind}`);
      try {
        const recoveredMs =
          kind === 'workerKill'
            ? await platform.killWorker()
            : kind === 'serverRestart'
              ? await platform.restartServer()
              : kind === 'databaseRestart'
                ? await platform.restartDatabase()
                : await platform.restartRedis();
        faults.push({ t, kind, recoveredMs });
        log(`  ready again after ${recoveredMs} ms`);
      } catch (error) {
        faults.push({ t, kind, recoveredMs: null, error: String(error) });
        log(`  ${String(error)}`);
      }
    };
    const injector = (async () => {
      for (const fault of options.faults) {
        await pause(began + fault.at * 1000 - Date.now());
        if (Date.now() >= deadline) return;
        await doFault(fault.kind);
      }
      const every = options.faultEverySeconds;
      if (!every) return;
      const kinds: FaultKind[] = ['workerKill', 'serverRestart', 'databaseRestart', 'redisRestart'];
      while (Date.now() + every * 1000 < deadline) {
        await pause(every * 1000 * (0.7 + rand() * 0.6));
        await doFault(pick(kinds));
      }
    })();
    const dropper = (async () => {
      let drops = 0;
      while (Date.now() < deadline) {
        await pause(options.dropEverySeconds * 1000);
        pick(members).drop();
        drops += 1;
      }
      return drops;
    })();
    await Promise.all([...actors, ...churners, injector]);
    const drops = await dropper;
    log(`activity over at ${Math.round(now())}s; settling`);

    // Settle: the platform ready, every outbox empty, everyone caught up, out of the session.
    // Not ready again is itself a finding: recorded, and the report (with the server's log) kept.
    const notReady = await platform.untilReady(60_000).then(
      () => [],
      (error: unknown) => [
        `not ready after the run: ${String(error)}; /readyz ${platform.lastReady}`,
      ],
    );
    const settleBy = Date.now() + 60_000;
    while (members.some((m) => m.waiting > 0 || !m.socket.connected) && Date.now() < settleBy)
      await pause(250);
    await Promise.all(members.map((m) => m.catchUp()));
    const peak = leakFigures(await platform.metrics());
    for (const member of members) if (member.wantLive) await member.leave();
    await pause(1500);
    await Promise.all(members.map((m) => m.catchUp()));
    for (const member of members) member.close();
    await pause(5000); // past the reconnect grace (3 s)
    const after = leakFigures(await platform.metrics());
    sampling = false;
    await sampler;

    const checkedAt = Date.now();
    const checks = [
      await checkChat(world),
      await checkEnrolments(world),
      await checkReminders(world, checkedAt),
      await checkAttendance(world),
      checkObserver(world),
      leakCheck(baseline, after),
    ];
    const violations = [
      ...notReady.map((v) => `platform: ${v}`),
      ...faults.filter((f) => f.error).map((f) => `platform: ${f.kind} at ${f.t}s: ${f.error}`),
      ...checks.flatMap((c) => c.violations.map((v) => `${c.name}: ${v}`)),
    ];
    const chatLatency = members
      .flatMap((m) => m.chatLatencies)
      .map((c) => ({ t: Math.round((c.at - began) / 100) / 10, ms: c.ms }))
      .sort((a, b) => a.t - b.t);
    const sorted = chatLatency.map((c) => c.ms).sort((a, b) => a - b);
    const quantile = (q: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    const report: SoakReport = {
      startedAt,
      minutes: Math.round((options.activeSeconds / 60) * 10) / 10,
      seed: options.seed,
      members: members.length,
      drops,
      reconnects: members.reduce((n, m) => n + m.reconnects, 0),
      joins: members.reduce((n, m) => n + m.joins, 0),
      producers: members.reduce((n, m) => n + m.produced, 0),
      consumers: members.reduce((n, m) => n + m.consumed, 0),
      clientErrors: members.reduce((n, m) => n + m.errors.length, 0),
      clientErrorKinds: countKinds(members.flatMap((m) => m.errors)),
      chat: {
        acked: sorted.length,
        medianMs: quantile(0.5),
        p90Ms: quantile(0.9),
        p99Ms: quantile(0.99),
        maxMs: sorted.at(-1) ?? 0,
      },
      leaks: { baseline, peak, after },
      checks,
      violations,
      faults,
      samples,
      chatLatency,
    };
    const path = writeReport(report);
    if (violations.length > 0)
      writeFileSync(
        path.replace(/\.json$/, '.server.log'),
        [...platform.outputs, platform.server.output()].join('\n----\n'),
      );
    return { report, path, checks, violations };
  } finally {
    for (const member of world?.members ?? []) member.close();
    await platform.stop();
  }
}

function countKinds(errors: string[]): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const e of errors) {
    const kind = e.slice(0, 60);
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

/** Everything the run opened is closed again: SFU objects, sockets, live sessions. */
function leakCheck(baseline: Record<string, number>, after: Record<string, number>): CheckResult {
  const violations: string[] = [];
  for (const key of [...SFU_KINDS, 'sockets', 'liveSessions', 'participants']) {
    if ((after[key] ?? NaN) !== (baseline[key] ?? NaN))
      violations.push(`${key}: ${baseline[key]} before, ${after[key]} after`);
  }
  return { name: 'leaks', violations, figures: after };
}
