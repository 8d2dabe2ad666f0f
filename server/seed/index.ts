// Demo data on the first run against an empty database, so `npm start` shows a living platform.
import mongoose from 'mongoose';
import type { Logger } from 'pino';

/** A seeder adds its demo data and returns lines to print (e.g. demo logins). */
export type Seeder = (log: Logger) => Promise<string[]>;

const seeders: Seeder[] = [];

export function registerSeeder(seeder: Seeder): void {
  seeders.push(seeder);
}

const SeedMark = mongoose.model(
  'SeedMark',
  new mongoose.Schema({ _id: String, seededAt: Date, lines: [String] }, { versionKey: false }),
  'seed_marks',
);

export async function seedOnFirstRun(log: Logger): Promise<string[]> {
  const mark = await SeedMark.findById('demo').lean();
  if (mark) return mark.lines ?? [];
  const lines: string[] = [];
  for (const seeder of seeders) lines.push(...(await seeder(log)));
  await SeedMark.create({ _id: 'demo', seededAt: new Date(), lines });
  log.info('demo data seeded');
  return lines;
}
