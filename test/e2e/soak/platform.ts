// The system under soak: the real server as a child process on a fixed loopback port, with its
// embedded (supervised) FerretDB under one data folder, SFU workers, and a real redis-server —
// and the faults done to them: a mediasoup worker SIGKILLed, the server process SIGKILLed and
// started again on the same port and files, FerretDB SIGKILLed (its supervisor restarts it),
// Redis killed and started again on its port.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectMongoose, disconnectMongoose } from '../../../server/db/connect.ts';
import { freePort } from '../../../server/platform/ports.ts';
import { startRedis, type TestRedis } from '../../support/redis.ts';
import {
  startServerProcess,
  UNLIMITED_REQUESTS,
  type ServerProcess,
} from '../../support/serverProcess.ts';
import { ferretdbPid } from '../healSupport.ts';

export const METRICS_TOKEN = 'soak-metrics-token-0123456789';
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Metrics {
  /** `name` or `name{label="value"}` → value. */
  values: Map<string, number>;
  get(name: string, labels?: string): number;
}

export class SoakPlatform {
  server!: ServerProcess;
  redis!: TestRedis;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-soak-'));
  url = '';
  /** The last /readyz answer (status and body), for the report. */
  lastReady = '';
  private port = 0;
  private databaseUri = '';
  /** Output of every server process that ran (for the report when something fails). */
  readonly outputs: string[] = [];

  async start(): Promise<void> {
    this.redis = await startRedis();
    this.port = await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    await this.startServer();
  }

  private async startServer(): Promise<void> {
    this.server = await startServerProcess(
      {
        HOST: '127.0.0.1',
        PORT: String(this.port),
        PUBLIC_URL: this.url,
        RINNALLA_NODE_URL: this.url,
        DATA_DIR: this.dataDir,
        MONGODB_DB: 'soak',
        REDIS_URL: this.redis.url,
        METRICS_TOKEN,
        SEED_DEMO_DATA: 'false',
        SFU_WORKERS: '2',
        SFU_LISTEN_IP: '127.0.0.1',
        LIVE_LEASE_MS: '2000',
        LIVE_RECONNECT_GRACE_SECONDS: '3',
        CHAT_MESSAGES_PER_MINUTE: '6000',
        SOCKETS_PER_ADDRESS: '100000',
        SOCKETS_PER_PERSON: '50',
        DB_MAX_RESTARTS: '50',
        ...UNLIMITED_REQUESTS,
        LOG_LEVEL: 'info',
      },
      { timeoutMs: 120_000 },
    );
    const found = /at (mongodb:\/\/127\.0\.0\.1:\d+\/)/.exec(this.server.output());
    if (!found?.[1]) throw new Error(`no database URI in the output:\n${this.server.output()}`);
    if (found[1] !== this.databaseUri) {
      await disconnectMongoose().catch(() => undefined);
      this.databaseUri = found[1];
      await connectMongoose(this.databaseUri, 'soak');
    }
  }

  /** /metrics as a map; undefined while the server does not answer. */
  async metrics(): Promise<Metrics | undefined> {
    try {
      const res = await fetch(`${this.url}/metrics`, {
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
        signal: AbortSignal.timeout(5000),
      });
      if (res.status !== 200) return undefined;
      const values = new Map<string, number>();
      for (const line of (await res.text()).split('\n')) {
        const match = /^(\w+(?:\{[^}]*\})?) (\S+)$/.exec(line);
        if (match?.[1] && match[2]) values.set(match[1], Number(match[2]));
      }
      return {
        values,
        get: (name, labels) => values.get(labels ? `${name}{${labels}}` : name) ?? 0,
      };
    } catch {
      return undefined;
    }
  }

  /** Milliseconds /readyz took to answer 200, or undefined when it did not. */
  async readyMs(): Promise<number | undefined> {
    const began = Date.now();
    try {
      const res = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(5000) });
      this.lastReady = `${res.status} ${await res.text()}`;
      return res.status === 200 ? Date.now() - began : undefined;
    } catch {
      return undefined;
    }
  }

  async untilReady(ms: number): Promise<number> {
    const began = Date.now();
    while ((await this.readyMs()) === undefined) {
      if (Date.now() - began > ms) throw new Error(`not ready within ${ms} ms`);
      await pause(250);
    }
    return Date.now() - began;
  }

  /** Resident memory (bytes) of the server's mediasoup workers, from /proc. */
  workerRss(): number {
    let total = 0;
    for (const pid of this.workerPids()) {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      } catch {
        // Gone meanwhile.
      }
    }
    return total;
  }

  /** The server's live mediasoup workers (children of the server process). */
  workerPids(): number[] {
    const parent = this.server.child.pid;
    const pids: number[] = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (fields[0] === 'Z' || Number(fields[1]) !== parent) continue;
        if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('mediasoup-worker'))
          pids.push(Number(entry));
      } catch {
        // Gone meanwhile.
      }
    }
    return pids;
  }

  // ---- faults: each returns how long until the platform answered /readyz 200 again ----

  async killWorker(): Promise<number> {
    const pid = this.workerPids()[0];
    if (!pid) throw new Error('no mediasoup worker to kill');
    process.kill(pid, 'SIGKILL');
    await pause(300);
    return this.untilReady(30_000);
  }

  async restartServer(): Promise<number> {
    const began = Date.now();
    this.outputs.push(this.server.output());
    await this.server.kill();
    await this.startServer();
    await this.untilReady(60_000);
    return Date.now() - began;
  }

  async restartDatabase(): Promise<number> {
    const pid = ferretdbPid(this.dataDir);
    if (!pid) throw new Error('no FerretDB running');
    const began = Date.now();
    process.kill(pid, 'SIGKILL');
    // Down first (the supervisor notices), then ready again.
    while (ferretdbPid(this.dataDir) === pid && Date.now() - began < 10_000) await pause(50);
    await this.untilReady(60_000);
    return Date.now() - began;
  }

  async restartRedis(downMs = 2000): Promise<number> {
    const began = Date.now();
    await this.redis.kill();
    await pause(downMs);
    this.redis = await startRedis(this.redis.port);
    await this.untilReady(60_000);
    return Date.now() - began;
  }

  async stop(): Promise<void> {
    if (this.server) this.outputs.push(this.server.output());
    await disconnectMongoose().catch(() => undefined);
    await this.server?.stop();
    await this.redis?.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
