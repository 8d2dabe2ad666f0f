// Family-group sessions and trainings held in the period, read from the reach ledger (one
// document per Helsinki day, by key) and the sessions and groups it names (by id). A session is
// held when at least one family (for a training: one member) was present — as the reach page
// counts it. The ledger never holds a group's staff, and names families by a keyed hash only.
import { findByIds } from '../db/byIds.ts';
import { op } from '../db/operators.ts';
import { facilitatorIds, Group, type GroupDoc } from '../groups/group.model.ts';
import type { ReportGroupRow, ReportMonth } from '../protocol/report.ts';
import { heldOn, ReachDay, type LedgerEntry } from '../reach/ledger.ts';
import { GroupSession, type GroupSessionDoc } from '../sessions/groupSession.model.ts';
import { daysOf, monthOf, monthsOf, type Period } from './period.ts';

type Timed = Pick<GroupSessionDoc, 'startsAt' | 'endsAt' | 'startedAt' | 'endedAt'>;

/**
 * A session's length in whole minutes: as held (opened to ended by its facilitator) when both
 * were recorded, else as planned (a session marked by hand, or left without "end for everyone").
 */
export function heldMinutes(session: Timed): number {
  const { startedAt, endedAt } = session;
  const held = startedAt && endedAt && endedAt > startedAt ? +endedAt - +startedAt : null;
  return Math.round((held ?? +session.endsAt - +session.startsAt) / 60_000);
}

class Breakdown {
  private readonly rows = new Map<
    string,
    { groups: Set<string>; sessions: Set<string>; families: Set<string> }
  >();
  add(key: string, groupId: string, sessionId: string, families: string[]): void {
    const row = this.rows.get(key) ?? {
      groups: new Set(),
      sessions: new Set(),
      families: new Set(),
    };
    row.groups.add(groupId);
    row.sessions.add(sessionId);
    for (const family of families) row.families.add(family);
    this.rows.set(key, row);
  }
  list(): ReportGroupRow[] {
    return [...this.rows.entries()]
      .map(([key, r]) => ({
        key,
        groups: r.groups.size,
        sessionsHeld: r.sessions.size,
        families: r.families.size,
      }))
      .sort((a, b) => a.key.localeCompare(b.key));
  }
}

export interface SessionFigures {
  /** Families present at a held family-group session (ledger keys). */
  families: Set<string>;
  held: number;
  attendances: number;
  participantMinutes: number;
  newFamilies: number;
  returning: number;
  groupsActive: number;
  byLanguage: ReportGroupRow[];
  byRegion: ReportGroupRow[];
  byTopic: ReportGroupRow[];
  byMonth: ReportMonth[];
  /** Facilitators (lead and co) of held sessions, and the minutes each led, summed. */
  facilitators: Set<string>;
  ledMinutes: number;
  trainingsHeld: number;
  trainees: Set<string>;
  /** Members present × the training's length. */
  trainingMinutes: number;
}

type GroupFields = Pick<
  GroupDoc,
  | '_id'
  | 'kind'
  | 'sessionLanguages'
  | 'region'
  | 'topics'
  | 'leadFacilitatorId'
  | 'coFacilitatorId'
>;
const GROUP_FIELDS = {
  kind: 1,
  sessionLanguages: 1,
  region: 1,
  topics: 1,
  leadFacilitatorId: 1,
  coFacilitatorId: 1,
} as const;

const byId = <T extends { _id: unknown }>(docs: T[]) =>
  new Map(docs.map((d) => [String(d._id), d]));
const kindOf = (group: GroupFields | undefined) => group?.kind ?? 'family';

/**
 * Families seen at a family group before the period: the ledger's days before it, in one query
 * (one document per day of history; FerretDB scans that small collection, MongoDB uses `_id`).
 */
async function earlierFamilies(from: string): Promise<Set<string>> {
  const days = (await ReachDay.find({ _id: op({ $lt: from }) }).lean()) as {
    sessions: LedgerEntry[];
  }[];
  const entries = days.flatMap((d) => d.sessions).filter((s) => s.families.length);
  const groups = byId(
    await findByIds<GroupFields>(Group, [...new Set(entries.map((s) => String(s.groupId)))], {
      kind: 1,
    }),
  );
  const seen = new Set<string>();
  for (const entry of entries)
    if (kindOf(groups.get(String(entry.groupId))) === 'family')
      for (const family of entry.families) seen.add(family);
  return seen;
}

export async function sessionFigures(period: Period): Promise<SessionFigures> {
  const entries = (await heldOn(daysOf(period))).filter((s) => s.families.length);
  const [groups, sessions, earlier] = await Promise.all([
    findByIds<GroupFields>(
      Group,
      [...new Set(entries.map((s) => String(s.groupId)))],
      GROUP_FIELDS,
    ).then(byId),
    findByIds<GroupSessionDoc>(
      GroupSession,
      entries.map((s) => s.sessionId),
      {
        startsAt: 1,
        endsAt: 1,
        startedAt: 1,
        endedAt: 1,
      },
    ).then(byId),
    earlierFamilies(period.from),
  ]);
  const out: SessionFigures = {
    families: new Set(),
    held: 0,
    attendances: 0,
    participantMinutes: 0,
    newFamilies: 0,
    returning: 0,
    groupsActive: 0,
    byLanguage: [],
    byRegion: [],
    byTopic: [],
    byMonth: [],
    facilitators: new Set(),
    ledMinutes: 0,
    trainingsHeld: 0,
    trainees: new Set(),
    trainingMinutes: 0,
  };
  const active = new Set<string>();
  const tallies = { language: new Breakdown(), region: new Breakdown(), topic: new Breakdown() };
  const months = new Map(
    monthsOf(period).map((m) => [m, { sessions: 0, families: new Set<string>() }]),
  );
  for (const entry of entries) {
    const groupId = String(entry.groupId);
    const sessionId = String(entry.sessionId);
    const group = groups.get(groupId);
    const session = sessions.get(sessionId);
    if (!group || !session) continue;
    const minutes = heldMinutes(session);
    const kind = kindOf(group);
    if (kind === 'training') {
      out.trainingsHeld += 1;
      out.trainingMinutes += entry.families.length * minutes;
      for (const member of entry.families) out.trainees.add(member);
      continue;
    }
    if (kind !== 'family') continue; // supervision, peer meetings, walk-alongside meetings…
    out.held += 1;
    out.attendances += entry.families.length;
    out.participantMinutes += entry.families.length * minutes;
    for (const family of entry.families) out.families.add(family);
    for (const facilitator of facilitatorIds(group)) {
      out.facilitators.add(facilitator);
      out.ledMinutes += minutes;
    }
    active.add(groupId);
    for (const language of group.sessionLanguages)
      tallies.language.add(language, groupId, sessionId, entry.families);
    tallies.region.add(group.region, groupId, sessionId, entry.families);
    for (const topic of group.topics) tallies.topic.add(topic, groupId, sessionId, entry.families);
    const month = months.get(monthOf(entry.startsAt));
    if (month) {
      month.sessions += 1;
      for (const family of entry.families) month.families.add(family);
    }
  }
  for (const family of out.families) {
    if (earlier.has(family)) out.returning += 1;
    else out.newFamilies += 1;
  }
  out.groupsActive = active.size;
  out.byLanguage = tallies.language.list();
  out.byRegion = tallies.region.list();
  out.byTopic = tallies.topic.list();
  out.byMonth = [...months].map(([key, m]) => ({
    key,
    sessionsHeld: m.sessions,
    families: m.families.size,
  }));
  return out;
}
