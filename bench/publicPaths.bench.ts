// Public paths (issue 23): how long sign-up and a password-reset request take for an email that
// has an account and for one that has none — the two must not be told apart by their timing.
// 1000 people in the database; samples alternate known/unknown, a pause after each. Over
// HTTP against the real server in a child process (outbox mode: no SMTP), only 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { hashPassword } from '../server/auth/passwords.ts';
import { connectMongoose, disconnectMongoose } from '../server/db/connect.ts';
import { startDatabase } from '../server/db/engine.ts';
import { Person } from '../server/people/person.model.ts';
import { PRIVACY_NOTICE_VERSION } from '../server/protocol/api.ts';
import { benchServerEnv, startServer, stopServer, type RunningServer } from './chat/server.ts';
import { summarise, type Measurement } from './stats.ts';

const PEOPLE = 1000;
const RUNS = 30;
const SETTLE_MS = 300;

export async function publicPathsBenchmarks(): Promise<Measurement[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-bench-public-'));
  const database = await startDatabase({
    uri: process.env.MONGODB_URI,
    dataDir: join(dataDir, 'db'),
  });
  const dbName = `bench_public_${Date.now()}`;
  let server: RunningServer | undefined;
  try {
    await connectMongoose(database.uri, dbName);
    await Person.init();
    const passwordHash = await hashPassword('bench passphrase');
    await Person.insertMany(
      Array.from({ length: PEOPLE }, (_, i) => ({
        email: `person-${i}@bench.rinnalla.fi`,
        passwordHash,
        displayName: `Bench ${i}`,
        roles: ['family'],
        emailVerifiedAt: new Date(),
        language: 'fi',
      })),
    );
    server = await startServer(
      benchServerEnv(
        dataDir,
        { uri: database.uri, dbName },
        {
          RATE_LIMIT_AUTH: '100000',
          RATE_LIMIT_WRITE_IP: '100000',
        },
      ),
    );
    const url = server.url;
    const post = async (path: string, body: unknown) => {
      const started = performance.now();
      const res = await fetch(`${url}/api${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      await res.text();
      if (res.status !== 202) throw new Error(`${path}: ${res.status}`);
      return performance.now() - started;
    };
    const signUp = (email: string) =>
      post('/auth/sign-up', {
        email,
        password: 'a long enough passphrase',
        displayName: 'Bench',
        language: 'fi',
        acceptPrivacy: PRIVACY_NOTICE_VERSION,
      });
    const reset = (email: string) => post('/auth/password-reset', { email });
    // A reset's look-up and email run after its answer: let them finish (unmeasured) so they do
    // not slow whichever request comes next.
    const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const known = (i: number) => `person-${(i * 37) % PEOPLE}@bench.rinnalla.fi`;
    const unknown = (kind: string, i: number) => `new-${kind}-${i}@bench.rinnalla.fi`;

    const samples = {
      signUpKnown: [] as number[],
      signUpUnknown: [] as number[],
      resetKnown: [] as number[],
      resetUnknown: [] as number[],
    };
    await signUp(unknown('warm', 0)); // warm-up, not counted
    // Known and unknown alternate, and which goes first alternates too, so drift hits both alike.
    const alternate = async (a: () => Promise<unknown>, b: () => Promise<unknown>, i: number) => {
      for (const step of i % 2 === 0 ? [a, b] : [b, a]) {
        await step();
        await settle();
      }
    };
    for (let i = 0; i < RUNS; i += 1) {
      await alternate(
        async () => samples.signUpKnown.push(await signUp(known(i))),
        async () => samples.signUpUnknown.push(await signUp(unknown('signup', i))),
        i,
      );
    }
    for (let i = 0; i < RUNS; i += 1) {
      await alternate(
        async () => samples.resetKnown.push(await reset(known(i + 1))),
        async () => samples.resetUnknown.push(await reset(unknown('reset', i))),
        i,
      );
    }
    const note = `${database.description}; ${PEOPLE} people; outbox mode (no SMTP)`;
    return [
      summarise('sign-up, known email', samples.signUpKnown, note),
      summarise('sign-up, unknown email', samples.signUpUnknown, note),
      summarise('password reset, known email', samples.resetKnown, note),
      summarise('password reset, unknown email', samples.resetUnknown, note),
    ];
  } finally {
    if (server) await stopServer(server);
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await disconnectMongoose();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
