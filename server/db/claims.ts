// "Exactly one wins": inserting a document with a given _id is atomic on every MongoDB-wire
// server, including FerretDB v1 — whose updates are NOT atomic under concurrency (measured:
// 50 parallel {$inc: 1} left 7; 50 parallel conditional updates all matched). So anything
// that must happen once (a seat, a job run, a one-time link) is claimed by inserting its key.
import { createHash } from 'node:crypto';
import mongoose from 'mongoose';

const claimSchema = new mongoose.Schema(
  { _id: String, at: { type: Date, required: true } },
  { versionKey: false },
);
const Claim = mongoose.model('Claim', claimSchema, 'claims');

/** The server refused an insert: a document with that key (or unique field) is there already. */
export const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

/** True for exactly one caller per key, across all server processes. */
export async function claimOnce(key: string): Promise<boolean> {
  try {
    // Hashed: keys may name people (job ids do), and claims outlive erasure.
    await Claim.create({ _id: createHash('sha256').update(key).digest('hex'), at: new Date() });
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
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
