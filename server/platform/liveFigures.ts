// Figures read at scrape time, not counted as they change: live sessions, participants,
// consumers, mediasoup workers and their CPU, open sockets, the reminder queue, the database's
// round trip. Each app registers its sources (tests run several apps in one process: summed).
import mongoose from 'mongoose';
import { Gauge } from 'prom-client';
import { SFU_OBJECT_KINDS, type Sfu } from '../../sfu/index.ts';
import type { LiveRegistry } from '../live/registry.ts';
import type { RealtimeServer } from '../realtime/socket.ts';
import { op } from '../db/operators.ts';
import { Job } from '../reminders/job.model.ts';
import { Cursor } from '../reminders/queue.ts';
import { registry } from './metrics.ts';

export interface FigureSources {
  live: LiveRegistry;
  sfu: Sfu;
  io: RealtimeServer;
}

const sources = new Set<FigureSources>();

/** Registers one app's sources; the returned function forgets them (on close). */
export function watchFigures(source: FigureSources): () => void {
  sources.add(source);
  return () => sources.delete(source);
}

const sum = (of: (source: FigureSources) => number) =>
  [...sources].reduce((total, source) => total + of(source), 0);

new Gauge({
  name: 'rinnalla_live_sessions',
  help: 'Live sessions hosted by this process',
  registers: [registry],
  collect() {
    this.set(sum((s) => s.live.all().length));
  },
});

new Gauge({
  name: 'rinnalla_live_participants',
  help: 'People in this process’s live sessions, admitted or waiting in the lobby',
  labelNames: ['state'],
  registers: [registry],
  collect() {
    for (const state of ['admitted', 'lobby'] as const)
      this.set(
        { state },
        sum((s) =>
          s.live
            .all()
            .reduce((n, l) => n + [...l.peers.values()].filter((p) => p.state === state).length, 0),
        ),
      );
  },
});

new Gauge({
  name: 'rinnalla_sfu_consumers',
  help: 'mediasoup consumers (media streams sent to participants) in this process',
  registers: [registry],
  collect() {
    this.set(
      sum((s) =>
        s.live.all().reduce((n, live) => {
          if (!live.room) return n;
          for (const peer of live.room.peers.values()) n += peer.consumers.size;
          return n;
        }, 0),
      ),
    );
  },
});

new Gauge({
  name: 'rinnalla_sfu_workers',
  help: 'Live mediasoup workers',
  registers: [registry],
  collect() {
    this.set(sum((s) => s.sfu.pool.alive().length));
  },
});

new Gauge({
  name: 'rinnalla_sfu_worker_cpu_seconds',
  help: 'CPU time (user + system) each mediasoup worker has used since it started',
  labelNames: ['slot', 'pid'],
  registers: [registry],
  async collect() {
    this.reset(); // a replaced worker's old pid is not reported again
    const workers = [...sources].flatMap((s) => s.sfu.pool.alive());
    await Promise.all(
      workers.map(async ({ slot, worker }) => {
        const usage = await worker.getResourceUsage().catch(() => undefined);
        if (usage)
          this.set(
            { slot: String(slot), pid: String(worker.pid) },
            (usage.ru_utime + usage.ru_stime) / 1000,
          );
      }),
    );
  },
});

new Gauge({
  name: 'rinnalla_sfu_objects',
  help: 'What the SFU holds open (rooms, peers, transports, producers, consumers; routers and request handlers inside the workers): a leak shows as a count that never returns to zero',
  labelNames: ['kind'],
  registers: [registry],
  async collect() {
    const all = await Promise.all([...sources].map((s) => s.sfu.stats()));
    for (const kind of SFU_OBJECT_KINDS)
      this.set(
        { kind },
        all.reduce((n, stats) => n + stats[kind], 0),
      );
  },
});

new Gauge({
  name: 'rinnalla_socket_connections',
  help: 'Open Socket.IO connections to this process',
  registers: [registry],
  collect() {
    this.set(sum((s) => s.io.engine.clientsCount));
  },
});

const connected = () =>
  mongoose.connection.readyState === mongoose.ConnectionStates.connected &&
  !!mongoose.connection.db;

// The jobs collection keeps every job ever sent and FerretDB scans it for a filter other than
// _id: counted at most once a minute. The sweep's lag is one look-up by _id, every scrape.
let jobCount: { at: number; due: number; scheduled: number } | undefined;
async function pendingJobs(): Promise<{ due: number; scheduled: number }> {
  if (jobCount && Date.now() - jobCount.at < 60_000) return jobCount;
  const now = new Date();
  const [due, scheduled] = await Promise.all([
    Job.countDocuments({ status: 'pending', runAt: op({ $lte: now }) }),
    Job.countDocuments({ status: 'pending', runAt: op({ $gt: now }) }),
  ]);
  jobCount = { at: Date.now(), due, scheduled };
  return jobCount;
}

new Gauge({
  name: 'rinnalla_reminder_jobs',
  help: 'Reminder and notice jobs waiting: due now (the backlog) or scheduled later (counted at most once a minute)',
  labelNames: ['state'],
  registers: [registry],
  async collect() {
    if (!connected()) return;
    const counts = await pendingJobs().catch(() => undefined);
    if (!counts) return;
    this.set({ state: 'due' }, counts.due);
    this.set({ state: 'scheduled' }, counts.scheduled);
  },
});

new Gauge({
  name: 'rinnalla_reminder_sweep_lag_seconds',
  help: 'How far behind now the reminder sweep’s cursor is',
  registers: [registry],
  async collect() {
    if (!connected()) return;
    const cursor = await Cursor.findById('sweep', { minute: 1 })
      .lean()
      .catch(() => undefined);
    if (typeof cursor?.minute === 'number')
      this.set(Math.max(0, Date.now() / 1000 - (cursor.minute + 1) * 60));
  },
});

// One ping per scrape: cheap, and it measures what every query pays (network + server). The
// driver's command monitoring would time every query, but it deserialises every reply twice.
let ping: Promise<number | undefined> | undefined;
/** The round trip in seconds, or undefined when the database did not answer; one per scrape. */
function pingOnce(): Promise<number | undefined> {
  ping ??= (async () => {
    const db = connected() ? mongoose.connection.db : undefined;
    if (!db) return undefined;
    const started = process.hrtime.bigint();
    try {
      await db.admin().command({ ping: 1 }, { timeoutMS: 2000 });
      return Number(process.hrtime.bigint() - started) / 1e9;
    } catch {
      return undefined;
    }
  })().finally(() => setImmediate(() => (ping = undefined)));
  return ping;
}

new Gauge({
  name: 'rinnalla_database_up',
  help: 'Whether the database answered a ping at this scrape (1) or not (0)',
  registers: [registry],
  async collect() {
    this.set((await pingOnce()) === undefined ? 0 : 1);
  },
});

new Gauge({
  name: 'rinnalla_database_ping_seconds',
  help: 'Database round trip (a ping command) measured at this scrape',
  registers: [registry],
  async collect() {
    const seconds = await pingOnce();
    if (seconds !== undefined) this.set(seconds);
  },
});
