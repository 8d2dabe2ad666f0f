// Databases from before the reach ledger (ledger.ts) get it written once from their attendance,
// a day's document at a time.
import { registerMigration } from '../db/migrations.ts';
import { helsinkiDate } from '../groups/schedule.ts';
import { Attendance } from '../sessions/attendance.model.ts';
import { GroupSession } from '../sessions/groupSession.model.ts';
import { Group } from '../groups/group.model.ts';
import { familyKey, ReachDay, STAFF, staffOf, type LedgerEntry } from './ledger.ts';

registerMigration({
  name: 'reach ledger',
  async run(report) {
    const sessions = new Map(
      (await GroupSession.find({}, { groupId: 1, startsAt: 1, status: 1 }).lean()).map((s) => [
        String(s._id),
        s,
      ]),
    );
    const staff = new Map(
      (await Group.find({}, STAFF).lean()).map((g) => [String(g._id), staffOf(g)]),
    );
    const held = new Map<string, LedgerEntry>();
    for (const row of await Attendance.find(
      { present: true },
      { sessionId: 1, personId: 1 },
    ).lean()) {
      const session = sessions.get(String(row.sessionId));
      if (!session || session.status === 'cancelled') continue;
      if (staff.get(String(session.groupId))?.includes(String(row.personId))) continue;
      const entry = held.get(String(session._id)) ?? {
        sessionId: session._id,
        groupId: session.groupId,
        startsAt: session.startsAt,
        families: [],
      };
      entry.families.push(familyKey(row.personId));
      held.set(String(session._id), entry);
    }
    const days = new Map<string, LedgerEntry[]>();
    for (const entry of held.values()) {
      const day = helsinkiDate(entry.startsAt);
      days.set(day, [...(days.get(day) ?? []), entry]);
    }
    let done = 0;
    for (const [day, entries] of days) {
      // Written whole: nothing else writes the ledger before the app serves.
      await ReachDay.replaceOne({ _id: day }, { _id: day, sessions: entries }, { upsert: true });
      done += 1;
      if (done % 100 === 0) report(`${done} of ${days.size} days`);
    }
  },
});
