// One database server for the whole mocha run (the same chain `npm start` uses: MONGODB_URI,
// mongod, or FerretDB), in a temporary folder. Each suite takes its own database name on it.
// When it is stopped, nothing else may keep the process alive (test/support/leaks.ts).
// The run says once, at the start, which database that is, as the server itself reports it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDatabase, type RunningDatabase } from '../../server/db/engine.ts';
import { identifyDatabase, stopOwnFerretdb } from './database.ts';
import { fileTimeHooks } from './fileTimes.ts';
import { failOnLeaks, traceLeaksIfAsked } from './leaks.ts';

traceLeaksIfAsked();

// Without `exit: true`, Node ends the process (code 0) when nothing is left to wait for, even
// when mocha has not finished (a test awaiting an event that nothing can emit any more). Mocha
// sets its failure count as the exit code only after the teardown below; before that, an exit
// is a failed run.
let finished = false;
process.on('exit', (code) => {
  if (finished || code !== 0) return;
  console.error('\n✖ the test process ran out of work before mocha finished: a failed run');
  process.exitCode = 1;
});
let database: RunningDatabase | undefined;
let dataDir: string | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-test-db-'));
  // A restart of the test database (its supervisor's probe unanswered under load) is said, not
  // silent: the suites running meanwhile see errors, and its stop must also reap the old copy.
  const said = (_fields: Record<string, unknown>, line: string) =>
    console.log(`  test database: ${line}`);
  database = await startDatabase({
    uri: process.env.MONGODB_URI,
    dataDir,
    log: { info() {}, warn: said, error: said },
  });
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
  // Here and not in a root afterAll hook: those run before this teardown, with the database
  // (and its connections) still up, so they cannot tell a leak from the database itself.
  await failOnLeaks();
  finished = true;
}

export const mochaHooks = fileTimeHooks;
