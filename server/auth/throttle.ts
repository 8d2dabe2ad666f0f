// Guessing protection, keyed to the email (whether or not an account exists, so nothing here
// reveals one) and to the client address. One client gets MAX_FAILURES wrong passwords per
// address within the window, then that client — only that one — is locked out of that address
// for LOCK_MS. Beyond MAX_FAILURES failures from all clients together, every attempt on the
// address waits, longer the more failures: guessing from many addresses stays slow, yet the
// owner still gets in from their own device. Each failure is its own inserted document (inserts
// are atomic on FerretDB, increments are not), so parallel guesses all count.
import { createHmac } from 'node:crypto';
import mongoose from 'mongoose';
import { op } from '../db/operators.ts';

export const MAX_FAILURES = 20;
const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;
/** The wait once the address has MAX_FAILURES failures; it doubles every 4 more, up to MAX_DELAY_MS. */
const FIRST_DELAY_MS = 250;
export const MAX_DELAY_MS = 5_000;

// Keyed hashes only: no email addresses, no IP addresses. `client` hashes the pair, so one
// client's attempts cannot be followed from one address to another.
const failureSchema = new mongoose.Schema(
  {
    key: { type: String, required: true, index: true },
    client: { type: String, required: true },
    at: { type: Date, required: true, expires: WINDOW_MS / 1000 },
  },
  { versionKey: false },
);
const LoginFailure = mongoose.model('LoginFailure', failureSchema, 'login_failures');
/** One per locked (address, client) pair; failures before `lockedUntil` no longer count. */
const lockSchema = new mongoose.Schema(
  {
    _id: String,
    key: { type: String, required: true },
    lockedUntil: { type: Date, required: true, expires: WINDOW_MS / 1000 },
  },
  { versionKey: false },
);
const LoginLock = mongoose.model('LoginLock', lockSchema, 'login_locks');

const hmac = (text: string) =>
  createHmac('sha256', 'rinnalla-login-throttle').update(text).digest('hex');

export interface Attempt {
  email: string;
  /** The client's address as the rate limits see it (IPv6 by /56 subnet). */
  client: string;
}

const keysOf = ({ email, client }: Attempt) => ({
  key: hmac(email),
  client: hmac(`${email}\n${client}`),
});

export type Verdict = { lockedUntil: Date } | { delayMs: number };

/** Whether this client may try now: locked out, or allowed after a wait (often 0). */
export async function checkAttempt(attempt: Attempt, now = new Date()): Promise<Verdict> {
  const { key, client } = keysOf(attempt);
  const lock = await LoginLock.findById(client).lean();
  if (lock && lock.lockedUntil > now) return { lockedUntil: lock.lockedUntil };
  const failures = await LoginFailure.countDocuments({
    key,
    at: op({ $gt: new Date(now.getTime() - WINDOW_MS) }),
  });
  return { delayMs: delayFor(failures) };
}

export function delayFor(failures: number): number {
  if (failures < MAX_FAILURES) return 0;
  const doublings = Math.floor((failures - MAX_FAILURES) / 4);
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(doublings, 16));
}

/** Counts a failure; returns true when it locked this client out of the address. */
export async function recordFailure(attempt: Attempt, now = new Date()): Promise<boolean> {
  const { key, client } = keysOf(attempt);
  await LoginFailure.create({ key, client, at: now });
  const lock = await LoginLock.findById(client).lean();
  const since = Math.max(now.getTime() - WINDOW_MS, lock?.lockedUntil.getTime() ?? 0);
  const recent = await LoginFailure.countDocuments({
    key,
    client,
    at: op({ $gt: new Date(since) }),
  });
  if (recent < MAX_FAILURES) return false;
  await LoginLock.updateOne(
    { _id: client },
    { key, lockedUntil: new Date(now.getTime() + LOCK_MS) },
    { upsert: true },
  );
  return true;
}

/** A right password from this client: its own failures and lock go (the others' stay). */
export async function clearClient(attempt: Attempt): Promise<void> {
  const { key, client } = keysOf(attempt);
  await LoginFailure.deleteMany({ key, client });
  await LoginLock.deleteOne({ _id: client });
}

/**
 * Failures that no longer count and locks that are over (TTL indexes do this on MongoDB; FerretDB
 * has none): the sign-in's count reads only the window's failures, not every one ever made.
 */
export async function forgetOldAttempts(now = new Date()): Promise<number> {
  const failures = await LoginFailure.deleteMany({
    at: op({ $lte: new Date(now.getTime() - WINDOW_MS) }),
  });
  const locks = await LoginLock.deleteMany({ lockedUntil: op({ $lte: now }) });
  return failures.deletedCount + locks.deletedCount;
}

/** A new password: guesses at the old one no longer matter, from any client. */
export async function clearFailures(email: string): Promise<void> {
  const key = hmac(email);
  await LoginFailure.deleteMany({ key });
  await LoginLock.deleteMany({ key });
}
