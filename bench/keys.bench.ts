// Look-ups by key against the filters they replaced ([speed-keys]): the login session every
// signed-in request reads (`{_id, expiresAt}` before, `_id` alone now) and the account behind an
// email address (`{email}` before, the address's key now), with 1 000, 10 000 and 50 000 of each
// stored. On FerretDB the old filters read the whole collection; the new look-ups should not grow.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { LoginSession } from '../server/auth/loginSession.model.ts';
import { connectMongoose, disconnectMongoose } from '../server/db/connect.ts';
import { op } from '../server/db/operators.ts';
import { startDatabase } from '../server/db/engine.ts';
import { personByEmail } from '../server/people/byEmail.ts';
import { emailKeyOf } from '../server/people/emailKey.model.ts';
import { Person } from '../server/people/person.model.ts';
import { measure, type Measurement } from './stats.ts';

const SIZES = [1_000, 10_000, 50_000];
const RUNS = 30;
const BATCH = 2_000;

async function insertInBatches(
  collection: string,
  make: (i: number) => object,
  from: number,
  to: number,
) {
  for (let start = from; start < to; start += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, to - start) }, (_, k) => make(start + k));
    await mongoose.connection
      .collection(collection)
      .insertMany(docs as never[], { ordered: false });
  }
}

export async function keysBenchmarks(): Promise<Measurement[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-bench-keys-'));
  const database = await startDatabase({
    uri: process.env.MONGODB_URI,
    dataDir: join(dataDir, 'db'),
  });
  const results: Measurement[] = [];
  try {
    await connectMongoose(database.uri, `bench_keys_${Date.now()}`);
    // No init(): the login sessions' TTL index is "not implemented" on FerretDB v1.
    const now = new Date();
    const later = new Date(now.getTime() + 86_400_000);
    const personId = (i: number) => new mongoose.Types.ObjectId(i.toString(16).padStart(24, '0'));
    const email = (i: number) => `person-${i}@bench.rinnalla.fi`;
    let stored = 0;
    for (const size of SIZES) {
      console.log(`  keys: storing ${size} people and login sessions…`);
      await insertInBatches(
        'people',
        (i) => ({
          _id: personId(i + 1),
          email: email(i),
          displayName: `P ${i}`,
          roles: ['family'],
        }),
        stored,
        size,
      );
      await insertInBatches(
        'email_keys',
        (i) => ({ _id: emailKeyOf(email(i)), personId: personId(i + 1) }),
        stored,
        size,
      );
      await insertInBatches(
        'login_sessions',
        (i) => ({
          _id: `session-${i}`,
          personId: personId(i + 1),
          csrfToken: 'x',
          createdAt: now,
          lastSeenAt: now,
          expiresAt: later,
        }),
        stored,
        size,
      );
      stored = size;
      const probe = (run: number) => Math.floor(((run * 7919) % size) * 0.999);
      const note = `${database.description}; ${size} stored; 2-core machine`;
      let run = 0;
      results.push({
        ...(await measure(`${size}: login session by {_id, expiresAt} (before)`, RUNS, () =>
          LoginSession.findOne({
            _id: `session-${probe(run++)}`,
            expiresAt: op({ $gt: now }),
          }).lean(),
        )),
        note,
      });
      results.push({
        ...(await measure(`${size}: login session by _id (now)`, RUNS, () =>
          LoginSession.findById(`session-${probe(run++)}`).lean(),
        )),
        note,
      });
      results.push({
        ...(await measure(`${size}: account by {email} (before)`, RUNS, () =>
          Person.find({ email: email(probe(run++)) }).lean(),
        )),
        note,
      });
      results.push({
        ...(await measure(`${size}: account by the address's key (now)`, RUNS, async () => {
          if (!(await personByEmail(email(probe(run++))))) throw new Error('not found by key');
        })),
        note,
      });
    }
  } finally {
    await disconnectMongoose().catch(() => undefined);
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}
