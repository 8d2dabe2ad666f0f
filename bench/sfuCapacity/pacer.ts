// Sends every synthetic frame on its own schedule, from one timer. A frame whose slot passed more
// than MAX_LATE_MS ago is dropped, not sent in a burst (an encoder starved of CPU drops frames
// too): so a load generator that cannot keep up shows as offered < nominal, never as a burst
// that would make the SFU look worse than it is.
import { performance } from 'node:perf_hooks';

const MAX_LATE_MS = 100;
const TICK_MS = 2;

/** Wall-clock milliseconds with sub-millisecond steps (sender reports carry wall time). */
export const clock = (): number => performance.timeOrigin + performance.now();

interface Task {
  next: number;
  intervalMs: number;
  run: (atMs: number) => void;
}

export class Pacer {
  private readonly tasks: Task[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Frames dropped for lateness since start (each would have been a send). */
  dropped = 0;

  /** Runs `run(slot)` every `intervalMs`, starting at a random phase so peers do not align. */
  every(intervalMs: number, run: (atMs: number) => void): void {
    this.tasks.push({ next: clock() + Math.random() * intervalMs, intervalMs, run });
  }

  start(): void {
    this.timer ??= setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.tasks.length = 0;
  }

  private tick(): void {
    const now = clock();
    for (const task of this.tasks) {
      while (task.next <= now) {
        if (now - task.next > MAX_LATE_MS) this.dropped += 1;
        else task.run(task.next);
        task.next += task.intervalMs;
      }
    }
  }
}
