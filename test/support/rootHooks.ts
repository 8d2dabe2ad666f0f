// One database server for the whole mocha run (the same chain `npm start` uses: MONGODB_URI,
// mongod, or FerretDB), in a temporary folder. Each suite takes its own database name on it.
// The run says once, at the start, which database that is, as the server itself reports it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDatabase, type RunningDatabase } from '../../server/db/engine.ts';
import { identifyDatabase, stopOwnFerretdb } from './database.ts';

let database: RunningDatabase | undefined;
let dataDir: string | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-test-db-'));
  database = await startDatabase({ uri: process.env.MONGODB_URI, dataDir });
  process.env.RINNALLA_TEST_MONGODB_URI = database.uri;
  const identity = await identifyDatabase(database.uri, database.kind);
  process.env.RINNALLA_TEST_DATABASE_ENGINE = identity.engine;
  console.log(`  database for tests: ${identity.name}, started as ${database.description}`);
}

export async function mochaGlobalTeardown(): Promise<void> {
  // The FerretDB started for the race tests where the suite runs on MongoDB (database.ts).
  await stopOwnFerretdb();
  await database?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
