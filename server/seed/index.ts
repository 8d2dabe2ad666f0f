// Demo data on the first run against an empty database, so `npm start` shows a living platform.
import mongoose from 'mongoose';
import type { Logger } from 'pino';

/** A seeder adds its demo data and returns lines to print (e.g. demo logins). */
export type Seeder = (log: Logger) => Promise<string[]>;

const seeders: { name: string; seed: Seeder }[] = [];
/** Lines that describe the demo as it is now (what is open for joining), made at each start. */
const statuses: (() => Promise<string[]>)[] = [];

export function registerSeeder(name: string, seed: Seeder): void {
  seeders.push({ name, seed });
}

export function registerDemoStatus(status: () => Promise<string[]>): void {
  statuses.push(status);
}

/** The demo's lines for this start: what was seeded, then what is on now. */
export async function demoStatus(seeded: string[]): Promise<string[]> {
  const now = (await Promise.all(statuses.map((status) => status()))).flat();
  return [...seeded, ...now];
}

const SeedMark = mongoose.model(
  'SeedMark',
  new mongoose.Schema({ _id: String, seededAt: Date, lines: [String] }, { versionKey: false }),
  'seed_marks',
);

/** `progress` hears each step ("demo groups (2/2)"): seeding takes a few seconds on FerretDB. */
export async function seedOnFirstRun(
  log: Logger,
  progress: (step: string) => void = () => {},
): Promise<string[]> {
  const mark = await SeedMark.findById('demo').lean();
  if (mark) return mark.lines ?? [];
  const lines: string[] = [];
  for (const [i, seeder] of seeders.entries()) {
    progress(`${seeder.name} (${i + 1}/${seeders.length})`);
    lines.push(...(await seeder.seed(log)));
  }
  await SeedMark.create({ _id: 'demo', seededAt: new Date(), lines });
  log.info('demo data seeded');
  return lines;
}
