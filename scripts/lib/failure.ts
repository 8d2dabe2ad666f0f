// A provisioning failure a newcomer can act on: what failed, the command that shows why, the
// way out, and where the raw output went. run.ts prints it as one paragraph, never a stack.
export interface FailureDetails {
  /** What failed, in one or two plain sentences. */
  what: string;
  /** A command the reader can run to see the cause for themselves. */
  see?: string;
  /** What to do instead: a variable to set, a package to install. */
  wayOut: string;
  /** The log file that holds the raw output of the failed step. */
  log?: string;
}

export class ProvisionFailure extends Error {
  constructor(readonly details: FailureDetails) {
    super(details.what);
    this.name = 'ProvisionFailure';
  }
}

/** The paragraph printed for a failed step (ProvisionFailure or any other error). */
export function describeFailure(error: unknown, fallbackLog?: string): string {
  if (error instanceof ProvisionFailure) {
    const { what, see, wayOut, log } = error.details;
    return [
      what,
      see ? `To see why, run: ${see}` : '',
      wayOut,
      log ? `The full output is in ${log}` : '',
    ]
      .filter(Boolean)
      .join('\n  ');
  }
  const message = error instanceof Error ? error.message : String(error);
  const firstLines = message.split('\n').slice(0, 6).join('\n  ');
  return fallbackLog ? `${firstLines}\n  The full output is in ${fallbackLog}` : firstLines;
}
