// Counts of the expensive steps a request takes (argon2 hashes, queued emails), so a test can
// show that two requests did the same work — e.g. sign-up with a known and an unknown email.
export type WorkStep = 'argon2.hash' | 'argon2.verify' | 'mail.queued';

const counts: Record<WorkStep, number> = { 'argon2.hash': 0, 'argon2.verify': 0, 'mail.queued': 0 };

export function countStep(step: WorkStep): void {
  counts[step] += 1;
}

/** A copy of the counters since the process started. */
export function workCounts(): Record<WorkStep, number> {
  return { ...counts };
}
