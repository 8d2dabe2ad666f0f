// Debian's PostgreSQL server, for FerretDB's PostgreSQL backend: FERRETDB_BACKEND=postgresql,
// the [speed-pg] test and the dbBackends bench. The platform runs its own cluster in its data
// dir (server/db/postgresCluster.ts); no system service is used, so none is left running.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { startFerretdb } from '../../server/db/ferretdb.ts';
import { postgresBinDir } from '../../server/db/postgresCluster.ts';
import { aptInstall, canInstallDebianPackages } from '../lib/debian.ts';
import { exec } from '../lib/exec.ts';
import { ProvisionFailure } from '../lib/failure.ts';
import type { StepLog } from '../lib/stepLog.ts';
import { answersVersion } from './versionCheck.ts';

const POLICY = '/usr/sbin/policy-rc.d';

async function binariesRun(bin: string | undefined, log: StepLog): Promise<boolean> {
  if (!bin) return false;
  return (
    (await answersVersion(join(bin, 'postgres'), /postgres \(PostgreSQL\) \d+/, log)) &&
    (await answersVersion(join(bin, 'initdb'), /initdb \(PostgreSQL\) \d+/, log))
  );
}

/** The folder of a `postgres` and an `initdb` that answer --version, or undefined. */
export async function provisionPostgres(
  report: (m: string) => void,
  log: StepLog,
): Promise<string | undefined> {
  const found = postgresBinDir();
  if (await binariesRun(found, log)) return found;
  if (found) report(`${found}/postgres or initdb does not answer --version`);
  if (process.env.POSTGRES_BIN_DIR || !canInstallDebianPackages()) return undefined;
  // The package creates and starts a system cluster on install: forbid service starts
  // meanwhile (policy-rc.d, as for redis); the platform starts its own cluster when it needs one.
  const ownPolicy = !existsSync(POLICY);
  if (ownPolicy) writeFileSync(POLICY, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    // A broken one is reinstalled from the package that holds it (postgresql-<major>).
    const major = /postgresql\/(\d+)\/bin/.exec(found ?? '')?.[1];
    const packages = major ? [`postgresql-${major}`] : ['postgresql'];
    await aptInstall(packages, report, log, { reinstall: major !== undefined });
  } catch (error) {
    report(
      `postgresql not installed: ${(error as Error).message.split('\n')[0]} (see ${log.path})`,
    );
    return undefined;
  } finally {
    if (ownPolicy) rmSync(POLICY, { force: true });
  }
  await exec('sh', [
    '-c',
    'systemctl disable --now postgresql 2>/dev/null || service postgresql stop 2>/dev/null || true',
  ]);
  const installed = postgresBinDir();
  return (await binariesRun(installed, log)) ? installed : undefined;
}

/**
 * For FERRETDB_BACKEND=postgresql: PostgreSQL provisioned, then checked by running the pair —
 * a cluster created and started, FerretDB on it, a round trip, both stopped.
 */
export async function provisionPostgresBackend(options: {
  ferretdb: string;
  report: (m: string) => void;
  log: StepLog;
}): Promise<string> {
  const { ferretdb, report, log } = options;
  const bin = await provisionPostgres(report, log);
  if (!bin) {
    throw new ProvisionFailure({
      what: 'FERRETDB_BACKEND=postgresql, but no PostgreSQL server runs here (and it could not be installed: that needs root on Debian or Ubuntu).',
      see: 'ls /usr/lib/postgresql/*/bin/postgres && /usr/lib/postgresql/*/bin/postgres --version',
      wayOut:
        "Install Debian's postgresql package (apt-get install postgresql), set POSTGRES_BIN_DIR to a folder holding postgres and initdb, or unset FERRETDB_BACKEND to use SQLite.",
      log: log.path,
    });
  }
  report(`checking FerretDB on PostgreSQL (${bin}): initdb, start, a round trip, stop`);
  const dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-postgres-check-'));
  try {
    const database = await startFerretdb(dataDir, ferretdb, 'postgresql');
    try {
      const connection = await mongoose
        .createConnection(database.uri, { dbName: 'probe', serverSelectionTimeoutMS: 10_000 })
        .asPromise();
      const probe = connection.db!.collection<{ _id: string }>('probe');
      await probe.insertOne({ _id: 'probe' });
      const found = await probe.findOne({ _id: 'probe' });
      await connection.close();
      if (!found) throw new Error('a stored document did not come back');
    } finally {
      await database.stop();
    }
  } catch (error) {
    log.write(String(error));
    throw new ProvisionFailure({
      what: `FerretDB on PostgreSQL does not work here: ${(error as Error).message.split('\n')[0]}`,
      see: `${bin}/postgres --version`,
      wayOut: 'Unset FERRETDB_BACKEND to use SQLite, or set MONGODB_URI to use your own MongoDB.',
      log: log.path,
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return `PostgreSQL from ${bin}, checked`;
}
