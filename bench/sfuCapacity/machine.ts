// CPU and socket-drop readings from /proc, taken at the edges of the send window only (never
// across set-up): the mediasoup worker's own CPU, this load generator's, the whole machine's, and
// UDP datagrams the kernel dropped because a socket's buffer was full — at the SFU's socket
// (the worker fell behind) or at this process's sockets (the receivers fell behind).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** User + system CPU seconds a process has used (fields 14 and 15 of /proc/<pid>/stat). */
export function processCpuSeconds(pid: number | 'self'): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces: count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Busy and total jiffies of all cores together, from /proc/stat. */
export function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

/** Socket inodes a process holds (to find its rows in /proc/net/udp). */
function socketInodes(pid: number | 'self'): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed between the listing and the look-up
    }
  }
  return inodes;
}

/** Datagrams dropped so far at the UDP sockets of a process (the last column of /proc/net/udp). */
export function udpDrops(pid: number | 'self'): number {
  const inodes = socketInodes(pid);
  let drops = 0;
  for (const file of ['/proc/net/udp', '/proc/net/udp6']) {
    let rows: string[];
    try {
      rows = readFileSync(file, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const row of rows) {
      const cols = row.trim().split(/\s+/);
      if (cols.length >= 13 && inodes.has(cols[9]!)) drops += Number(cols[12]);
    }
  }
  return drops;
}

export interface Readings {
  at: number;
  workerCpu: number;
  generatorCpu: number;
  machine: { busy: number; total: number };
  workerDrops: number;
  generatorDrops: number;
}

export function read(workerPid: number): Readings {
  return {
    at: performance.now(),
    workerCpu: processCpuSeconds(workerPid),
    generatorCpu: processCpuSeconds('self'),
    machine: machineTicks(),
    workerDrops: udpDrops(workerPid),
    generatorDrops: udpDrops('self'),
  };
}

export interface WindowCpu {
  seconds: number;
  /** Share of one core used by the worker (it is one thread: 1 = saturated). */
  worker: number;
  /** Share of one core used by this Node process (senders, receivers, SFU control). */
  generator: number;
  /** Share of all cores busy (ours and anyone else's). */
  machine: number;
  workerDrops: number;
  generatorDrops: number;
}

export function between(start: Readings, end: Readings): WindowCpu {
  const seconds = (end.at - start.at) / 1000;
  const total = end.machine.total - start.machine.total;
  return {
    seconds,
    worker: (end.workerCpu - start.workerCpu) / seconds,
    generator: (end.generatorCpu - start.generatorCpu) / seconds,
    machine: total > 0 ? (end.machine.busy - start.machine.busy) / total : 0,
    workerDrops: end.workerDrops - start.workerDrops,
    generatorDrops: end.generatorDrops - start.generatorDrops,
  };
}
