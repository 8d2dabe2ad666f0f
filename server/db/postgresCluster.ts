// A PostgreSQL cluster of the platform's own, in its data dir, for FerretDB's PostgreSQL backend
// (FERRETDB_BACKEND=postgresql): Debian's server binaries, initdb on first use, a loopback port,
// no unix socket, no system service. Stopped with the platform.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  type WriteStream,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { freePort } from '../platform/ports.ts';

/** The superuser and database FerretDB connects as and to. */
export const POSTGRES_USER = 'rinnalla';
export const POSTGRES_DATABASE = 'ferretdb';

/** Debian keeps the server programs off PATH, in /usr/lib/postgresql/<major>/bin. */
export function postgresBinDir(): string | undefined {
  if (process.env.POSTGRES_BIN_DIR) return process.env.POSTGRES_BIN_DIR;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const majors = readdirSync(base)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(base, name, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? join(base, majors[0], 'bin') : undefined;
}

/**
 * How root runs a server that refuses root: inside a user namespace where root appears as an
 * ordinary account (postgres' own, else nobody), so the files stay root's and no folder above
 * the data dir has to open up to another user. Where namespaces are forbidden (some
 * containers), the cluster is handed to that account and the programs run as it.
 */
type RunAs =
  | { how: 'self' }
  | { how: 'namespace'; uid: number; gid: number }
  | { how: 'account'; uid: number; gid: number };

let runAs: RunAs | undefined;
function howToRun(): RunAs {
  if (runAs) return runAs;
  if (process.getuid?.() !== 0) return (runAs = { how: 'self' });
  const passwd = readFileSync('/etc/passwd', 'utf8').split('\n');
  const entry = (name: string) => passwd.find((line) => line.startsWith(`${name}:`))?.split(':');
  const account = entry('postgres') ?? entry('nobody');
  if (!account) throw new Error('neither a postgres nor a nobody account exists to run PostgreSQL');
  const [uid, gid] = [Number(account[2]), Number(account[3])];
  const probe = spawnSync('unshare', [...namespaceArgs(uid, gid), 'true'], { stdio: 'ignore' });
  return (runAs = { how: probe.status === 0 ? 'namespace' : 'account', uid, gid });
}

function namespaceArgs(uid: number, gid: number): string[] {
  return ['--user', `--map-user=${uid}`, `--map-group=${gid}`];
}

/** The command line (and spawn options) that runs `program` the way `howToRun` decided. */
function command(program: string, args: string[]) {
  const how = howToRun();
  if (how.how === 'namespace')
    return { file: 'unshare', args: [...namespaceArgs(how.uid, how.gid), program, ...args] };
  if (how.how === 'account') return { file: program, args, uid: how.uid, gid: how.gid };
  return { file: program, args };
}

function runToEnd(
  program: string,
  args: string[],
  cwd: string,
  input = '',
): { ok: boolean; output: string } {
  const { file, args: fullArgs, ...ids } = command(program, args);
  const options = { cwd, input, encoding: 'utf8' as const, timeout: 120_000, ...ids };
  const result = spawnSync(file, fullArgs, options);
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/** initdb and the database FerretDB uses, once per cluster folder. */
function initialise(bin: string, clusterDir: string): void {
  if (existsSync(join(clusterDir, 'PG_VERSION'))) return;
  mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  const how = howToRun();
  if (how.how === 'account') spawnSync('chown', [`${how.uid}:${how.gid}`, clusterDir]);
  // Only this platform connects, on 127.0.0.1: the same reach as FerretDB's own port.
  const initdb = runToEnd(
    join(bin, 'initdb'),
    [
      `--pgdata=${clusterDir}`,
      `--username=${POSTGRES_USER}`,
      '--auth=trust',
      '--encoding=UTF8',
      '--no-locale',
    ],
    clusterDir,
  );
  if (!initdb.ok) {
    const reach =
      how.how === 'account' && /Permission denied/.test(initdb.output)
        ? ` (this machine forbids user namespaces, so PostgreSQL runs as uid ${how.uid}, which` +
          ' must be able to enter every folder above the data dir: choose a DATA_DIR it can reach)'
        : '';
    throw new Error(`initdb failed: ${lastLine(initdb.output)}${reach}`);
  }
  // Single-user mode: the database exists before any server listens, without a client program.
  const create = runToEnd(
    join(bin, 'postgres'),
    ['--single', '-D', clusterDir, 'postgres'],
    clusterDir,
    `CREATE DATABASE ${POSTGRES_DATABASE};\n`,
  );
  if (!create.ok || /ERROR/.test(create.output)) {
    // Nothing is in the new cluster yet: the next start begins again with initdb.
    rmSync(clusterDir, { recursive: true, force: true });
    throw new Error(
      `creating the ${POSTGRES_DATABASE} database failed: ${lastLine(create.output)}`,
    );
  }
}

const lastLine = (text: string) => text.trim().split('\n').at(-1)?.slice(0, 300) ?? '';

/** A postmaster left running by a platform that was killed holds the cluster: stop it. */
async function stopOrphan(clusterDir: string): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  let commandLine = '';
  try {
    commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return; // not running: postgres removes a stale pid file itself
  }
  if (!commandLine.includes(clusterDir)) return;
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000 && existsSync(`/proc/${pid}`); waited += 100)
    await new Promise((r) => setTimeout(r, 100));
}

export interface RunningPostgres {
  url: string;
  pid: number | undefined;
  /** The postmaster (what a supervisor watches). */
  process: ChildProcess;
  logPath: string;
  stop(): Promise<void>;
}

/**
 * Starts (creating on first use) the cluster in `clusterDir` on `port` (a restart keeps the
 * address FerretDB knows), by default a free loopback port.
 */
export async function startPostgres(clusterDir: string, port?: number): Promise<RunningPostgres> {
  const bin = postgresBinDir();
  if (!bin)
    throw new Error(
      'no PostgreSQL server found (Debian: apt-get install postgresql; or set POSTGRES_BIN_DIR)',
    );
  const dir = resolve(clusterDir);
  initialise(bin, dir);
  await stopOrphan(dir);
  // Beside the cluster, not in it: the cluster's folder holds only what PostgreSQL writes.
  const logPath = join(dirname(dir), 'postgresql.log');
  port ??= await freePort();
  const { file, args, ...ids } = command(join(bin, 'postgres'), [
    '-D',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-p',
    String(port),
    '-c',
    'unix_socket_directories=',
  ]);
  // Its own process group, like FerretDB: the platform stops it last, after FerretDB.
  const child = spawn(file, args, {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
    ...ids,
  });
  // 'close', not 'exit': its last words are still in the pipe when it exits.
  const exited = new Promise<void>((done) => child.once('close', () => done()));
  child.once('error', () => undefined);
  const logFile = createWriteStream(logPath, { flags: 'a' });
  await whenReady(child, logFile, 30_000).catch((error: Error) => {
    child.kill('SIGKILL');
    logFile.end();
    throw new Error(`PostgreSQL did not start: ${error.message}. Its output is in ${logPath}`);
  });
  return {
    url: `postgres://${POSTGRES_USER}@127.0.0.1:${port}/${POSTGRES_DATABASE}`,
    pid: child.pid,
    process: child,
    logPath,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT'); // "fast" shutdown: ends sessions, writes a checkpoint
        // Stuck: the whole group, so no backend process outlives it.
        const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      logFile.end();
    },
  };
}

/** Ready when it says so: it listens before recovery ends and refuses connections until then. */
function whenReady(child: ChildProcess, logFile: WriteStream, timeoutMs: number) {
  return new Promise<void>((done, fail) => {
    let last = '';
    const timer = setTimeout(() => fail(new Error(`not ready within ${timeoutMs} ms`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      if (!logFile.writableEnded) logFile.write(chunk); // a write after its end would throw
      const text = chunk.toString();
      last = lastLine(text) || last;
      if (text.includes('ready to accept connections')) {
        clearTimeout(timer);
        done();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`it exited (${code ?? 'signal'}): "${last}"`));
    });
  });
}
