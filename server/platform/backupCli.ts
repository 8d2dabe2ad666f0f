// `npm run backup [file]` and `npm run restore <file> [--force]` (scripts/run.ts hands over
// here): the same database `npm start` uses — MONGODB_URI, or the embedded one (the running
// server's, or started here for the time of the backup when the server is stopped).
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import mongoose from 'mongoose';
import { ConfigError, loadConfig } from '../config.ts';
import { announcedDatabase } from '../db/announce.ts';
import { startDatabase } from '../db/engine.ts';
import { backupDatabase, restoreDatabase, type Progress } from './backup.ts';
import { BackupError, backupKey } from './backupFormat.ts';

const stamp = (at: Date) => at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/** Collection n/N and its documents: one line each, rewritten as it counts on a terminal. */
function reporter() {
  const tty = process.stdout.isTTY;
  let current: { index: number; of: number; name: string; documents: number } | undefined;
  const text = () =>
    current
      ? `  collection ${current.index}/${current.of} ${current.name}: ${current.documents} documents`
      : '';
  const finish = () => {
    if (current) {
      if (tty) process.stdout.write(`\r\x1b[K${text()}\n`);
      else console.log(text());
    }
    current = undefined;
  };
  const progress = (p: Progress) => {
    if (p.step === 'collection') {
      finish();
      current = { index: p.index, of: p.of, name: p.name, documents: 0 };
      if (tty) process.stdout.write(text());
    } else if (p.step === 'documents') {
      if (current) current.documents = p.documents;
      if (tty) process.stdout.write(`\r\x1b[K${text()}`);
    } else if (p.step === 'verified') {
      finish();
      console.log(`  the file is intact: ${p.collections} collections, ${p.documents} documents`);
    } else {
      finish();
      console.warn(`  ! ${p.message}`);
    }
  };
  return { progress, finish };
}

async function database(config: ReturnType<typeof loadConfig>) {
  const dataDir = join(config.dataDir, 'db');
  const running = config.mongodbUri ? undefined : announcedDatabase(dataDir);
  if (running) {
    console.log('  database: the running server’s embedded database');
    return { uri: running, stop: async () => {} };
  }
  const started = await startDatabase({ uri: config.mongodbUri, dataDir });
  console.log(`  database: ${started.description}`);
  return started;
}

export async function backupCli(mode: 'backup' | 'restore', args: string[]): Promise<number> {
  try {
    const config = loadConfig();
    const key = backupKey();
    const force = args.includes('--force');
    const paths = args.filter((a) => !a.startsWith('--'));
    if (mode === 'restore' && paths.length !== 1)
      throw new BackupError('Which backup? `npm run restore -- <file> [--force]`');
    const path = resolve(
      paths[0] ??
        join(config.dataDir, 'backups', `${config.mongodbDb}-${stamp(new Date())}.backup`),
    );
    const server = await database(config);
    const client = new mongoose.mongo.MongoClient(server.uri, { serverSelectionTimeoutMS: 10_000 });
    try {
      await client.connect();
      const db = client.db(config.mongodbDb);
      const started = Date.now();
      if (mode === 'backup') {
        mkdirSync(dirname(path), { recursive: true });
        const report = reporter();
        const done = await backupDatabase(db, path, key, report.progress);
        report.finish();
        console.log(
          `\n✔ backup of ${db.databaseName}: ${done.collections} collections, ` +
            `${done.documents} documents in ${((Date.now() - started) / 1000).toFixed(1)} s\n  ${path}`,
        );
      } else {
        const report = reporter();
        const done = await restoreDatabase(db, path, key, { force, progress: report.progress });
        report.finish();
        console.log(
          `\n✔ restored into ${db.databaseName}: ${done.collections} collections, ` +
            `${done.documents} documents (backup of ${done.head.database} made ` +
            `${done.head.startedAt.toISOString()}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
      }
    } finally {
      await client.close();
      await server.stop();
    }
    return 0;
  } catch (error) {
    if (error instanceof BackupError || error instanceof ConfigError) {
      console.error(`\n✖ ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
