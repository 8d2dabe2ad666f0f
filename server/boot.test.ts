// [boot-1] The real server process against the chain's database: ready, seeded once, data kept
// across restarts, and Ctrl-C (SIGTERM) stops it and its database cleanly.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { connectMongoose, disconnectMongoose } from './db/connect.ts';
import { startDatabase } from './db/engine.ts';
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
    // A server that did not start in time is stopped (Ctrl-C to its group, so it also stops the
    // database it started) and the test fails once it has exited: left running, it kept mocha
    // from exiting.
    let timedOut = false;
    const signal = (name: NodeJS.Signals) => {
      try {
        process.kill(-(child.pid ?? 0), name);
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      signal('SIGINT');
      const force = setTimeout(() => signal('SIGKILL'), 10_000);
      child.once('exit', () => clearTimeout(force));
    }, 45_000);
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
      const why = timedOut ? 'did not start within 45 s' : `exited (${code}) during start-up`;
      reject(new Error(`server ${why}:\n${output}`));
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

describe('[boot-1] server start-up, database chain and restarts', function () {
  this.timeout(120_000);
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-boot-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('[boot-1] the real server is ready, seeds once, keeps data across a restart and stops cleanly', async () => {
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
      assert.match(first.output(), /demo data seeded/);
    } finally {
      assert.equal(await stopServer(first, 'Ctrl-C'), 0, first.output());
    }
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(processesUsing(dataDir), [], 'the database server stopped with the app');
    assert.deepEqual(processGroupMembers(first.child.pid ?? 0), [], 'no worker left behind');

    const second = await startServer(dataDir);
    try {
      assert.equal((await fetch(`${second.url}/readyz`)).status, 200);
      assert.doesNotMatch(
        second.output(),
        /demo data seeded/,
        'the seed mark survived the restart',
      );
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
