// "Exactly one wins": inserting a document with a given _id is atomic on every MongoDB-wire
// server, including FerretDB v1 — whose updates are NOT atomic under concurrency (measured:
// 50 parallel {$inc: 1} left 7; 50 parallel conditional updates all matched). So anything
// that must happen once (a seat, a job run, a one-time link) is claimed by inserting its key.
import { createHash } from 'node:crypto';
import mongoose from 'mongoose';

const claimSchema = new mongoose.Schema(
  {
    _id: String,
    at: { type: Date, required: true },
    /** A lease's end (claimLease); absent on claims that never expire (claimOnce). */
    until: { type: Date },
  },
  { versionKey: false },
);
const Claim = mongoose.model('Claim', claimSchema, 'claims');

/** The server refused an insert: a document with that key (or unique field) is there already. */
export const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

// Hashed: keys may name people (job ids do), and claims outlive erasure.
export const keyDigest = (key: string) => createHash('sha256').update(key).digest('hex');
const claimId = keyDigest;

/** An ObjectId standing for a key, for documents that must exist once per key. */
export const keyedObjectId = (key: string) =>
  new mongoose.Types.ObjectId(keyDigest(key).slice(0, 24));

/** Runs an insert; false when a document with its _id (or unique field) is there already. */
export async function insertOnce(insert: () => Promise<unknown>): Promise<boolean> {
  try {
    await insert();
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}

const insertClaim = (key: string, at: Date, until?: Date) =>
  insertOnce(() => Claim.create({ _id: claimId(key), at, ...(until ? { until } : {}) }));

/** True for exactly one caller per key, across all server processes. */
export const claimOnce = (key: string): Promise<boolean> => insertClaim(key, new Date());

/** Attempts of one piece of work whose holders all died: past this, something else is wrong. */
const MOST_ATTEMPTS = 100;

/**
 * Claims the next attempt (`<key>:<n>`, n from `firstAttempt`) of work that must be done by one
 * process at a time and finished even when its process dies: each attempt is its own inserted
 * claim holding a lease until `now + leaseMs`. While an attempt's lease runs, nobody else gets
 * one; once it has run out unfinished (the holder died, or its database went away between the
 * claim and the work's own bookkeeping), the next attempt may be claimed — by exactly one
 * caller, since it too is an insert. Resolves to the attempt held, or null while another holds
 * one. The work's own record should remember the attempt (fewer claims to step over next time).
 */
export async function claimLease(
  key: string,
  firstAttempt: number,
  now: Date,
  leaseMs: number,
): Promise<number | null> {
  const until = new Date(now.getTime() + leaseMs);
  for (let attempt = firstAttempt; attempt < firstAttempt + MOST_ATTEMPTS; attempt += 1) {
    if (await insertClaim(`${key}:${attempt}`, now, until)) return attempt;
    const held = await Claim.findById(claimId(`${key}:${attempt}`)).lean();
    // A claim from before leases existed (no `until`) lasted as long as this lease does.
    const end = held?.until ?? new Date((held?.at ?? now).getTime() + leaseMs);
    if (end > now) return null;
  }
  throw new Error(`${key}: ${MOST_ATTEMPTS} attempts claimed and abandoned`);
}

/**
 * Runs work for one key at a time in this process, in arrival order. Together with claims it
 * keeps per-group bookkeeping (arrival numbers, counters) consistent.
 */
const queues = new Map<string, Promise<unknown>>();
export function serialised<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}
