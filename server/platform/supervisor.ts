// Keeps a child process the platform started for itself (the embedded database; Redis or coturn
// where the platform starts them) alive: when it exits or stops answering its health probe, it
// is started again on the same data after a pause that grows, with one log line naming the
// child's last words. Never two copies: the old process must be gone (killed and reaped) before
// the next one starts, and `start` may check more (a port, a lock). After too many restarts in a
// short while it stops trying and says how to get out (a crash loop is visible, not hidden).
import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';

export interface Supervised {
  /** The running child; its exit is what the supervisor watches. */
  process: ChildProcess;
  /** Stops it cleanly (the supervisor's own stop calls this). */
  stop(): Promise<void>;
}

export interface SupervisorOptions<T extends Supervised> {
  /** For log lines and /readyz: "database", "redis", "turn". */
  name: string;
  /** Starts one copy; rejects when it cannot (its message should carry the child's last words). */
  start(): Promise<T>;
  /** Resolves true while the child answers; a freeze must resolve false (use a short timeout). */
  probe?: (child: T) => Promise<boolean>;
  probeEveryMs?: number;
  /** A probe that has not answered by then has failed. */
  probeTimeoutMs?: number;
  /** Failing probes for this long (none answering in between) and the child is killed and started again. */
  unhealthyAfterMs?: number;
  /** First pause before a restart; doubles each time up to maxPauseMs, reset after a calm spell. */
  pauseMs?: number;
  maxPauseMs?: number;
  /** Crash loop: more than `maxRestarts` restarts within `windowMs` and it stops trying. */
  maxRestarts?: number;
  windowMs?: number;
  /** What an operator can do when it gave up (the log path, another server to use). */
  wayOut?: string;
  log?: SupervisorLog;
}

export interface SupervisorLog {
  info(fields: Record<string, unknown>, line: string): void;
  warn(fields: Record<string, unknown>, line: string): void;
  error(fields: Record<string, unknown>, line: string): void;
}

export type SupervisorState = 'starting' | 'running' | 'restarting' | 'gaveUp' | 'stopped';

/** What others may read of a supervisor: its state, and when it changes. */
export interface SupervisedPart {
  readonly name: string;
  readonly state: SupervisorState;
  readonly reason: string;
  /** Ends the running child at once (a shutdown that cannot wait any longer). */
  killNow(): void;
  on(event: 'up' | 'down' | 'gaveUp', listener: (...args: unknown[]) => void): unknown;
  off(event: 'up' | 'down' | 'gaveUp', listener: (...args: unknown[]) => void): unknown;
}

/** The last lines a child wrote to stderr (what it said before it died). */
export class StderrTail {
  private lines: string[] = [];
  private partial = '';
  constructor(private readonly keep = 20) {}
  attach(child: ChildProcess): void {
    child.stderr?.on('data', (chunk: Buffer) => this.push(chunk.toString()));
  }
  push(text: string): void {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop() ?? '';
    this.lines.push(...parts.filter((line) => line.trim()));
    if (this.lines.length > this.keep) this.lines = this.lines.slice(-this.keep);
  }
  last(count = 3): string {
    const all = this.partial.trim() ? [...this.lines, this.partial] : this.lines;
    return all.slice(-count).join(' | ');
  }
}

const quietLog: SupervisorLog = { info() {}, warn() {}, error() {} };

/** Resolves once the process has exited (at once if it already has). */
export function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGKILL, then wait until the kernel has reaped it: only then may another copy start. */
export async function killAndReap(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await exitOf(child);
}

export class Supervisor<T extends Supervised> extends EventEmitter implements SupervisedPart {
  readonly name: string;
  state: SupervisorState = 'starting';
  /** Why it is down (or gave up); empty while running. */
  reason = '';
  current: T | undefined;
  readonly restarts: number[] = [];

  killNow(): void {
    this.state = 'stopped';
    this.current?.process.kill('SIGKILL');
  }
  private pause: number;
  private probeTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  /** A lost child being killed: stop() waits for it too, so nothing outlives the stop. */
  private reaping: Promise<void> | undefined;
  /** A restart under way: stop() waits for it and stops what it started. */
  private starting: Promise<T> | undefined;
  /** When the probes began to fail (0: the last one answered). */
  private failingSince = 0;
  private readonly log: SupervisorLog;

  constructor(private readonly options: SupervisorOptions<T>) {
    super();
    this.name = options.name;
    this.pause = options.pauseMs ?? 200;
    this.log = options.log ?? quietLog;
  }

  /** The first start: its failure is the caller's (start-up fails as before, plainly). */
  async start(): Promise<T> {
    const child = await this.options.start();
    this.running(child);
    return child;
  }

  private running(child: T): void {
    this.current = child;
    this.state = 'running';
    this.reason = '';
    this.failingSince = 0;
    child.process.once('exit', (code, signal) => {
      if (this.current !== child || this.state === 'stopped') return;
      this.lost(`${this.options.name} exited (${signal ?? `code ${code}`})`);
    });
    this.watch(child);
    this.emit('up', child);
  }

  private watch(child: T): void {
    const probe = this.options.probe;
    if (!probe) return;
    const every = this.options.probeEveryMs ?? 1000;
    const tick = async () => {
      if (this.current !== child || this.state !== 'running') return;
      const began = Date.now();
      const ok = await withTimeout(probe(child), this.options.probeTimeoutMs ?? 1500);
      if (this.current !== child || this.state !== 'running') return;
      if (ok) this.failingSince = 0;
      else this.failingSince ||= began;
      const failingMs = this.failingSince ? Date.now() - this.failingSince : 0;
      if (failingMs >= (this.options.unhealthyAfterMs ?? 5000)) {
        this.lost(`${this.options.name} stopped answering (for ${failingMs} ms)`);
        return;
      }
      this.probeTimer = setTimeout(() => void tick(), every);
      this.probeTimer.unref();
    };
    this.probeTimer = setTimeout(() => void tick(), every);
    this.probeTimer.unref();
  }

  /** The child died or hangs: kill what is left, wait until it is gone, start again later. */
  private lost(why: string, tail?: string): void {
    const old = this.current;
    this.current = undefined;
    clearTimeout(this.probeTimer);
    this.state = 'restarting';
    this.reason = why;
    this.emit('down', why);
    const now = Date.now();
    const windowMs = this.options.windowMs ?? 5 * 60_000;
    while (this.restarts.length && this.restarts[0]! < now - windowMs) this.restarts.shift();
    // A calm spell since the last restart: the pause starts small again.
    const last = this.restarts[this.restarts.length - 1];
    if (last === undefined || now - last > windowMs) this.pause = this.options.pauseMs ?? 200;
    const words = tail ?? (old ? lastWordsOf(old) : '');
    if (this.restarts.length >= (this.options.maxRestarts ?? 5)) {
      this.giveUp(why, words);
      this.reaping = old ? killAndReap(old.process) : undefined;
      return;
    }
    this.restarts.push(now);
    const pause = this.pause;
    this.pause = Math.min(this.pause * 2, this.options.maxPauseMs ?? 10_000);
    this.log.error(
      { child: this.options.name, lastWords: words, restartInMs: pause },
      `${why}; restarting it in ${pause} ms${words ? ` — its last words: ${words}` : ''}`,
    );
    this.reaping = old ? killAndReap(old.process) : undefined;
    void (async () => {
      await this.reaping;
      if (this.state !== 'restarting') return;
      this.retryTimer = setTimeout(() => void this.restart(), pause);
    })();
  }

  private async restart(): Promise<void> {
    if (this.state !== 'restarting') return;
    const began = Date.now();
    try {
      this.starting = this.options.start();
      const child = await this.starting.finally(() => (this.starting = undefined));
      // Stopped meanwhile: stop() waits for this start and stops the child itself.
      if (this.state !== 'restarting') return;
      this.log.warn(
        { child: this.options.name, pid: child.process.pid, startedInMs: Date.now() - began },
        `${this.options.name} restarted (pid ${child.process.pid})`,
      );
      this.running(child);
    } catch (error) {
      if (this.state !== 'restarting') return;
      const message = (error as Error).message;
      this.lost(`${this.options.name} did not start again`, message);
    }
  }

  private giveUp(why: string, words: string): void {
    this.state = 'gaveUp';
    const windowMin = Math.round((this.options.windowMs ?? 5 * 60_000) / 60_000);
    this.reason =
      `${why}: ${this.restarts.length} restarts within ${windowMin} min, no more tries` +
      (words ? ` — its last words: ${words}` : '');
    this.log.error(
      { child: this.options.name, lastWords: words },
      `${this.reason}. ${this.options.wayOut ?? ''}`.trim(),
    );
    this.emit('gaveUp', this.reason);
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    clearTimeout(this.probeTimer);
    clearTimeout(this.retryTimer);
    const child = this.current;
    this.current = undefined;
    // A copy starting right now would outlive us (the platform exits after stop): stop it too.
    const late = await this.starting?.catch(() => undefined);
    await Promise.all([child?.stop(), late?.stop(), this.reaping]);
  }
}

/** False when the probe fails or has not answered within `ms`. */
function withTimeout(probe: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([probe.catch(() => false), late]).finally(() => clearTimeout(timer));
}

const tails = new WeakMap<Supervised, StderrTail>();

/** Lets the supervisor quote the child's stderr when it dies (the start function calls it). */
export function keepLastWords(child: Supervised, tail: StderrTail): void {
  tails.set(child, tail);
}

function lastWordsOf(child: Supervised): string {
  return tails.get(child)?.last() ?? '';
}
