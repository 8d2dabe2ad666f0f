// CPU time of a server process, of the mediasoup workers it started and of any helper process
// (Rinnalla's database), read from Linux /proc, so each system's cost over a window is exact
// and independent of what the browsers on the same cores do.
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuSample {
  /** Wall clock, ms. */
  at: number;
  /** CPU seconds of the server's own process (signalling, room logic). */
  server: number;
  /** CPU seconds of all its mediasoup-worker children together (media forwarding). */
  workers: number;
  /** CPU seconds of helper processes that serve the server (a database), 0 when none. */
  helpers: number;
}

/** The fields after the command name in /proc/<pid>/stat (the name may contain spaces). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds of all of a process's threads, in nanoseconds from each thread's schedstat (stat's
 * utime + stime count 10 ms ticks: too coarse for a few seconds of one room). Threads that
 * already exited are not counted; a server's threads live as long as it does.
 */
function cpuOf(pid: number): number {
  let nanoseconds = 0;
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      try {
        nanoseconds += Number(
          readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0],
        );
      } catch {
        // the thread ended meanwhile
      }
    }
  } catch {
    return 0; // the process is gone
  }
  return nanoseconds / 1e9;
}

const commandOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
};

/** The mediasoup workers a process started (mediasoup spawns them as its direct children). */
export function workersOf(pid: number): number[] {
  const workers: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = Number(entry);
    if (statFields(child)?.[1] === String(pid) && commandOf(child).startsWith('mediasoup'))
      workers.push(child);
  }
  return workers;
}

/** A sampler for one server: its workers are looked up once, after they started. */
export function cpuSampler(serverPid: number, helperPids: number[] = []): () => CpuSample {
  const workers = workersOf(serverPid);
  return () => ({
    at: Date.now(),
    server: cpuOf(serverPid),
    workers: workers.reduce((sum, pid) => sum + cpuOf(pid), 0),
    helpers: helperPids.reduce((sum, pid) => sum + cpuOf(pid), 0),
  });
}

export function cpuBetween(from: CpuSample, to: CpuSample): CpuSample {
  return {
    at: to.at - from.at,
    server: to.server - from.server,
    workers: to.workers - from.workers,
    helpers: to.helpers - from.helpers,
  };
}
