// Supervision pages with a whole organisation in the database (issue 7): 40 trainers, each with
// 12 facilitators and 12 family groups of 8 families, 8 coming sessions per group, 4 reports per
// group, the training programme with progress. Measured over HTTP against the real server in a
// child process: a trainer's dashboard, the coordinator's "no trainer contact in 4 weeks" view, a
// trainer's trainees with their progress, and a trainee's own programme. Only 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { connectMongoose, disconnectMongoose } from '../server/db/connect.ts';
import { startDatabase } from '../server/db/engine.ts';
import { benchServerEnv, startServer, stopServer, type RunningServer } from './chat/server.ts';
import { measure, type Measurement } from './stats.ts';
import { seedOrganisation, TRAINERS } from './supervision/seed.ts';

const RUNS = 20;

export async function supervisionBenchmarks(): Promise<Measurement[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-bench-supervision-'));
  const database = await startDatabase({
    uri: process.env.MONGODB_URI,
    dataDir: join(dataDir, 'db'),
  });
  const dbName = `bench_supervision_${Date.now()}`;
  let server: RunningServer | undefined;
  try {
    await connectMongoose(database.uri, dbName);
    console.log(`  supervision: seeding ${TRAINERS} trainers' facilitators and groups…`);
    const cookies = await seedOrganisation((line) => console.log(line));
    console.log('  supervision: starting the server as a child process…');
    server = await startServer(benchServerEnv(dataDir, { uri: database.uri, dbName }));
    const url = server.url;
    const page = (path: string, cookie: string) => async () => {
      const res = await fetch(`${url}/api${path}`, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const note = 'FerretDB v1 (SQLite); 40 trainers, 480 facilitators, 480 groups, 3840 families';
    const results = [
      await measure(
        'trainer dashboard',
        RUNS,
        page('/supervision/dashboard', cookies.trainerCookie),
      ),
      await measure(
        'coordinator: no trainer contact in 4 weeks',
        RUNS,
        page('/supervision/contact?weeks=4', cookies.coordinatorCookie),
      ),
      await measure(
        'trainer: trainees with progress',
        RUNS,
        page('/training/trainees', cookies.trainerCookie),
      ),
      await measure(
        'trainee: own programme',
        RUNS,
        page('/training/modules', cookies.facilitatorCookie),
      ),
    ];
    return results.map((r) => ({ ...r, note }));
  } finally {
    if (server) await stopServer(server);
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await disconnectMongoose();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
