// The group shape and the timings that more than one part of the chat benchmark uses. The
// rates, windows and budget of the suite itself are in bench/chat.bench.ts.

export const GROUPS = 50;
export const FAMILIES = 9; // per group, besides its facilitator
export const MEMBERS = GROUPS * (FAMILIES + 1);
/** Who receives a group message: everyone in the group but its sender. */
export const RECIPIENTS = FAMILIES;

export const WARMUP_MS = 2000; // sent before each window, not counted
export const DRAIN_MS = 5000; // longest wait for a window's last deliveries
export const P99_LIMIT_MS = 100;
export const REQUEST_TIMEOUT_MS = 20_000;
