// Messages on their way, shared by the senders (load runs, settling) and the receivers' handlers.

/** One load window: what was sent in it and what came back. */
export interface Run {
  latencies: number[];
  ackLatencies: number[];
  counted: number;
  outstanding: number;
  errors: number;
  firstError: string;
}

export interface Outgoing {
  at: number;
  sender: number;
  counted: boolean;
  run: Run;
}

/** Messages in flight by client id: send time and sender, for the receivers to look up. */
export const inFlight = new Map<string, Outgoing>();
/** Client ids are unique across the suite's runs (the server deduplicates by them). */
let nextClientId = 0;

/** The next number for a client id; settling also picks its sender by it. */
export function takeClientNumber(): number {
  return nextClientId++;
}

export function clientIdFor(prefix: string, number: number): string {
  return `${prefix}${String(number).padStart(8, '0')}`;
}
