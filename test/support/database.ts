// Connects mongoose's default connection to a fresh database of its own on the test server, and
// says which server that is (FerretDB and its backend, or MongoDB): results on one do not carry
// over to the other, so a run names its database and the concurrency tests insist on FerretDB.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { connectMongoose, disconnectMongoose } from '../../server/db/connect.ts';
import type { RunningDatabase } from '../../server/db/engine.ts';
import {
  ferretdbAvailable,
  ferretdbBackend,
  ferretdbBinary,
  startFerretdb,
} from '../../server/db/ferretdb.ts';

export function testDatabaseUri(): string {
  const uri = process.env.RINNALLA_TEST_MONGODB_URI;
  if (!uri)
    throw new Error(
      'no test database: run the tests through `npm test` (test/support/rootHooks.ts)',
    );
  return uri;
}

export interface DatabaseIdentity {
  engine: 'ferretdb' | 'mongodb';
  /** e.g. "FerretDB v1.24.2 (SQLite backend)" or "MongoDB 7.0.14". */
  name: string;
}

/**
 * What the server itself answers to buildInfo (FerretDB adds its own version to MongoDB's
 * fields). The backend is not in its answer: it is the one the chain started it with.
 */
export async function identifyDatabase(
  uri: string,
  startedAs?: RunningDatabase['kind'],
): Promise<DatabaseIdentity> {
  const connection = await mongoose
    .createConnection(uri, { serverSelectionTimeoutMS: 15_000 })
    .asPromise();
  try {
    const info = await connection.db!.admin().command({ buildInfo: 1 });
    if (typeof info.ferretdbVersion === 'string') {
      const backend =
        startedAs === 'ferretdb'
          ? `${ferretdbBackend() === 'sqlite' ? 'SQLite' : 'PostgreSQL'} backend`
          : 'backend not reported';
      return { engine: 'ferretdb', name: `FerretDB ${info.ferretdbVersion} (${backend})` };
    }
    return { engine: 'mongodb', name: `MongoDB ${String(info.version)}` };
  } finally {
    await connection.close();
  }
}

export interface TestDatabaseOptions {
  /** Run on FerretDB even where the suite runs on MongoDB (the concurrency tests). */
  on?: 'ferretdb';
  /** The suite's database server reached another way (e.g. through test/support/wireCutter.ts). */
  uri?: string;
}

let ownFerretdb: Promise<{ database: RunningDatabase; dir: string }> | undefined;

/**
 * A FerretDB for the tests that must run on it: the suite's own when that is FerretDB, else one
 * started for them (FerretDB's upserts and increments are not atomic the way mongod's are; a
 * race test that passes on mongod proves nothing for the embedded database). CI has one
 * (provisioning builds it there even when mongod could be downloaded); elsewhere without one,
 * undefined.
 */
async function ferretdbUri(): Promise<string | undefined> {
  if (process.env.RINNALLA_TEST_DATABASE_ENGINE === 'ferretdb') return testDatabaseUri();
  if (!ferretdbAvailable()) {
    if (process.env.CI)
      throw new Error(
        'CI runs the concurrency tests on FerretDB, and none was provisioned ' +
          `(${ferretdbBinary()} is missing): scripts/provision/database.ts builds it when CI is set.`,
      );
    return undefined;
  }
  ownFerretdb ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rinnalla-test-ferretdb-'));
    const database = await startFerretdb(dir, ferretdbBinary(), ferretdbBackend());
    console.log(`      (on FerretDB for this suite: ${database.description})`);
    return { database, dir };
  })();
  return (await ownFerretdb).database.uri;
}

/** Stops the FerretDB started for the concurrency tests, if one was (rootHooks' teardown). */
export async function stopOwnFerretdb(): Promise<void> {
  if (!ownFerretdb) return;
  const { database, dir } = await ownFerretdb;
  ownFerretdb = undefined;
  await database.stop();
  rmSync(dir, { recursive: true, force: true });
}

/** Connects to a new, empty database; the returned function drops it and disconnects. */
export async function useTestDatabase(
  label: string,
  options: TestDatabaseOptions = {},
): Promise<() => Promise<void>> {
  const name = `test_${label.replace(/[^A-Za-z0-9]/g, '_')}_${randomBytes(3).toString('hex')}`;
  let uri = options.uri ?? testDatabaseUri();
  if (options.on === 'ferretdb') {
    const ferretdb = await ferretdbUri();
    if (ferretdb) uri = ferretdb;
    else console.log('      (no FerretDB here: this suite runs on the suite database instead)');
  }
  // Commands reported: test/support/queryTrace.ts listens to them.
  await connectMongoose(uri, name, true);
  return async () => {
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await disconnectMongoose();
  };
}
