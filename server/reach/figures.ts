// Reach figures for funders: per period, sessions held (at least one family present),
// attendances and unique families — in total and by group, language, region, topic and week.
// Read from the ledger (ledger.ts: one document per day) and the groups held in the period.
import { DateTime } from 'luxon';
import { findByIds } from '../db/byIds.ts';
import { Group, type GroupDoc } from '../groups/group.model.ts';
import { ZONE } from '../groups/schedule.ts';
import type { ReachFigures, ReachGroupName, ReachRow } from '../protocol/groups.ts';
import { heldOn } from './ledger.ts';

class Tally {
  private readonly rows = new Map<
    string,
    { sessions: Set<string>; attendances: number; families: Set<string> }
  >();

  add(key: string, sessionId: string, families: string[]): void {
    const row = this.rows.get(key) ?? {
      sessions: new Set<string>(),
      attendances: 0,
      families: new Set<string>(),
    };
    if (!row.sessions.has(sessionId)) {
      row.sessions.add(sessionId);
      row.attendances += families.length;
    }
    for (const family of families) row.families.add(family);
    this.rows.set(key, row);
  }

  list(): ReachRow[] {
    return [...this.rows.entries()]
      .map(([key, r]) => ({
        key,
        sessionsHeld: r.sessions.size,
        attendances: r.attendances,
        uniqueFamilies: r.families.size,
      }))
      .sort((a, b) => a.key.localeCompare(b.key));
  }
}

/** The ISO week (Helsinki) of a time; remembered by the hour (Helsinki's offsets are whole hours). */
const weeks = new Map<number, string>();
function weekOf(at: Date): string {
  const hour = Math.floor(at.getTime() / 3_600_000);
  let week = weeks.get(hour);
  if (!week) {
    week = DateTime.fromJSDate(at, { zone: ZONE }).toFormat("kkkk-'W'WW");
    if (weeks.size > 50_000) weeks.clear();
    weeks.set(hour, week);
  }
  return week;
}

/** What the figures read of a group. */
const GROUP_FIELDS = {
  kind: 1,
  title: 1,
  region: 1,
  schedule: 1,
  sessionLanguages: 1,
  topics: 1,
} as const;

/** `from` and `to` are Helsinki dates, both included. */
export async function reachFigures(
  from: string,
  to: string,
  /** Only the groups of one region (a partner's view). */
  region?: string,
): Promise<Omit<ReachFigures, 'countedAt' | 'updating'>> {
  const days: string[] = [];
  for (let day = DateTime.fromISO(from); day.toISODate()! <= to; day = day.plus({ days: 1 }))
    days.push(day.toISODate()!);
  const sessions = await heldOn(days);
  const groupIds = [...new Set(sessions.map((s) => String(s.groupId)))];
  const groups = new Map(
    (await findByIds<GroupDoc>(Group, groupIds, GROUP_FIELDS)).map((g) => [String(g._id), g]),
  );
  const names: Record<string, ReachGroupName> = {};
  const tallies = {
    total: new Tally(),
    group: new Tally(),
    language: new Tally(),
    region: new Tally(),
    topic: new Tally(),
    week: new Tally(),
  };
  for (const session of sessions) {
    const families = session.families;
    const group = groups.get(String(session.groupId));
    if (!families.length || !group) continue; // not held: nobody came
    if ((group.kind ?? 'family') !== 'family') continue; // facilitators' meetings reach no family
    if (region && group.region !== region) continue;
    const id = String(session.sessionId);
    tallies.total.add('total', id, families);
    // Keyed by id (titles repeat); the page names it in the reader's language from `names`.
    tallies.group.add(String(group._id), id, families);
    names[String(group._id)] ??= {
      title: group.title.map((t) => ({ lang: t.lang ?? '', text: t.text ?? '' })),
      region: group.region,
      startDate: group.schedule.startDate.slice(0, 10),
    };
    for (const language of group.sessionLanguages) tallies.language.add(language, id, families);
    tallies.region.add(group.region, id, families);
    for (const topic of group.topics) tallies.topic.add(topic, id, families);
    tallies.week.add(weekOf(session.startsAt), id, families);
  }
  const [total] = tallies.total.list();
  return {
    from,
    to,
    totals: {
      sessionsHeld: total?.sessionsHeld ?? 0,
      attendances: total?.attendances ?? 0,
      uniqueFamilies: total?.uniqueFamilies ?? 0,
    },
    byGroup: tallies.group.list(),
    groups: names,
    byLanguage: tallies.language.list(),
    byRegion: tallies.region.list(),
    byTopic: tallies.topic.list(),
    byWeek: tallies.week.list(),
  };
}
