// Who was present at each session, by the Helsinki day it started: one document per day, kept
// by every change of attendance, so a year's reach reads ~365 documents by key instead of every
// session and attendance row ever stored (FerretDB would search them all). Families appear as
// HMACs (privacy/opaqueId.ts): they are counted, never named; erasure takes them out.
import mongoose from 'mongoose';
import { rewrite } from '../db/rewrite.ts';
import { groupBy } from '../platform/groupBy.ts';
import { ledgerChanged, stampOf } from './cache.ts';
import { facilitatorIds, Group, type GroupDoc } from '../groups/group.model.ts';
import { helsinkiDate } from '../groups/schedule.ts';
import { opaqueId } from '../privacy/opaqueId.ts';
import { registerPersonalData } from '../privacy/personalData.ts';
import { Attendance, attendanceKey, onPresence } from '../sessions/attendance.model.ts';
import { GroupSession } from '../sessions/groupSession.model.ts';

const daySchema = new mongoose.Schema(
  {
    /** The Helsinki date, YYYY-MM-DD. */
    _id: String,
    sessions: [
      {
        _id: false,
        sessionId: { type: mongoose.Schema.Types.ObjectId, required: true },
        groupId: { type: mongoose.Schema.Types.ObjectId, required: true },
        startsAt: { type: Date, required: true },
        families: [String],
      },
    ],
  },
  { versionKey: false },
);
export const ReachDay = mongoose.model('ReachDay', daySchema, 'reach_days');

export interface LedgerEntry {
  sessionId: unknown;
  groupId: unknown;
  startsAt: Date;
  families: string[];
}
interface DayDoc {
  _id: string;
  sessions: LedgerEntry[];
}

/** The group's staff: their attendance is not reach (the host joins every session). */
export const STAFF = { leadFacilitatorId: 1, coFacilitatorId: 1, trainerId: 1 } as const;
export const staffOf = (
  group: Pick<GroupDoc, 'leadFacilitatorId' | 'coFacilitatorId' | 'trainerId'>,
) => [...facilitatorIds(group), ...(group.trainerId ? [String(group.trainerId)] : [])];

/** 96 bits of the family's HMAC: unique enough to count, and a year's ledger stays small. */
export const familyKey = (personId: unknown) =>
  opaqueId('reach-family', String(personId)).slice(-16);
const same = (a: unknown, b: unknown) => String(a) === String(b);

/** Sets whether a person counts as present at a session (absent or cancelled: not counted). */
export async function notePresence(
  session: { _id: unknown; groupId: unknown; startsAt: Date },
  personId: unknown,
  present: boolean,
): Promise<void> {
  const _id = helsinkiDate(session.startsAt);
  const family = familyKey(personId);
  const holds = (doc: DayDoc | null) =>
    !!doc?.sessions.find((s) => same(s.sessionId, session._id))?.families.includes(family);
  await rewrite<DayDoc>(
    ReachDay,
    _id,
    (current) => {
      const sessions = current?.sessions ?? [];
      const entry = sessions.find((s) => same(s.sessionId, session._id)) ?? {
        sessionId: session._id,
        groupId: session.groupId,
        startsAt: session.startsAt,
        families: [],
      };
      const families = entry.families.filter((f) => f !== family);
      if (present) families.push(family);
      const others = sessions.filter((s) => !same(s.sessionId, session._id));
      return { _id, sessions: families.length ? [...others, { ...entry, families }] : others };
    },
    (doc) => holds(doc) === present,
  );
  await ledgerChanged(_id);
}

/** A cancelled session reaches nobody. */
export async function forgetSession(session: { _id: unknown; startsAt: Date }): Promise<void> {
  const _id = helsinkiDate(session.startsAt);
  const there = (doc: DayDoc) => doc.sessions.some((s) => same(s.sessionId, session._id));
  const current = (await ReachDay.findById(_id).lean()) as DayDoc | null;
  if (!current || !there(current)) return;
  await rewrite<DayDoc>(
    ReachDay,
    _id,
    (doc) => ({
      _id,
      sessions: (doc?.sessions ?? []).filter((s) => !same(s.sessionId, session._id)),
    }),
    (doc) => !there(doc),
  );
  await ledgerChanged(_id);
}

/** The sessions held on these Helsinki days, read by key. */
export async function heldOn(days: string[]): Promise<LedgerEntry[]> {
  const byMonth = groupBy(days, (day) => day.slice(0, 7));
  const entries: LedgerEntry[] = [];
  const asked = new Set(byMonth.keys());
  for (const [month, monthDays] of byMonth)
    entries.push(...(await monthHeld(month, monthDays, asked)));
  return entries;
}

/**
 * A month's days as last read in this process, under the month's stamp (cache.ts): a count after
 * a change re-reads only the months whose stamp moved (a year is ~365 documents and seconds with
 * a large organisation). Bounded by the sessions held; the oldest read go first.
 */
const months = new Map<string, { stamp: string; days: Map<string, LedgerEntry[]>; size: number }>();
const MAX_CACHED_SESSIONS = 100_000;
let cachedSessions = 0;

async function monthHeld(
  month: string,
  days: string[],
  asked: Set<string>,
): Promise<LedgerEntry[]> {
  // The stamp is read before the days: a change in between leaves a newer read under an older
  // stamp, read again next time.
  const stamp = await stampOf(month);
  let cached = months.get(month);
  if (cached?.stamp !== stamp) {
    if (cached) cachedSessions -= cached.size;
    months.delete(month);
    cached = { stamp, days: new Map(), size: 0 };
  }
  const missing = days.filter((day) => !cached.days.has(day));
  for (let i = 0; i < missing.length; i += 50) {
    const batch = missing.slice(i, i + 50);
    const docs = await Promise.all(
      batch.map((day) => ReachDay.findById(day).lean() as Promise<DayDoc | null>),
    );
    batch.forEach((day, j) => {
      const sessions = docs[j]?.sessions ?? [];
      cached.days.set(day, sessions);
      cached.size += sessions.length;
      cachedSessions += sessions.length;
    });
  }
  months.delete(month);
  months.set(month, cached); // the newest read last
  // Over the bound, months this count does not ask for go first, the least recently read first;
  // then this month itself (a period larger than the bound keeps its first months, instead of
  // each month pushing out the one read before it).
  for (const [other, entry] of months) {
    if (cachedSessions <= MAX_CACHED_SESSIONS) break;
    if (asked.has(other)) continue;
    months.delete(other);
    cachedSessions -= entry.size;
  }
  const found = days.flatMap((day) => cached.days.get(day) ?? []);
  if (cachedSessions > MAX_CACHED_SESSIONS) {
    months.delete(month);
    cachedSessions -= cached.size;
  }
  return found;
}

// Every change of attendance (a join, a facilitator's correction) reaches the ledger as it is
// now stored: a join does not make present someone the facilitator marked absent.
onPresence(async ({ sessionId, personId }) => {
  const [session, row] = await Promise.all([
    GroupSession.findById(sessionId, { groupId: 1, startsAt: 1, status: 1 }).lean(),
    Attendance.findById(attendanceKey(sessionId, personId), { present: 1 }).lean(),
  ]);
  if (!session || session.status === 'cancelled') return;
  const group = await Group.findById(session.groupId, STAFF).lean();
  if (group && staffOf(group).includes(personId)) return; // the group's staff reach nobody
  await notePresence(session, personId, !!row?.present);
});

registerPersonalData({
  name: 'reachLedger',
  // Nothing to export: the ledger holds a keyed hash per family, for counting only.
  export: async () => undefined,
  // Counts stay right (as attendance does, groups/personalData.ts): the hash is replaced by one
  // of a random id that stands for nobody.
  erase: async (person) => {
    const family = familyKey(person._id);
    const stranger = familyKey(new mongoose.Types.ObjectId());
    const swap = (doc: DayDoc | null): DayDoc => ({
      _id: doc?._id ?? '',
      sessions: (doc?.sessions ?? []).map((s) => ({
        ...s,
        families: s.families.map((f) => (f === family ? stranger : f)),
      })),
    });
    const gone = (doc: DayDoc) => !doc.sessions.some((s) => s.families.includes(family));
    for (const day of (await ReachDay.find({ 'sessions.families': family }).lean()) as DayDoc[]) {
      await rewrite<DayDoc>(ReachDay, day._id, swap, gone);
      await ledgerChanged(day._id);
    }
  },
});
