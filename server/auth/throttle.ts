// Guessing protection per email address — whether or not an account exists, so the lock itself
// reveals nothing: after MAX_FAILURES wrong passwords within the window the address is locked
// for LOCK_MS, and even the right password fails until then.
import { createHmac } from 'node:crypto';
import mongoose from 'mongoose';

export const MAX_FAILURES = 20;
const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

const throttleSchema = new mongoose.Schema(
  {
    _id: String, // keyed hash of the email: the collection holds no addresses
    failures: { type: Number, default: 0 },
    windowStart: { type: Date, required: true },
    lockedUntil: { type: Date, default: null },
  },
  { versionKey: false },
);
const LoginThrottle = mongoose.model('LoginThrottle', throttleSchema, 'login_throttles');

const keyOf = (email: string) =>
  createHmac('sha256', 'rinnalla-login-throttle').update(email).digest('hex');

/** The time the address stays locked, or null when a sign-in may be tried. */
export async function lockedUntil(email: string, now = new Date()): Promise<Date | null> {
  const entry = await LoginThrottle.findById(keyOf(email)).lean();
  return entry?.lockedUntil && entry.lockedUntil > now ? entry.lockedUntil : null;
}

/** Counts a failure (atomically: parallel guesses all count); true when it locked the address. */
export async function recordFailure(email: string, now = new Date()): Promise<boolean> {
  const _id = keyOf(email);
  const entry = await LoginThrottle.findOneAndUpdate(
    { _id },
    { $inc: { failures: 1 }, $setOnInsert: { windowStart: now } },
    { upsert: true, new: true },
  ).lean();
  if (now.getTime() - entry.windowStart.getTime() > WINDOW_MS) {
    await LoginThrottle.updateOne(
      { _id, windowStart: entry.windowStart },
      { failures: 1, windowStart: now },
    );
    return false;
  }
  if (entry.failures < MAX_FAILURES) return false;
  await LoginThrottle.updateOne(
    { _id },
    { failures: 0, windowStart: now, lockedUntil: new Date(now.getTime() + LOCK_MS) },
  );
  return true;
}

export async function clearFailures(email: string): Promise<void> {
  await LoginThrottle.deleteOne({ _id: keyOf(email) });
}
