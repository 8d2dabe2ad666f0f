// FerretDB v1: a MongoDB wire-protocol server that can be built from the Go module proxy where
// mongod cannot be downloaded (scripts/provision/). Its backend is SQLite (embedded, the
// default) or a PostgreSQL cluster the platform runs itself (FERRETDB_BACKEND=postgresql).
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toolCacheDir } from '../platform/paths.ts';
import { freePort, waitForPort } from '../platform/ports.ts';
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
 */
export async function startFerretdb(
  dataDir: string,
  binary = ferretdbBinary(),
  backend: FerretdbBackend = 'sqlite',
): Promise<RunningDatabase> {
  const dir = resolve(dataDir, backend === 'sqlite' ? 'ferretdb' : 'ferretdb-postgresql');
  mkdirSync(dir, { recursive: true });
  let postgres: RunningPostgres | undefined;
  if (backend === 'postgresql') postgres = await startPostgres(join(dir, 'cluster'));
  try {
    return await startFerretdbOn(dir, binary, postgres);
  } catch (error) {
    await postgres?.stop();
    throw error;
  }
}

async function startFerretdbOn(
  dir: string,
  binary: string,
  postgres: RunningPostgres | undefined,
): Promise<RunningDatabase> {
  const logPath = join(dir, 'ferretdb.log');
  const port = await freePort();
  const handler = postgres
    ? ['--handler=postgresql', `--postgresql-url=${postgres.url}`]
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
  let firstError = '';
  child.stderr.on('data', (chunk: Buffer) => {
    logFile.write(chunk);
    if (!firstError) firstError = chunk.toString().split('\n')[0] ?? '';
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.once('error', () => undefined);
  try {
    await waitForPort(port, 15_000, () => child.exitCode !== null || child.pid === undefined);
  } catch (error) {
    child.kill('SIGKILL');
    logFile.end();
    throw new Error(
      `FerretDB (the embedded database at ${binary}) did not start: ${(error as Error).message}` +
        `${firstError ? ` — "${firstError.slice(0, 200)}"` : ''}. Its output is in ${logPath}. ` +
        '`npm start` checks and rebuilds a broken FerretDB; or set MONGODB_URI to use your own MongoDB.',
    );
  }
  return {
    kind: 'ferretdb',
    uri: `mongodb://127.0.0.1:${port}/`,
    description: postgres
      ? `FerretDB ${FERRETDB_VERSION} (PostgreSQL, its cluster in ${join(dir, 'cluster')})`
      : `FerretDB ${FERRETDB_VERSION} (SQLite in ${dir})`,
    pid: child.pid,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      logFile.end();
      await postgres?.stop();
    },
  };
}
