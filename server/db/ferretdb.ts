// FerretDB v1 with its embedded SQLite backend: a MongoDB wire-protocol server that can be
// built from the Go module proxy where mongod cannot be downloaded (scripts/provision/).
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toolCacheDir } from '../platform/paths.ts';
import { freePort, waitForPort } from '../platform/ports.ts';
import type { RunningDatabase } from './engine.ts';

export const FERRETDB_VERSION = 'v1.24.2';

export function ferretdbBinary(cacheDir = toolCacheDir()): string {
  return process.env.FERRETDB_BIN ?? join(cacheDir, `ferretdb-${FERRETDB_VERSION}`, 'ferretdb');
}

export function ferretdbAvailable(): boolean {
  return existsSync(ferretdbBinary());
}

/** Starts FerretDB on a free port with its SQLite files (and its log) under `dataDir`. */
export async function startFerretdb(
  dataDir: string,
  binary = ferretdbBinary(),
): Promise<RunningDatabase> {
  const sqliteDir = resolve(dataDir, 'ferretdb');
  mkdirSync(sqliteDir, { recursive: true });
  const logPath = join(sqliteDir, 'ferretdb.log');
  const port = await freePort();
  const child = spawn(
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${sqliteDir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${sqliteDir}`,
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
    description: `FerretDB ${FERRETDB_VERSION} (SQLite in ${sqliteDir})`,
    pid: child.pid,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      logFile.end();
    },
  };
}
