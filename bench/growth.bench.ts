// Growth (issue 15): the requests people wait for, measured with a year of a national
// organisation in the database at 1×, 10× (and, with GROWTH_SIZES=1,10,100, 100×), and the ratio
// of the largest to the smallest. The seeded databases are kept between runs in the tool cache
// (seeding 10× takes minutes, 100× over an hour); a change of the seed's shape reseeds. With
// GROWTH_SEED_ONLY=1 the sizes are seeded and nothing is measured (seed ahead, measure on a quiet
// machine). The server runs as a child process against the same database server; 127.0.0.1 only.
import { join } from 'node:path';
import mongoose from 'mongoose';
import pino from 'pino';
import '../server/app.ts'; // every model, so their indexes exist before the seed is written
import { connectMongoose, disconnectMongoose } from '../server/db/connect.ts';
import { startDatabase } from '../server/db/engine.ts';
import { markAllDone } from '../server/db/migrations.ts';
import '../server/chat/migrations.ts';
import '../server/groups/migrations.ts';
import '../server/reminders/migrations.ts';
import '../server/supervision/migrations.ts';
import '../server/reach/migrations.ts';
import '../server/calendar/migrations.ts';
import '../server/training/migrations.ts';
import '../server/live/migrations.ts';
import '../server/people/migrations.ts';
import '../server/audit/migrations.ts';
import '../server/referrals/migrations.ts';
import { createMailer } from '../server/mail/mailer.ts';
import { toolCacheDir } from '../server/platform/paths.ts';
import { ReminderRunner } from '../server/reminders/runner.ts';
import { benchServerEnv, startServer, stopServer } from './chat/server.ts';
import { measurePaths } from './growth/paths.ts';
import { scaleOf, sizesToMeasure } from './growth/scale.ts';
import { seedYear, type Seeded } from './growth/seed.ts';
import type { Measurement } from './stats.ts';

/** Bump when the seed's documents change shape: cached databases are then written again. */
const SEED_VERSION = 10;

const Mark = () => mongoose.connection.collection<{ _id: string; seeded: Seeded }>('growth_marks');

async function seeded(factor: number): Promise<Seeded> {
  const mark = await Mark().findOne({ _id: `v${SEED_VERSION}` });
  if (mark) {
    console.log(`  growth ${factor}×: seeded database found`);
    await onNow(mark.seeded.liveSessionId);
    return mark.seeded;
  }
  await mongoose.connection.dropDatabase();
  await createIndexes();
  console.log(`  growth ${factor}×: seeding a year of the organisation…`);
  const started = Date.now();
  const result = await seedYear(scaleOf(factor), (line) => console.log(`    ${line}`));
  await markAllDone(); // written in this version's shapes: nothing to migrate
  await Mark().insertOne({ _id: `v${SEED_VERSION}`, seeded: result });
  console.log(`  growth ${factor}×: seeded in ${Math.round((Date.now() - started) / 1000)} s`);
  return result;
}

/**
 * A seed from an earlier day has its "on now" session in the past (the join would be refused as
 * over): it starts again in five minutes, as when it was seeded.
 */
async function onNow(sessionId: string): Promise<void> {
  const startsAt = new Date(Date.now() + 5 * 60_000);
  await mongoose.connection.collection('group_sessions').updateOne(
    { _id: new mongoose.Types.ObjectId(sessionId) },
    {
      $set: {
        startsAt,
        endsAt: new Date(startsAt.getTime() + 90 * 60_000),
        status: 'scheduled',
        startedAt: null,
        endedAt: null,
      },
    },
  );
}

/**
 * The app's indexes, before the seed is written (building them over millions of documents at
 * the server's start would take long). One at a time: FerretDB refuses some options (TTL), as it
 * does at the app's own start, and the others must still be made.
 */
async function createIndexes(): Promise<void> {
  for (const name of mongoose.modelNames()) {
    const model = mongoose.model(name);
    for (const [fields, options] of model.schema.indexes())
      await model.collection
        .createIndex(
          fields as Record<string, 1 | -1>,
          options as Parameters<typeof model.collection.createIndex>[1],
        )
        .catch(() => undefined);
  }
}

/** The reminder runner's sweep when nothing is due (what every process does every 30 s). */
function reminderSweep() {
  const log = pino({ level: 'silent' });
  const runner = new ReminderRunner({
    mailer: createMailer({ smtpUrl: undefined, from: 'bench', log }),
    log,
    publicUrl: 'http://127.0.0.1',
  });
  // Its first round also plans the coming week (once an hour): the caller runs it untimed.
  return () => runner.runDue();
}

function ratios(results: Measurement[], sizes: number[]): Measurement[] {
  const smallest = Math.min(...sizes);
  const largest = Math.max(...sizes);
  if (smallest === largest) return [];
  const byName = (factor: number) =>
    new Map(
      results
        .filter((m) => m.name.startsWith(`${factor}×: `))
        .map((m) => [m.name.slice(`${factor}×: `.length), m]),
    );
  const small = byName(smallest);
  return [...byName(largest)].map(([name, big]) => {
    const base = small.get(name);
    const ratio = base ? Math.round((big.median / base.median) * 10) / 10 : NaN;
    const p99 = base?.p99 && big.p99 ? Math.round((big.p99 / base.p99) * 10) / 10 : NaN;
    return {
      name: `ratio ${largest}×/${smallest}×: ${name}`,
      unit: 'count' as const,
      runs: 1,
      median: ratio,
      p90: ratio,
      min: ratio,
      note: `median ${base?.median} → ${big.median} ms; p99 ratio ${p99}`,
    };
  });
}

export async function growthBenchmarks(): Promise<Measurement[]> {
  const sizes = sizesToMeasure();
  const dataDir = join(toolCacheDir(), 'bench-growth');
  const database = await startDatabase({ uri: process.env.MONGODB_URI, dataDir });
  const note = `${database.description}; 2-core machine`;
  const results: Measurement[] = [];
  try {
    for (const factor of sizes) {
      const dbName = `growth_${factor}x`;
      await connectMongoose(database.uri, dbName);
      const seed = await seeded(factor);
      if (process.env.GROWTH_SEED_ONLY === '1') {
        await disconnectMongoose();
        continue;
      }
      const sweep = reminderSweep();
      await sweep(); // the hourly planning, before the sweeps are timed
      const server = await startServer(
        benchServerEnv(
          dataDir,
          { uri: database.uri, dbName },
          {
            RATE_LIMIT_WRITE_IP: '1000000',
            RATE_LIMIT_WRITE_ACCOUNT: '1000000',
            CHAT_MESSAGES_PER_MINUTE: '100000',
          },
        ),
        // A seed from an earlier version is migrated at the server's start (as an upgrade would).
        30 * 60_000,
      );
      try {
        const measured = await measurePaths(factor, server.url, seed, [
          ['reminder sweep (nothing due)', sweep],
        ]);
        results.push(
          ...measured.map((m) => ({ ...m, note: [m.note, note].filter(Boolean).join('; ') })),
        );
      } finally {
        await stopServer(server);
        await disconnectMongoose();
      }
    }
  } finally {
    await database.stop();
  }
  return [...results, ...ratios(results, sizes)];
}
