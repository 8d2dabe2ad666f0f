// FerretDB v1: a MongoDB wire-protocol server that can be built from the Go module proxy where
// mongod cannot be downloaded (scripts/provision/). Its backend is SQLite (embedded, the
// default) or a PostgreSQL cluster the platform runs itself (FERRETDB_BACKEND=postgresql).
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join, resolve } from 'node:path';
import mongoose from 'mongoose';
import { toolCacheDir } from '../platform/paths.ts';
import { freePort, waitForPort } from '../platform/ports.ts';
import {
  exitOf,
  keepLastWords,
  killAndReap,
  StderrTail,
  Supervisor,
  type Supervised,
  type SupervisorLog,
} from '../platform/supervisor.ts';
import type { RunningDatabase } from './engine.ts';
import { startPostgres, type RunningPostgres } from './postgresCluster.ts';

export const FERRETDB_VERSION = 'v1.24.2';

export function ferretdbBinary(cacheDir = toolCacheDir()): string {
  return process.env.FERRETDB_BIN ?? join(cacheDir, `ferretdb-${FERRETDB_VERSION}`, 'ferretdb');
}

export function ferretdbAvailable(): boolean {
  return existsSync(ferretdbBinary());
}

export const FERRETDB_BACKENDS = ['sqlite', 'postgresql'] as const;
export type FerretdbBackend = (typeof FERRETDB_BACKENDS)[number];

/**
 * FERRETDB_BACKEND: SQLite unless set. SQLite serves `{_id}` look-ups from its index (with the
 * build's fix); PostgreSQL scans for them — measured in bench/results/dbBackends.json.
 */
export function ferretdbBackend(): FerretdbBackend {
  const value = process.env.FERRETDB_BACKEND || 'sqlite';
  if ((FERRETDB_BACKENDS as readonly string[]).includes(value)) return value as FerretdbBackend;
  throw new Error(`FERRETDB_BACKEND=${value} is not one of ${FERRETDB_BACKENDS.join(', ')}.`);
}

/**
 * Starts FerretDB on a free port, its files (and its log) under `dataDir`: SQLite files in
 * ferretdb/, or a PostgreSQL cluster in ferretdb-postgresql/ started first and stopped last.
 * It is supervised: killed or hung, it is started again on the same port and the same files, so
 * the driver's own reconnection finds it (server/platform/supervisor.ts).
 */
export async function startFerretdb(
  dataDir: string,
  binary = ferretdbBinary(),
  backend: FerretdbBackend = 'sqlite',
  options: FerretdbOptions = {},
): Promise<RunningDatabase> {
  const dir = resolve(dataDir, backend === 'sqlite' ? 'ferretdb' : 'ferretdb-postgresql');
  mkdirSync(dir, { recursive: true });
  await stopOrphan(dir);
  const postgres = backend === 'postgresql' ? await supervisedPostgres(dir, options) : undefined;
  const port = await freePort();
  const uri = `mongodb://127.0.0.1:${port}/`;
  const supervisor = new Supervisor<FerretdbChild>({
    name: 'database',
    start: () => startFerretdbOn(dir, binary, postgres?.url, port),
    probe: (child) => child.ping(),
    probeEveryMs: 1000,
    probeTimeoutMs: 1500,
    // Hung this long (a freeze, a deadlock): killed and started again. Shorter freezes pass.
    unhealthyAfterMs: options.unhealthyAfterMs ?? 5000,
    ...restartPolicy(options),
    wayOut:
      `The embedded database keeps failing: its output is in ${join(dir, 'ferretdb.log')}. ` +
      'Restart the platform once the cause is fixed, or set MONGODB_URI to use your own MongoDB.',
  });
  try {
    await supervisor.start();
  } catch (error) {
    await postgres?.stop();
    throw error;
  }
  return {
    kind: 'ferretdb',
    uri,
    description: postgres
      ? `FerretDB ${FERRETDB_VERSION} (PostgreSQL, its cluster in ${join(dir, 'cluster')}) at ${uri}`
      : `FerretDB ${FERRETDB_VERSION} (SQLite in ${dir}) at ${uri}`,
    pid: supervisor.current?.process.pid,
    supervisor,
    async stop() {
      await supervisor.stop();
      await postgres?.stop();
    },
  };
}

/** How the embedded database's processes are restarted: a growing pause, a crash loop's limit. */
const restartPolicy = (options: FerretdbOptions) => ({
  pauseMs: 100,
  maxPauseMs: 5000,
  maxRestarts: options.maxRestarts ?? Number(process.env.DB_MAX_RESTARTS || 5),
  windowMs: (options.windowMinutes ?? Number(process.env.DB_RESTART_WINDOW_MIN || 5)) * 60_000,
  ...(options.log ? { log: options.log } : {}),
});

/**
 * FerretDB's own PostgreSQL, supervised like FerretDB (killed, it is started again on the same
 * port and cluster; FerretDB reconnects to it by itself).
 */
async function supervisedPostgres(dir: string, options: FerretdbOptions) {
  const clusterDir = join(dir, 'cluster');
  const port = await freePort();
  const supervisor = new Supervisor<RunningPostgres>({
    name: 'database',
    start: () => startPostgres(clusterDir, port),
    ...restartPolicy(options),
    wayOut:
      `The embedded database's PostgreSQL keeps failing: its output is in ${join(dir, 'postgresql.log')}. ` +
      'Restart the platform once the cause is fixed, or set MONGODB_URI to use your own MongoDB.',
  });
  await supervisor.start();
  return {
    url: supervisor.current!.url,
    stop: () => supervisor.stop(),
  };
}

export interface FerretdbOptions {
  log?: SupervisorLog;
  /** Crash loop: restarts allowed within the window (DB_MAX_RESTARTS, 5 by default). */
  maxRestarts?: number;
  /** DB_RESTART_WINDOW_MIN, 5 minutes by default. */
  windowMinutes?: number;
  unhealthyAfterMs?: number;
}

interface FerretdbChild extends Supervised {
  ping(): Promise<boolean>;
}

/** A pid file beside the data: a FerretDB left running on these files (the platform was killed,
 * its child lived on) is stopped before another starts — never two on the same files. */
async function stopOrphan(dir: string): Promise<void> {
  const pidFile = join(dir, 'ferretdb.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return; // gone already
  }
  if (!pid || !cmdline.includes('ferretdb') || !cmdline.includes(dir)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return; // not ours to stop (or gone): the port check before the start still guards
  }
  for (let i = 0; i < 50 && existsSync(`/proc/${pid}`); i += 1)
    await new Promise((r) => setTimeout(r, 100));
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

async function startFerretdbOn(
  dir: string,
  binary: string,
  /** FerretDB's PostgreSQL (the same address across its restarts), or none for SQLite. */
  postgresUrl: string | undefined,
  port: number,
): Promise<FerretdbChild> {
  const logPath = join(dir, 'ferretdb.log');
  // The previous copy has been reaped by now (the supervisor waits); anything still answering on
  // the port is not ours to share the files with.
  if (await portInUse(port))
    throw new Error(`port ${port} of the embedded database is taken by another process`);
  const handler = postgresUrl
    ? ['--handler=postgresql', `--postgresql-url=${postgresUrl}`]
    : ['--handler=sqlite', `--sqlite-url=file:${dir}/`];
  const child = spawn(
    binary,
    [
      ...handler,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${dir}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=warn',
    ],
    // Its own process group: a Ctrl-C in the terminal reaches the app, which stops the database
    // last, after everything that still writes to it.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const logFile = createWriteStream(logPath, { flags: 'a' });
  const tail = new StderrTail();
  tail.attach(child);
  // Its last words can arrive after 'exit' (still in the pipe): the log closes on 'close', and
  // nothing is written to a log already closed (a write after its end would throw).
  child.stderr.on('data', (chunk: Buffer) => {
    if (!logFile.writableEnded) logFile.write(chunk);
  });
  child.once('close', () => logFile.end());
  const exited = exitOf(child);
  child.once('error', (error) => tail.push(`${error.message}\n`));
  try {
    await waitForPort(port, 15_000, () => child.exitCode !== null || child.pid === undefined);
  } catch (error) {
    await killAndReap(child);
    logFile.end();
    const words = tail.last(2);
    throw new Error(
      `FerretDB (the embedded database at ${binary}) did not start: ${(error as Error).message}` +
        `${words ? ` — "${words.slice(0, 300)}"` : ''}. Its output is in ${logPath}. ` +
        '`npm start` checks and rebuilds a broken FerretDB; or set MONGODB_URI to use your own MongoDB.',
    );
  }
  writeFileSync(join(dir, 'ferretdb.pid'), `${child.pid}\n`);
  let probe: InstanceType<typeof mongoose.mongo.MongoClient> | undefined;
  const running: FerretdbChild = {
    process: child,
    async ping() {
      // A client of its own, short timeouts: a frozen server must answer "no" quickly.
      probe ??= new mongoose.mongo.MongoClient(`mongodb://127.0.0.1:${port}/`, {
        directConnection: true,
        serverSelectionTimeoutMS: 1000,
        connectTimeoutMS: 1000,
        socketTimeoutMS: 1500,
        maxPoolSize: 1,
      });
      try {
        await probe.db('admin').command({ ping: 1 });
        return true;
      } catch {
        return false;
      }
    },
    async stop() {
      await probe?.close(true).catch(() => undefined);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
  child.once('exit', () => void probe?.close(true).catch(() => undefined));
  keepLastWords(running, tail);
  return running;
}
