// Sends due reminders and notices: claims a job with a lease (so two server processes never take
// the same one), writes the in-app notification keyed by the job (idempotent), emails it keyed by
// the job too, and marks it done. A job whose lease ran out — its server or its database stopped
// at any point on the way — is taken up again, and its email is not sent twice (mailer.ts).
import type { Logger } from 'pino';
import { claimLease } from '../db/claims.ts';
import { statusIn } from '../groups/memberships.ts';
import { facilitatorIds, Group } from '../groups/group.model.ts';
import type { Mailer } from '../mail/mailer.ts';
import { Person } from '../people/person.model.ts';
import type { LanguageCode } from '../protocol/languages.ts';
import { GroupSession } from '../sessions/groupSession.model.ts';
import { Job, type JobDoc } from './job.model.ts';
import { notify } from './notification.model.ts';
import { planAhead } from './horizon.ts';
import { onNoticePlanned } from './planning.ts';
import { dueJobIds, enqueue, sweptUpTo } from './queue.ts';
import { emailFor } from './texts.ts';

const LEASE_MS = 5 * 60_000;
const PLAN_EVERY_MS = 3600_000;
/** Notices planned together (a promotion and its counts) go out in one round. */
const NOTICE_DELAY_MS = 200;

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export interface RunnerOptions {
  clock?: Clock;
  mailer: Mailer;
  log: Logger;
  publicUrl: string;
}

export class ReminderRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;
  private readonly clock: Clock;
  private plannedAt: Date | undefined;
  private halted = false;
  private unsubscribe: (() => void) | undefined;
  private soon: NodeJS.Timeout | undefined;

  constructor(private readonly options: RunnerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  start(intervalMs = 30_000): void {
    // A notice (a place confirmed, the waitlist, a cancelled session) goes out within moments.
    this.unsubscribe = onNoticePlanned(() => {
      this.soon ??= setTimeout(() => {
        this.soon = undefined;
        // A round already under way may have looked before this notice existed: run after it.
        void (this.running ?? Promise.resolve())
          .catch(() => undefined)
          .then(() => this.runDue())
          .catch((error: unknown) => this.options.log.error({ err: error }, 'notices failed'));
      }, NOTICE_DELAY_MS);
    });
    this.timer = setInterval(
      () =>
        void this.runDue().catch((error: unknown) =>
          this.options.log.error({ err: error }, 'reminders failed'),
        ),
      intervalMs,
    );
    this.timer.unref();
  }

  /** Finishes the job in hand and stops (shutdown must not wait for a long queue). */
  async stop(): Promise<void> {
    this.halted = true;
    this.unsubscribe?.();
    clearTimeout(this.soon);
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Runs every job due now; resolves to how many were sent. */
  runDue(): Promise<number> {
    this.running ??= this.drain().finally(() => (this.running = undefined));
    return this.running;
  }

  private async drain(): Promise<number> {
    // Once an hour (and at start-up), plan reminders for sessions entering the horizon.
    const now = this.clock.now();
    if (this.halted) return 0;
    if (!this.plannedAt || now.getTime() - this.plannedAt.getTime() > PLAN_EVERY_MS) {
      await planAhead(now);
      this.plannedAt = now;
    }
    let sent = 0;
    // The minutes since the last round, read by key (queue.ts): the jobs piled up over the years
    // are never searched.
    const due = await dueJobIds(now);
    for (const jobId of due.ids) {
      // Stopped (or thrown out by a database gone) before the end: the sweep stays where it was.
      if (this.halted) return sent;
      const job = await this.claim(jobId, this.clock.now());
      if (!job) continue;
      try {
        if (await this.deliver(job)) sent += 1;
        await Job.updateOne(
          { _id: job._id },
          { status: 'done', doneAt: this.clock.now(), leaseUntil: null },
        );
      } catch (error) {
        this.options.log.error(
          { err: error, job: job._id },
          'could not send a reminder; will retry',
        );
        const retryAt = new Date(this.clock.now().getTime() + 60_000);
        await Job.updateOne(
          { _id: job._id },
          { status: 'pending', runAt: retryAt, leaseUntil: null },
        );
        await enqueue(job._id, retryAt);
      }
    }
    await sweptUpTo(due.minute);
    return sent;
  }

  /**
   * Claims the next attempt of a due job, if it is still due and nobody's lease on it runs
   * (claims.ts: of two runners exactly one gets it; after a holder died, the next attempt).
   */
  private async claim(jobId: string, now: Date): Promise<JobDoc | null> {
    const job = await Job.findById(jobId).lean();
    if (!job || job.runAt > now || job.status === 'done' || job.status === 'cancelled') return null;
    if (job.status === 'running' && job.leaseUntil && job.leaseUntil > now) return null;
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    // Looked at again when the lease ends, in case this process stops before finishing: put
    // there before claiming, so that no moment between the claim and "done" leaves it unseen.
    await enqueue(jobId, leaseUntil);
    const attempt = await claimLease(`job:${job._id}`, job.attempts + 1, now, LEASE_MS);
    if (attempt === null) return null;
    await Job.updateOne({ _id: job._id }, { status: 'running', attempts: attempt, leaseUntil });
    return { ...job, attempts: attempt } as JobDoc;
  }

  /** False when the job no longer applies (enrolment ended, session cancelled…). */
  private async deliver(job: JobDoc): Promise<boolean> {
    const [person, group, session] = await Promise.all([
      Person.findById(job.personId).lean(),
      Group.findById(job.groupId).lean(),
      job.sessionId ? GroupSession.findById(job.sessionId).lean() : null,
    ]);
    if (!person || !group) return false;
    if (job.kind === 'reminder') {
      if (!session || session.status === 'cancelled') return false;
      const member =
        facilitatorIds(group).includes(String(person._id)) ||
        (await statusIn(group._id, String(person._id))) === 'confirmed';
      if (!member) return false;
    }
    const kind = job.kind === 'reminder' ? 'reminder' : job.topic;
    await notify(job._id, {
      personId: person._id,
      kind,
      groupId: group._id,
      sessionId: session?._id ?? null,
    });
    if (person.reminders?.email !== false || job.kind === 'notice') {
      const lang = person.language as LanguageCode;
      await this.options.mailer.send({
        key: `job:${job._id}`,
        to: person.email,
        lang,
        ...emailFor(kind, lang, group, session, this.options.publicUrl),
      });
    }
    return true;
  }
}
