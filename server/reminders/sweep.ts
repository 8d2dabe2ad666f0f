// A periodic sweep started with the server (refresher reminders, referral reminders, expired
// sign-in data): runs now and every interval, one round at a time, and stops after the round in
// hand.
import type { Logger } from 'pino';
import type { Mailer } from '../mail/mailer.ts';
import { systemClock, type Clock } from './runner.ts';

export interface BaseSweepOptions {
  clock?: Clock;
  log: Logger;
}
/** A sweep that sends emails. */
export interface SweepOptions extends BaseSweepOptions {
  mailer: Mailer;
  publicUrl: string;
}

export abstract class PeriodicSweep<Options extends BaseSweepOptions = SweepOptions> {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  protected halted = false;
  protected readonly clock: Clock;

  constructor(
    protected readonly options: Options,
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

  /** Does every round due now; resolves to how many things it did (sent, removed). */
  runDue(): Promise<number> {
    this.running ??= this.sweep().finally(() => (this.running = undefined));
    return this.running;
  }

  protected abstract sweep(): Promise<number>;
}
