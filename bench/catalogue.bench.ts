// The families' catalogue with thousands of groups: how long a filtered page takes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { connectMongoose, disconnectMongoose } from '../server/db/connect.ts';
import { startDatabase } from '../server/db/engine.ts';
import { searchTextOf } from '../server/groups/catalogue.ts';
import { catalogue, invalidateCatalogue } from '../server/groups/catalogue.ts';
import { GroupSession } from '../server/sessions/groupSession.model.ts';
import { Group } from '../server/groups/group.model.ts';
import { timeOfDay } from '../server/groups/schedule.ts';
import { REGIONS, TOPICS, WEEKDAYS } from '../server/protocol/groups.ts';
import { measure, type Measurement } from './stats.ts';

const GROUPS = 3000;
const LANGUAGES = ['fi', 'sv', 'en', 'ar', 'so', 'ru', 'fa', 'tr', 'es', 'ku', 'et', 'zh'];

export async function catalogueBenchmarks(): Promise<Measurement[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-bench-'));
  const database = await startDatabase({ uri: process.env.MONGODB_URI, dataDir });
  try {
    await connectMongoose(database.uri, `bench_${Date.now()}`);
    await Group.init(); // indexes
    const person = new mongoose.Types.ObjectId();
    const docs = Array.from({ length: GROUPS }, (_, i) => {
      const title = [{ lang: 'fi', text: `Ryhmä ${i} – ${TOPICS[i % TOPICS.length]}` }];
      const description = [{ lang: 'fi', text: 'Vertaisryhmä kahden kulttuurin perheille.' }];
      const topics = [TOPICS[i % TOPICS.length] ?? 'wellbeing'];
      const sessionLanguages = ['fi', LANGUAGES[i % LANGUAGES.length] ?? 'en'];
      const startTime = `${String(9 + (i % 11)).padStart(2, '0')}:00`;
      return {
        title,
        description,
        topics,
        sessionLanguages,
        audience: 'parents',
        region: REGIONS[i % REGIONS.length],
        capacity: 10,
        leadFacilitatorId: person,
        trainerId: person,
        status: i % 7 === 0 ? 'full' : 'open',
        visibility: i % 10 === 0 ? 'invitation' : 'public',
        schedule: {
          frequency: 'weekly',
          weekday: WEEKDAYS[i % 7],
          startDate: '2027-01-04',
          startTime,
          durationMinutes: 90,
          count: 10,
        },
        timeOfDay: timeOfDay(startTime),
        searchText: searchTextOf({ title, description, topics, sessionLanguages }),
        rulesVersion: 'bench',
      };
    });
    console.log(`  seeding ${GROUPS} groups into ${database.kind}…`);
    for (let i = 0; i < docs.length; i += 500) {
      const inserted = await Group.insertMany(docs.slice(i, i + 500));
      // Ten sessions each, as the schedule makes them: 30 000 session documents in all.
      const sessions = inserted.flatMap((g) =>
        Array.from({ length: 10 }, (_, k) => {
          const startsAt = new Date(Date.UTC(2027, 0, 4 + 7 * k, 16));
          return {
            groupId: g._id,
            key: startsAt.toISOString().slice(0, 10),
            startsAt,
            endsAt: new Date(startsAt.getTime() + 5400_000),
            status: 'scheduled',
          };
        }),
      );
      await GroupSession.insertMany(sessions);
    }
    invalidateCatalogue();
    const now = new Date('2027-01-01T00:00:00Z');
    const label = `catalogue (${GROUPS} groups on ${database.kind})`;
    const cold = await measure(`${label}: cold (index loaded from the database)`, 5, async () => {
      invalidateCatalogue();
      await catalogue({}, now);
    });
    return [
      cold,
      await measure(`${label}: first page, no filter`, 30, () => catalogue({}, now)),
      await measure(`${label}: language + weekday + free places`, 30, () =>
        catalogue({ lang: 'ar', weekday: 'tu', freePlaces: 'true' }, now),
      ),
      await measure(`${label}: topic + region + time of day`, 30, () =>
        catalogue({ topic: 'fathers', region: 'pirkanmaa', timeOfDay: 'evening' }, now),
      ),
      await measure(`${label}: free-text search`, 30, () => catalogue({ q: 'ryhmä 12' }, now)),
    ];
  } finally {
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await disconnectMongoose();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
