// Changes to how data is kept, applied once to a database made by an earlier version (at start,
// before the app serves). Each is marked done in `migrations`; one that fails stops the start with
// its name, and runs again next time (each is written so that running it twice changes nothing).
import mongoose from 'mongoose';
import { isDuplicateKey } from './claims.ts';

export interface Migration {
  name: string;
  run(report: (line: string) => void): Promise<void>;
}

const migrations: Migration[] = [];

export function registerMigration(migration: Migration): void {
  migrations.push(migration);
}

const Marks = () => mongoose.connection.collection<{ _id: string; at: Date }>('migrations');

/** Marks every migration done: for a database made by this version (nothing old to change). */
export async function markAllDone(): Promise<void> {
  for (const migration of migrations) await mark(migration.name);
}

/**
 * Marks one done. Processes starting together on one database may mark the same one at once:
 * FerretDB then refuses the second insert, and the mark is there.
 */
async function mark(name: string): Promise<void> {
  await Marks()
    .updateOne({ _id: name }, { $setOnInsert: { at: new Date() } }, { upsert: true })
    .catch((error: unknown) => {
      if (!isDuplicateKey(error)) throw error;
    });
}

export async function migrate(report: (line: string) => void): Promise<void> {
  // A database with nobody in it yet was not made by an earlier version.
  const empty = (await mongoose.connection.collection('people').estimatedDocumentCount()) === 0;
  if (empty) return markAllDone();
  for (const migration of migrations) {
    if (await Marks().findOne({ _id: migration.name })) continue;
    report(`migrating: ${migration.name}`);
    await migration.run(report);
    await mark(migration.name);
  }
}
