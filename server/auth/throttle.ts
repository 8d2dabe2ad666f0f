// Guessing protection per email address — whether or not an account exists, so the lock itself
// reveals nothing: after MAX_FAILURES wrong passwords within the window the address is locked
// for LOCK_MS, and even the right password fails until then. Each failure is its own inserted
// document (inserts are atomic on FerretDB, increments are not), so parallel guesses all count.
import { createHmac } from 'node:crypto';
import mongoose from 'mongoose';
import { op } from '../db/operators.ts';

export const MAX_FAILURES = 20;
const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

// Keyed hashes of the email: neither collection holds addresses.
const failureSchema = new mongoose.Schema(
  { key: { type: String, required: true, index: true }, at: { type: Date, required: true } },
  { versionKey: false },
);
const LoginFailure = mongoose.model('LoginFailure', failureSchema, 'login_failures');
const lockSchema = new mongoose.Schema(
  { _id: String, lockedUntil: { type: Date, required: true } },
  { versionKey: false },
);
const LoginLock = mongoose.model('LoginLock', lockSchema, 'login_locks');

const keyOf = (email: string) =>
  createHmac('sha256', 'rinnalla-login-throttle').update(email).digest('hex');

/** The time the address stays locked, or null when a sign-in may be tried. */
export async function lockedUntil(email: string, now = new Date()): Promise<Date | null> {
  const lock = await LoginLock.findOne({ _id: keyOf(email), lockedUntil: op({ $gt: now }) }).lean();
  return lock?.lockedUntil ?? null;
}

/** Counts a failure; returns true when this failure locked the address. */
export async function recordFailure(email: string, now = new Date()): Promise<boolean> {
  const key = keyOf(email);
  await LoginFailure.create({ key, at: now });
  const recent = await LoginFailure.countDocuments({
    key,
    at: op({ $gt: new Date(now.getTime() - WINDOW_MS) }),
  });
  if (recent < MAX_FAILURES) return false;
  await LoginLock.updateOne(
    { _id: key },
    { lockedUntil: new Date(now.getTime() + LOCK_MS) },
    { upsert: true },
  );
  await LoginFailure.deleteMany({ key });
  return true;
}

export async function clearFailures(email: string): Promise<void> {
  const key = keyOf(email);
  await LoginFailure.deleteMany({ key });
  await LoginLock.deleteOne({ _id: key });
}
