// When each job is due, kept so that the sweep reads only the minutes that passed since it last
// looked — never the jobs collection, which grows by every reminder ever sent. A job due in a
// minute gets a slot `due:<minute>:<n>` (n = 1, 2, … taken by inserting it, so two processes
// never share one); the sweep reads a minute's slots by key until one is missing. A job moved
// to another time gets another slot; the old one is ignored when its job no longer matches.
import mongoose from 'mongoose';
import { isDuplicateKey } from '../db/claims.ts';

const slotSchema = new mongoose.Schema(
  { _id: String, jobId: { type: String, required: true } },
  { versionKey: false },
);
const Slot = mongoose.model('JobSlot', slotSchema, 'job_slots');

/**
 * How far the runners got (shared by the server processes; any may move them on): the sweep's
 * minute, and the time up to which sessions' reminders are planned (horizon.ts).
 */
const cursorSchema = new mongoose.Schema(
  { _id: String, minute: { type: Number }, until: { type: Date } },
  { versionKey: false },
);
export const Cursor = mongoose.model('JobCursor', cursorSchema, 'job_cursors');
const CURSOR = 'sweep';

export const minuteOf = (at: Date) => Math.floor(at.getTime() / 60_000);
const slotId = (minute: number, n: number) => `due:${minute}:${n}`;
/** A first sweep on a database with no cursor looks this far back. */
const FIRST_LOOK_BACK_MINUTES = 24 * 60;
const BATCH = 10;
const MINUTES_AT_ONCE = 60;

/**
 * The highest slot this process saw taken, per minute: a claim starts above it (slots are added
 * without gaps, so when it is still there every one below is too) instead of trying each from
 * the first again — in a busy minute (a hundred families enrolling at once) each claim would
 * cost one more insert. Checked first: the database may not be the one it was seen in.
 */
const takenUpTo = new Map<number, number>();
const REMEMBERED_MINUTES = 512;

function sawTaken(minute: number, n: number): void {
  if ((takenUpTo.get(minute) ?? 0) >= n) return;
  takenUpTo.delete(minute); // re-inserted last: the oldest minute is forgotten first
  takenUpTo.set(minute, n);
  if (takenUpTo.size > REMEMBERED_MINUTES) takenUpTo.delete(takenUpTo.keys().next().value!);
}

/** Puts a job in the minute it is due (not before the sweep's cursor: it would never be read). */
export async function enqueue(jobId: string, runAt: Date): Promise<void> {
  const cursor = await Cursor.findById(CURSOR).lean();
  const minute = Math.max(minuteOf(runAt), cursor?.minute ?? 0);
  const seen = takenUpTo.get(minute);
  const from = seen && (await Slot.exists({ _id: slotId(minute, seen) })) ? seen + 1 : 1;
  for (let n = from; ; n += 1) {
    try {
      await Slot.create({ _id: slotId(minute, n), jobId });
      sawTaken(minute, n);
      return;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      sawTaken(minute, n);
    }
  }
}

/** The jobs of one minute whose first slot exists, in the order they were put there. */
async function jobsOfMinute(minute: number, first: string): Promise<string[]> {
  const ids = [first];
  for (let n = 2; ; n += BATCH) {
    const slots = await Promise.all(
      Array.from({ length: BATCH }, (_, i) => Slot.findById(slotId(minute, n + i)).lean()),
    );
    const end = slots.findIndex((s) => s === null);
    ids.push(...slots.slice(0, end === -1 ? BATCH : end).map((s) => s!.jobId));
    if (end !== -1) return ids;
  }
}

/**
 * The ids of jobs due from where the sweep got to until now (this minute included: more may come
 * into it). Minutes are looked at an hour at a time (the first slot of each), so catching up
 * after a day off is quick. The sweep moves on (`sweptUpTo`) only once every job it was given
 * has been handled: a runner stopped mid-way — its database gone — leaves the minutes to be read
 * again, and the jobs already done are passed over.
 */
export async function dueJobIds(now: Date): Promise<{ ids: string[]; minute: number }> {
  const current = minuteOf(now);
  const cursor = await Cursor.findById(CURSOR).lean();
  const from = Math.min(cursor?.minute ?? current - FIRST_LOOK_BACK_MINUTES, current);
  const ids: string[] = [];
  for (let start = from; start <= current; start += MINUTES_AT_ONCE) {
    const minutes = Array.from(
      { length: Math.min(MINUTES_AT_ONCE, current - start + 1) },
      (_, i) => start + i,
    );
    const firsts = await Promise.all(minutes.map((m) => Slot.findById(slotId(m, 1)).lean()));
    for (const [i, first] of firsts.entries())
      if (first) ids.push(...(await jobsOfMinute(minutes[i]!, first.jobId)));
  }
  return { ids, minute: current };
}

/** Earlier minutes are done with: the next sweep starts at `minute` (it may still fill up). */
export async function sweptUpTo(minute: number): Promise<void> {
  const cursor = await Cursor.findById(CURSOR).lean();
  if (cursor?.minute == null || cursor.minute < minute)
    await Cursor.updateOne({ _id: CURSOR }, { minute }, { upsert: true });
}
