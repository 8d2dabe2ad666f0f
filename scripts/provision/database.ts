// The database chain's provisioning: MONGODB_URI (checked that it answers) → a downloaded
// mongod (checked by running it) → FerretDB built with Go (checked by running it; with
// FERRETDB_BACKEND=postgresql also Debian's PostgreSQL, checked the same way) → a paragraph
// that says what to do. The server then starts whichever is there (server/db/engine.ts).
import { rmSync } from 'node:fs';
import mongoose from 'mongoose';
import {
  FERRETDB_VERSION,
  ferretdbBackend,
  type FerretdbBackend,
} from '../../server/db/ferretdb.ts';
import { downloadMongod, locateMongod } from '../../server/db/memoryServer.ts';
import { exec } from '../lib/exec.ts';
import { ProvisionFailure } from '../lib/failure.ts';
import type { StepLog } from '../lib/stepLog.ts';
import { provisionFerretdb } from './ferretdb.ts';
import { provisionPostgresBackend } from './postgres.ts';

interface DatabaseOptions {
  cacheDir: string;
  report: (message: string) => void;
  log: StepLog;
}

async function checkOwnMongodb(uri: string, log: StepLog): Promise<void> {
  try {
    const connection = await mongoose
      .createConnection(uri, { serverSelectionTimeoutMS: 5000 })
      .asPromise();
    await connection.db!.admin().command({ ping: 1 });
    await connection.close();
  } catch (error) {
    log.write(String(error));
    throw new ProvisionFailure({
      what: `MONGODB_URI is set, but no MongoDB answers there (${(error as Error).message.split('\n')[0]}).`,
      see: `mongosh "${uri}" --eval "db.runCommand({ ping: 1 })"`,
      wayOut:
        'Start that MongoDB, correct MONGODB_URI, or unset it to let Rinnalla run an embedded database.',
      log: log.path,
    });
  }
}

async function mongodRuns(binary: string, log: StepLog): Promise<boolean> {
  const result = await exec(binary, ['--version'], { log, timeoutMs: 15_000 });
  return result.code === 0 && /db version v\d/.test(result.output);
}

export async function provisionDatabase(options: DatabaseOptions): Promise<string> {
  const { report, log } = options;
  const uri = process.env.MONGODB_URI;
  if (uri) {
    await checkOwnMongodb(uri, log);
    return alsoFerretdbInCi('MONGODB_URI (your own MongoDB, answering)', options);
  }
  const backend = chosenBackend(log);
  const cached = await locateMongod();
  if (cached) {
    if (await mongodRuns(cached, log))
      return alsoFerretdbInCi('mongod (mongodb-memory-server, cached, checked)', options);
    report(`the cached mongod (${cached}) does not run: downloading it again, once`);
    rmSync(cached, { force: true });
  }
  report('trying to download mongod (mongodb-memory-server)');
  if (await downloadMongod((line) => log.write(line))) {
    const downloaded = await locateMongod();
    if (downloaded && (await mongodRuns(downloaded, log)))
      return alsoFerretdbInCi('mongod (mongodb-memory-server, downloaded, checked)', options);
    report('the downloaded mongod does not run here');
    if (downloaded) rmSync(downloaded, { force: true });
  } else {
    const on = backend === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    report(`mongod cannot be downloaded here; the embedded fallback is FerretDB v1 with ${on}`);
  }
  const ferretdb = await provisionFerretdb(options);
  const built = `FerretDB ${FERRETDB_VERSION} (${ferretdb.source})`;
  if (backend === 'sqlite') return built;
  return `${built} on ${await provisionPostgresBackend({ ...options, ferretdb: ferretdb.bin })}`;
}

/**
 * CI runs the concurrency tests (enrolment races, the change feed, upserts) on FerretDB whichever
 * database the other tests use: their races are FerretDB's (test/support/database.ts).
 */
async function alsoFerretdbInCi(chosen: string, options: DatabaseOptions): Promise<string> {
  if (!process.env.CI) return chosen;
  const ferretdb = await provisionFerretdb(options);
  return `${chosen}; FerretDB ${FERRETDB_VERSION} (${ferretdb.source}) for the race tests`;
}

function chosenBackend(log: StepLog): FerretdbBackend {
  try {
    return ferretdbBackend();
  } catch (error) {
    throw new ProvisionFailure({
      what: (error as Error).message,
      wayOut: 'Unset FERRETDB_BACKEND (SQLite is the default) or set it to postgresql.',
      log: log.path,
    });
  }
}
