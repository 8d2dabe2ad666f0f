// [boot-1] The real server process against the chain's database: ready, seeded once, data kept
// across restarts, and Ctrl-C (SIGTERM) stops it and its database cleanly.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { ApiClient } from '../test/support/people.ts';
import { connectMongoose, disconnectMongoose } from './db/connect.ts';
import { startDatabase } from './db/engine.ts';
import { DEMO_PASSWORD } from './people/seed.ts';
import { projectRoot } from './platform/paths.ts';

interface RunningServer {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function startServer(dataDir: string): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: '0',
      SFU_WORKERS: '1',
      SFU_RTC_PORT: '0',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, like a terminal's: Ctrl-C goes to the whole group.
    detached: true,
  });
  let output = '';
  return new Promise((resolve, reject) => {
    // Generous: seeding the demo on FerretDB takes minutes on a loaded 2-core machine, and how
    // fast it starts is not what this test judges.
    const timer = setTimeout(() => {
      // Not left running: the server's group (workers, TURN) and its database (a group of its
      // own) go, before afterEach removes their folder.
      for (const pid of [-(child.pid ?? 0), ...processesUsing(dataDir)])
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone already
        }
      reject(new Error(`server did not start:\n${output}`));
    }, 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1].replace('localhost', '127.0.0.1'), output: () => output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) during start-up:\n${output}`));
    });
  });
}

/** SIGTERM to the server, or a terminal's Ctrl-C: SIGINT to every process of its group. */
function stopServer(server: RunningServer, how: 'SIGTERM' | 'Ctrl-C'): Promise<number | null> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve(server.child.exitCode);
    server.child.once('exit', (code) => resolve(code));
    if (how === 'Ctrl-C') process.kill(-(server.child.pid ?? 0), 'SIGINT');
    else server.child.kill('SIGTERM');
  });
}

/** Processes still in a process group (mediasoup workers, the database…). */
function processGroupMembers(pgid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(fields[2]) === pgid && fields[0] !== 'Z';
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Processes whose command line mentions the folder (the database server the app started). */
function processesUsing(dir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The coordinator's people list's first page (newest first): each person's email. */
async function emailsOfPeople(url: string, coordinator: { email: string; password: string }) {
  const client = await new ApiClient(url).signIn(coordinator);
  const listed = await client.get<{ email: string }[]>('/people');
  assert.equal(listed.status, 200, JSON.stringify(listed.body));
  return listed.body.map((person) => person.email);
}

describe('[boot-1] server start-up, database chain and restarts', function () {
  this.timeout(420_000);
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-boot-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('[boot-1] the real server is ready, seeds once, keeps data across a restart and stops cleanly', async () => {
    const family = { email: 'family@demo.rinnalla.fi', password: DEMO_PASSWORD };
    const coordinator = { email: 'coordinator@demo.rinnalla.fi', password: DEMO_PASSWORD };
    const municipality = `Kuopio ${randomBytes(3).toString('hex')}`;
    let familyCookie: string | undefined;
    let people: string[];
    const first = await startServer(dataDir);
    try {
      const ready = await fetch(`${first.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), {
        status: 'ready',
        database: true,
        workers: 1,
        down: [],
      });
      assert.equal((await fetch(`${first.url}/healthz`)).status, 200);
      // What the first run stores, through the product's own routes: the demo people (seeded),
      // a family's profile change, the family's sign-in.
      const signedIn = await new ApiClient(first.url).signIn(family);
      const changed = await signedIn.patch<{ municipality: string }>('/me', { municipality });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      familyCookie = signedIn.cookie;
      people = await emailsOfPeople(first.url, coordinator);
      assert.ok(people.includes(family.email), 'the demo family was seeded');
      assert.match(first.output(), /demo data seeded/);
    } finally {
      assert.equal(await stopServer(first, 'Ctrl-C'), 0, first.output());
    }
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(processesUsing(dataDir), [], 'the database server stopped with the app');
    assert.deepEqual(processGroupMembers(first.child.pid ?? 0), [], 'no worker left behind');

    // A new server process, a new database process, on the same data folder.
    const second = await startServer(dataDir);
    try {
      assert.equal((await fetch(`${second.url}/readyz`)).status, 200);
      const returning = new ApiClient(second.url);
      returning.cookie = familyCookie;
      const me = await returning.get<{ email: string; municipality: string | null }>('/me');
      assert.equal(me.status, 200, 'the sign-in of the first run is still valid');
      assert.equal(me.body.email, family.email);
      assert.equal(me.body.municipality, municipality, 'the profile change survived the restart');
      assert.deepEqual(
        await emailsOfPeople(second.url, coordinator),
        people,
        'the same people, none seeded twice',
      );
      assert.doesNotMatch(second.output(), /demo data seeded/);
    } finally {
      assert.equal(await stopServer(second, 'SIGTERM'), 0, second.output());
    }
  });

  it('[boot-1] a document written through mongoose is read back after the database restarts', async () => {
    const Probe = mongoose.model(
      'BootProbe',
      new mongoose.Schema({ note: String, at: Date }),
      'boot_probes',
    );
    const write = async () => {
      const database = await startDatabase({ uri: process.env.MONGODB_URI, dataDir });
      await connectMongoose(database.uri, 'boot_probe');
      return database;
    };
    const written = new Date('2026-11-23T10:00:00Z');
    let database = await write();
    const { _id } = await Probe.create({ note: 'tervetuloa', at: written });
    await disconnectMongoose();
    await database.stop();

    database = await write();
    try {
      const found = await Probe.findById(_id).lean();
      assert.equal(found?.note, 'tervetuloa');
      assert.equal(found?.at?.toISOString(), written.toISOString());
      await mongoose.connection.dropDatabase();
    } finally {
      await disconnectMongoose();
      await database.stop();
      mongoose.deleteModel('BootProbe');
    }
  });
});
