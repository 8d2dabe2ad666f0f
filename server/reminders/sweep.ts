// A periodic sweep started with the server (refresher reminders, referral reminders): runs now
// and every interval, one round at a time, and stops after the round in hand.
import type { Logger } from 'pino';
import type { Mailer } from '../mail/mailer.ts';
import { systemClock, type Clock } from './runner.ts';

export interface SweepOptions {
  clock?: Clock;
  mailer: Mailer;
  log: Logger;
  publicUrl: string;
}

export abstract class PeriodicSweep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  protected halted = false;
  protected readonly clock: Clock;

  constructor(
    protected readonly options: SweepOptions,
    private readonly name: string,
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /** Sweeps now and then every interval (an hour is plenty for a reminder days ahead). */
  start(intervalMs = 3600_000): void {
    const sweep = () =>
      void this.runDue().catch((error: unknown) =>
        this.options.log.error({ err: error }, `${this.name} failed`),
      );
    sweep();
    this.timer = setInterval(sweep, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.halted = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Sends every reminder due now; resolves to how many were sent. */
  runDue(): Promise<number> {
    this.running ??= this.sweep().finally(() => (this.running = undefined));
    return this.running;
  }

  protected abstract sweep(): Promise<number>;
}
