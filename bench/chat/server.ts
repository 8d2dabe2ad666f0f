import { join } from 'node:path';
// The real server as a child process (`node --import tsx server/main.ts`), so the clients' work
// does not share its event loop; and the CPU time a process has used.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { projectRoot } from '../../server/platform/paths.ts';

export interface RunningServer {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** The environment every bench's server child gets: loopback, its own data dir and database. */
export function benchServerEnv(
  dataDir: string,
  database: { uri: string; dbName: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: join(dataDir, 'server'),
    MONGODB_URI: database.uri,
    MONGODB_DB: database.dbName,
    SEED_DEMO_DATA: 'false',
    SFU_WORKERS: '1',
    SFU_RTC_PORT: '0',
    LOG_LEVEL: 'warn',
    // Every simulated person connects from 127.0.0.1 (a real server sees many addresses).
    SOCKETS_PER_ADDRESS: '100000',
    ...extra,
  };
}

/** `startupMs`: a server migrating a large database at its start needs longer than 90 s. */
export function startServer(
  env: Record<string, string>,
  startupMs = 90_000,
): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the bench's server did not start:\n${output}`));
    }, startupMs);
    let started = false;
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      // A migration at start can take minutes on a large database: say how far it is.
      if (!started)
        for (const line of chunk.toString().split('\n'))
          if (line.trim().endsWith('…')) console.log(`    server: ${line.trim()}`);
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1] && !started) {
        started = true;
        clearTimeout(timer);
        resolve({ child, url: match[1].replace('localhost', '127.0.0.1'), output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the chat bench's server exited (${code}) during start-up:\n${output}`));
    });
  });
}

export async function stopServer(server: RunningServer): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM'); // a clean shutdown: the SFU worker goes with it
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** CPU seconds a process has used so far (Linux /proc; undefined elsewhere). */
export function cpuSeconds(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ
  } catch {
    return undefined;
  }
}
