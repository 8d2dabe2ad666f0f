// The real server as a child process (`node --import tsx server/main.ts`), for tests that kill,
// restart or multiply it. It runs in its own process group, so a kill reaches its workers too.
import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../../server/platform/paths.ts';

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** SIGKILL to the whole group, as a crash or an out-of-memory kill would. */
  kill(): Promise<void>;
  /** SIGTERM: a clean shutdown. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** What to run instead of server/main.ts, e.g. `scripts/run.ts start` (provisions first). */
  entry?: string[];
  timeoutMs?: number;
}

export function startServerProcess(
  env: Record<string, string>,
  options: StartOptions = {},
): Promise<ServerProcess> {
  const entry = options.entry ?? ['server/main.ts'];
  const child = spawn(process.execPath, ['--import', 'tsx', ...entry], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: '0',
      SFU_WORKERS: '1',
      SFU_RTC_PORT: '0',
      // Not coturn's default 3478: another test process (npm test runs two) may have it.
      TURN_PORT: '0',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-(child.pid ?? 0), name);
    } catch {
      // Already gone.
    }
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void signal('SIGKILL');
      reject(new Error(`server did not start:\n${output}`));
    }, options.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          child,
          url: match[1].replace('localhost', '127.0.0.1'),
          output: () => output,
          kill: () => signal('SIGKILL'),
          stop: () => signal('SIGTERM'),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) during start-up:\n${output}`));
    });
  });
}

/** Request limits a test's many quick requests from one address would trip. */
export const UNLIMITED_REQUESTS = {
  RATE_LIMIT_AUTH: '100000',
  RATE_LIMIT_WRITE_IP: '100000',
  RATE_LIMIT_WRITE_ACCOUNT: '100000',
} as const;

/** Several server processes started together; if one fails, the others are stopped too. */
export async function startServerProcesses(
  env: Record<string, string>,
  count: number,
): Promise<ServerProcess[]> {
  const started = await Promise.allSettled(
    Array.from({ length: count }, () => startServerProcess(env)),
  );
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  const running = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  if (failed) {
    await Promise.all(running.map((server) => server.kill()));
    throw failed.reason;
  }
  return running;
}
