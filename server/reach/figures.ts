// Reach figures for funders: per period, sessions held (at least one family present),
// attendances and unique families — in total and by group, language, region, topic and week.
import { DateTime } from 'luxon';
import { op } from '../db/operators.ts';
import { Group } from '../groups/group.model.ts';
import { helsinkiInstant, ZONE } from '../groups/schedule.ts';
import type { ReachFigures, ReachRow } from '../protocol/groups.ts';
import { titleIn } from '../reminders/texts.ts';
import { Attendance } from '../sessions/attendance.model.ts';
import { GroupSession } from '../sessions/groupSession.model.ts';

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

/** `from` and `to` are Helsinki dates, both included. */
export async function reachFigures(from: string, to: string): Promise<ReachFigures> {
  const start = helsinkiInstant(from, '00:00');
  const end = helsinkiInstant(DateTime.fromISO(to).plus({ days: 1 }).toISODate() ?? to, '00:00');
  const sessions = await GroupSession.find({
    startsAt: op({ $gte: start, $lt: end }),
    status: op({ $ne: 'cancelled' }),
  }).lean();
  const present = await Attendance.find(
    { sessionId: op({ $in: sessions.map((s) => s._id) }), present: true },
    { sessionId: 1, personId: 1 },
  ).lean();
  const groups = new Map(
    (await Group.find({ _id: op({ $in: sessions.map((s) => s.groupId) }) }).lean()).map((g) => [
      String(g._id),
      g,
    ]),
  );

  const familiesBySession = new Map<string, string[]>();
  for (const row of present) {
    const list = familiesBySession.get(String(row.sessionId)) ?? [];
    list.push(String(row.personId));
    familiesBySession.set(String(row.sessionId), list);
  }
  const tallies = {
    total: new Tally(),
    group: new Tally(),
    language: new Tally(),
    region: new Tally(),
    topic: new Tally(),
    week: new Tally(),
  };
  for (const session of sessions) {
    const families = familiesBySession.get(String(session._id));
    const group = groups.get(String(session.groupId));
    if (!families?.length || !group) continue; // not held: nobody came
    if ((group.kind ?? 'family') !== 'family') continue; // facilitators' meetings reach no family
    const id = String(session._id);
    tallies.total.add('total', id, families);
    tallies.group.add(`${titleIn(group, 'fi')} (${String(group._id)})`, id, families);
    for (const language of group.sessionLanguages) tallies.language.add(language, id, families);
    tallies.region.add(group.region, id, families);
    for (const topic of group.topics) tallies.topic.add(topic, id, families);
    tallies.week.add(
      DateTime.fromJSDate(session.startsAt, { zone: ZONE }).toFormat("kkkk-'W'WW"),
      id,
      families,
    );
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
    byLanguage: tallies.language.list(),
    byRegion: tallies.region.list(),
    byTopic: tallies.topic.list(),
    byWeek: tallies.week.list(),
  };
}

const csvCell = (value: string | number) => {
  const text = String(value);
  // Quote always; double inner quotes; defuse spreadsheet formulas.
  return `"${(/^[=+\-@]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
};

export function reachCsv(figures: ReachFigures): string {
  const lines = [['dimension', 'key', 'sessions_held', 'attendances', 'unique_families']];
  lines.push([
    'total',
    `${figures.from}..${figures.to}`,
    ...[figures.totals.sessionsHeld, figures.totals.attendances, figures.totals.uniqueFamilies].map(
      String,
    ),
  ]);
  const sections: [string, ReachRow[]][] = [
    ['group', figures.byGroup],
    ['language', figures.byLanguage],
    ['region', figures.byRegion],
    ['topic', figures.byTopic],
    ['week', figures.byWeek],
  ];
  for (const [dimension, rows] of sections) {
    for (const row of rows)
      lines.push([
        dimension,
        row.key,
        String(row.sessionsHeld),
        String(row.attendances),
        String(row.uniqueFamilies),
      ]);
  }
  return `${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
