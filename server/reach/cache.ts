// Reach figures for a period, kept once counted. A year's figures read every attendance of the
// year from the ledger (seconds with a large organisation), and the coordinator's page and the
// funder's report ask for the same periods again and again. Every change of the ledger writes a
// new stamp for its Helsinki month, and an edit of a group's texts one for the groups; a kept
// answer holds the stamps it was counted under and is current while they all still match.
// A write during a count leaves a kept answer with the older stamps: it is counted again next time.
import { createHash, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import mongoose from 'mongoose';
import { replaceById } from '../db/rewrite.ts';
import type { ReachFigures } from '../protocol/groups.ts';

const stampSchema = new mongoose.Schema(
  { _id: String, stamp: { type: String, required: true } },
  { versionKey: false },
);
const ReachStamp = mongoose.model('ReachStamp', stampSchema, 'reach_stamps');

const keptSchema = new mongoose.Schema(
  {
    /** One of SLOTS: the cache stays this small whatever periods are asked for. */
    _id: String,
    period: { type: String, required: true },
    stamps: [String],
    figures: { type: mongoose.Schema.Types.Mixed, required: true },
  },
  { versionKey: false },
);
const KeptFigures = mongoose.model('KeptFigures', keptSchema, 'reach_kept');

const SLOTS = 64;
const GROUPS = 'groups';

const stamp = (_id: string) => replaceById(ReachStamp, _id, { _id, stamp: randomUUID() });

/** The ledger changed on this Helsinki date (YYYY-MM-DD). */
export const ledgerChanged = (date: string) => stamp(date.slice(0, 7));

/** A group's title, languages, region or topics changed: figures name them. */
export const groupTextsChanged = () => stamp(GROUPS);

/** A month's (YYYY-MM) stamp: '' when the ledger of that month never changed since it was written. */
const monthStamp = async (month: string): Promise<string> =>
  (await ReachStamp.findById(month).lean())?.stamp ?? '';

/**
 * A month's stamp, made when it has none (a ledger written in bulk: a seed, a migration), so
 * that what was read under it can be kept (ledger.ts).
 */
export async function stampOf(month: string): Promise<string> {
  const found = await monthStamp(month);
  if (found) return found;
  await stamp(month);
  return monthStamp(month);
}

function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (
    let month = DateTime.fromISO(from).startOf('month');
    month.toISODate()! <= to;
    month = month.plus({ months: 1 })
  )
    months.push(month.toFormat('yyyy-MM'));
  return months;
}

/** Counts under way in this process, by period: one at a time each. */
const counting = new Map<string, Promise<ReachFigures>>();

/**
 * The figures for a period. Kept ones still matching their stamps are answered at once. Kept
 * ones counted before a change are answered too, marked `updating`, while they are counted again
 * in the background (a year takes seconds with a large organisation: nobody waits for it) —
 * unless `fresh` is asked (the funder's file must hold the figures as they are now).
 */
export async function keptFigures(
  from: string,
  to: string,
  count: () => Promise<Omit<ReachFigures, 'countedAt' | 'updating'>>,
  /** `scope` keeps figures of a part (a region) apart from the whole's. */
  { fresh = false, scope = '' } = {},
): Promise<ReachFigures> {
  const period = scope ? `${from}..${to}|${scope}` : `${from}..${to}`;
  const keys = [...monthsOf(from, to), GROUPS];
  const [stamps, kept] = await Promise.all([
    Promise.all(keys.map((key) => (key === GROUPS ? monthStamp(key) : stampOf(key)))),
    KeptFigures.findById(slotOf(period)).lean(),
  ]);
  const same = kept?.period === period;
  if (same && kept.stamps.join() === stamps.join()) return kept.figures as ReachFigures;
  const counted = () => {
    const running =
      counting.get(period) ?? recount(period, stamps, count).finally(() => counting.delete(period));
    counting.set(period, running);
    return running;
  };
  if (!same || fresh) return counted();
  counted().catch(() => undefined); // the next request counts again
  return { ...(kept.figures as ReachFigures), updating: true };
}

async function recount(
  period: string,
  stamps: string[],
  count: () => Promise<Omit<ReachFigures, 'countedAt' | 'updating'>>,
): Promise<ReachFigures> {
  const countedAt = new Date().toISOString();
  const figures: ReachFigures = { ...(await count()), countedAt, updating: false };
  await replaceById(KeptFigures, slotOf(period), { _id: slotOf(period), period, stamps, figures });
  return figures;
}

const slotOf = (period: string) =>
  `slot-${createHash('sha256').update(period).digest().readUInt32BE(0) % SLOTS}`;
