// [heal-1] With MONGODB_URI the platform does not supervise the server — it is the operator's —
// but rides out its restart: here a FerretDB this test runs itself is SIGKILLed and started again
// on the same port 2 s later; the chat resumes, nothing is stored twice, nothing restarted by us.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Message } from '../../server/chat/message.model.ts';
import { connectMongoose, disconnectMongoose } from '../../server/db/connect.ts';
import { ferretdbBinary } from '../../server/db/ferretdb.ts';
import { freePort, waitForPort } from '../../server/platform/ports.ts';
import { killAndReap } from '../../server/platform/supervisor.ts';
import { liveGroup, liveSocket } from '../support/live.ts';
import {
  startServerProcess,
  UNLIMITED_REQUESTS,
  type ServerProcess,
} from '../support/serverProcess.ts';
import { Member, readyz } from './healSupport.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => Promise<boolean> | boolean, ms: number) {
  const deadline = Date.now() + ms;
  for (;;) {
    const ok = await Promise.resolve()
      .then(check)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await pause(100);
  }
}

/** "Your own MongoDB": a FerretDB nobody supervises, on a port of our choosing. */
async function ownDatabase(dir: string, port: number): Promise<ChildProcess> {
  mkdirSync(dir, { recursive: true });
  const child = spawn(
    ferretdbBinary(),
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${dir}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=error',
    ],
    { stdio: 'ignore' },
  );
  await waitForPort(port, 15_000, () => child.exitCode !== null);
  return child;
}

describe('[heal-1] with MONGODB_URI: the external database restarted', function () {
  this.timeout(180_000);
  let dataDir: string;
  let database: ChildProcess | undefined;
  let port = 0;
  let server: ServerProcess | undefined;
  const members: Member[] = [];

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-heal-ext-'));
    port = await freePort();
    database = await ownDatabase(join(dataDir, 'own-db'), port);
    const uri = `mongodb://127.0.0.1:${port}/`;
    server = await startServerProcess({
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      MONGODB_URI: uri,
      MONGODB_DB: 'healext',
      SEED_DEMO_DATA: 'false',
      CHAT_MESSAGES_PER_MINUTE: '6000',
      ...UNLIMITED_REQUESTS,
      LOG_LEVEL: 'warn',
    });
    await connectMongoose(uri, 'healext');
  });
  after(async () => {
    for (const member of members.splice(0)) member.close();
    await disconnectMongoose().catch(() => undefined);
    await server?.stop();
    if (database) await killAndReap(database);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('[heal-1] with MONGODB_URI: not supervised, but the platform rides out its restart', async () => {
    const url = server!.url;
    const live = await liveGroup(url, { families: 3 });
    const channelId = `group:${live.group.id}`;
    for (const person of [live.staff.facilitator, ...live.families]) {
      const member = new Member(await liveSocket(url, person), person.id, channelId);
      await member.subscribe();
      members.push(member);
    }
    let sending = true;
    let round = 0;
    const chat = (async () => {
      while (sending) {
        round += 1;
        for (const [i, member] of members.entries()) member.send(`ulkoinen ${round}.${i}`);
        await pause(500);
      }
    })();
    await pause(1500);
    await killAndReap(database!);
    await until('/readyz names the database', async () => (await readyz(url)).status === 503, 5000);
    await pause(2000);
    assert.equal((await readyz(url)).status, 503, 'nobody restarted it');
    database = await ownDatabase(join(dataDir, 'own-db'), port);
    const restartedAt = Date.now();
    await until('/readyz 200', async () => (await readyz(url)).status === 200, 10_000);
    const readyMs = Date.now() - restartedAt;
    await pause(1500);
    sending = false;
    await chat;
    await until('every outbox empty', () => members.every((m) => m.waiting === 0), 60_000);
    const sent = members.reduce((n, m) => n + m.sentTexts.length, 0);
    const stored = await Message.find({ channelId }, { clientId: 1 }).lean();
    assert.equal(new Set(stored.map((m) => m.clientId)).size, stored.length, 'nothing twice');
    assert.equal(stored.length, sent, 'everything stored');
    assert.doesNotMatch(server!.output(), /restarting it in/);
    console.log(
      `      [heal-1] MONGODB_URI: the server back → /readyz 200 in ${readyMs} ms; ` +
        `${sent} messages, ${stored.length} stored, 0 twice`,
    );
  });
});
