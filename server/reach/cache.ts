// Reach figures for a period, kept once counted. A year's figures read every attendance of the
// year from the ledger (seconds with a large organisation), and the coordinator's page and the
// funder's report ask for the same periods again and again. Every change of the ledger writes a
// new stamp for its Helsinki month, and an edit of a group's texts one for the groups; a kept
// answer holds the stamps it was counted under and is used only while they all still match.
// A write during a count leaves a kept answer with the older stamps: it is counted again next time.
import { createHash, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import mongoose from 'mongoose';
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

const stamp = (_id: string) =>
  ReachStamp.replaceOne({ _id }, { _id, stamp: randomUUID() }, { upsert: true });

/** The ledger changed on this Helsinki date (YYYY-MM-DD). */
export const ledgerChanged = (date: string) => stamp(date.slice(0, 7));

/** A group's title, languages, region or topics changed: figures name them. */
export const groupTextsChanged = () => stamp(GROUPS);

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

export async function keptFigures(
  from: string,
  to: string,
  count: () => Promise<ReachFigures>,
): Promise<ReachFigures> {
  const period = `${from}..${to}`;
  const keys = [...monthsOf(from, to), GROUPS];
  const [stamps, kept] = await Promise.all([
    Promise.all(keys.map(async (k) => (await ReachStamp.findById(k).lean())?.stamp ?? '')),
    KeptFigures.findById(slotOf(period)).lean(),
  ]);
  if (kept && kept.period === period && kept.stamps.join() === stamps.join())
    return kept.figures as ReachFigures;
  const figures = await count();
  await KeptFigures.replaceOne(
    { _id: slotOf(period) },
    { _id: slotOf(period), period, stamps, figures },
    { upsert: true },
  );
  return figures;
}

const slotOf = (period: string) =>
  `slot-${createHash('sha256').update(period).digest().readUInt32BE(0) % SLOTS}`;
