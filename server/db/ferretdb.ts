// FerretDB v1 with its embedded SQLite backend: a MongoDB wire-protocol server that can be
// built from the Go module proxy where mongod cannot be downloaded.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { toolCacheDir } from '../platform/paths.ts';
import { freePort, waitForPort } from '../platform/ports.ts';
import type { RunningDatabase } from './engine.ts';

export const FERRETDB_VERSION = 'v1.24.2';

export function ferretdbBinary(): string {
  return (
    process.env.FERRETDB_BIN ?? join(toolCacheDir(), `ferretdb-${FERRETDB_VERSION}`, 'ferretdb')
  );
}

export function ferretdbAvailable(): boolean {
  return existsSync(ferretdbBinary());
}

export async function startFerretdb(dataDir: string): Promise<RunningDatabase> {
  const sqliteDir = resolve(dataDir, 'ferretdb');
  mkdirSync(sqliteDir, { recursive: true });
  const port = await freePort();
  const child = spawn(
    ferretdbBinary(),
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
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    await waitForPort(port, 15_000, () => child.exitCode !== null);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`FerretDB did not start: ${(error as Error).message}\n${stderr}`);
  }
  return {
    kind: 'ferretdb',
    uri: `mongodb://127.0.0.1:${port}/`,
    description: `FerretDB ${FERRETDB_VERSION} (SQLite in ${sqliteDir})`,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
