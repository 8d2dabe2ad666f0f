// [scale-1] [scale-2] [scale-drain] Two real server processes behind one address (a small
// reverse proxy, test/support/proxy.ts, routing as the deploy notes' nginx does) with a real
// redis-server: a live session is owned by one process (server/live/ownership.ts), browsers
// that land on the other are sent to the owner; the owner is killed and the other takes over;
// a stopping process hands its session over. Real Chromium with fake camera and microphone.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { createClient } from 'redis';
import type { ChatMessage } from '../../server/protocol/chat.ts';
import type { JoinResult } from '../../server/protocol/live.ts';
import type { SupervisionDashboard } from '../../server/protocol/supervision.ts';
import { Attendance, attendanceKey } from '../../server/sessions/attendance.model.ts';
import { launchBrowser } from '../support/browser.ts';
import { testDatabaseUri, useTestDatabase } from '../support/database.ts';
import { liveGroup, liveSocket, must, type LiveGroup, type TestSocket } from '../support/live.ts';
import { signedInClient, signInCookie, type TestPerson } from '../support/people.ts';
import { freePort, startProxy, type TestProxy } from '../support/proxy.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import {
  startServerProcess,
  UNLIMITED_REQUESTS,
  type ServerProcess,
} from '../support/serverProcess.ts';
import { mediaFlowing, trackPeerConnections } from './liveBrowser.ts';

const LEASE_MS = 3000;

describe('[scale] live sessions across two server processes', function () {
  this.timeout(300_000);
  let redis: TestRedis | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  let dataDir = '';
  let proxy: TestProxy | undefined;
  let browser: Browser | undefined;
  const servers = new Map<string, ServerProcess>();
  /** Each process's own address (its "running at" line names the shared one, PUBLIC_URL). */
  const direct = new Map<string, string>();
  const sockets: TestSocket[] = [];
  let env: Record<string, string>;

  const start = async (name: string) => {
    const port = await freePort();
    const server = await startServerProcess({
      ...env,
      PORT: String(port),
      RINNALLA_NODE_URL: `${proxy!.url}/node/${name}`,
    });
    servers.set(name, server);
    direct.set(name, `http://127.0.0.1:${port}`);
    const backend = { name, port };
    const index = proxy!.backends.findIndex((b) => b.name === name);
    if (index >= 0) proxy!.backends[index] = backend;
    else proxy!.backends.push(backend);
    return server;
  };

  /** A page through the shared address whose first connection lands on process `node`. */
  const joinThrough = async (
    person: TestPerson,
    sessionId: string,
    node: string,
  ): Promise<Page> => {
    const url = proxy!.url;
    const cookie = await signInCookie(url, person);
    const context = await browser!.newContext({
      locale: 'en',
      viewport: { width: 1000, height: 700 },
    });
    await context.addCookies([
      { name: cookie.name, value: cookie.value, url },
      { name: 'rinnalla-node', value: node, url },
    ]);
    await context.addInitScript(trackPeerConnections);
    const page = await context.newPage();
    await page.goto(`${url}/sessions/${sessionId}`);
    await page.getByTestId('join-button').click();
    await page.getByTestId('live-room').waitFor({ timeout: 30_000 });
    return page;
  };

  /** The process that owns the session now, from its lease in Redis. */
  const ownerOf = async (sessionId: string): Promise<string> => {
    const client = createClient({ url: redis!.url });
    await client.connect();
    try {
      const value = (await client.get(`rinnalla:live:owner:${sessionId}`)) ?? '';
      return /\/node\/([^/]+)$/.exec(value)?.[1] ?? '';
    } finally {
      client.destroy();
    }
  };

  /** The trainer's dashboard row for the session on one process, once it shows `count`. */
  const dashboardCount = async (node: string, live: LiveGroup, count: number) => {
    const trainer = await signedInClient(direct.get(node)!, live.staff.trainer);
    const until = Date.now() + 10_000;
    for (;;) {
      const res = await trainer.get<SupervisionDashboard>('/supervision/dashboard');
      assert.equal(res.status, 200);
      const row = res.body.sessions.find((s) => s.sessionId === live.sessionId);
      if ((row?.live && row.participants === count) || Date.now() > until) return row;
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  before(async () => {
    redis = await startRedis();
    dropDatabase = await useTestDatabase('scale');
    dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-scale-'));
    proxy = await startProxy(0, []);
    env = {
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      MONGODB_URI: testDatabaseUri(),
      MONGODB_DB: mongoose.connection.name,
      REDIS_URL: redis.url,
      PUBLIC_URL: proxy.url,
      LIVE_LEASE_MS: String(LEASE_MS),
      SEED_DEMO_DATA: 'false',
      SFU_WORKERS: '1',
      SFU_RTC_PORT: '0',
      SFU_LISTEN_IP: '127.0.0.1',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      ...UNLIMITED_REQUESTS,
    };
    await Promise.all([start('a'), start('b')]);
    browser = await launchBrowser();
  });

  after(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await browser?.close();
    await Promise.all([...servers.values()].map((server) => server.kill()));
    await proxy?.close();
    await redis?.stop();
    await dropDatabase?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  let live: LiveGroup;
  const pages: Page[] = [];

  /**
   * The session of these tests, once: the facilitator arrives on B (and claims it there), one
   * family on A (sent on to B), one on B; media flowing everywhere. Each test may run alone.
   */
  const openRoom = async () => {
    if (pages.length === 3) return;
    live = await liveGroup(proxy!.url, { families: 3 });
    const [first, second] = live.families as [TestPerson, TestPerson];
    pages.push(await joinThrough(live.staff.facilitator, live.sessionId, 'b'));
    pages.push(await joinThrough(first, live.sessionId, 'a'));
    pages.push(await joinThrough(second, live.sessionId, 'b'));
    for (const page of pages)
      await mediaFlowing(page, { videos: 2, audio: true, timeoutMs: 30_000 });
  };
  const running = (name: string) => {
    const child = servers.get(name)?.child;
    return !!child && child.exitCode === null && child.signalCode === null;
  };

  it('[scale-1] families and the facilitator arrive on different processes, all exchange video; the dashboard on either process shows the session live with its participants', async () => {
    await openRoom();
    assert.equal(
      await ownerOf(live.sessionId),
      'b',
      'the first to join claims it where they arrived',
    );
    // Each arrived where its cookie sent it; the family on A was sent on to the owner, B.
    const homes = proxy!.upgrades.filter((u) => / \/socket\.io\//.test(u)).map((u) => u[0]);
    assert.ok(homes.includes('a') && homes.includes('b'), proxy!.upgrades.join('\n'));
    assert.ok(
      proxy!.upgrades.some((u) => u.startsWith('b /node/b/socket.io/')),
      proxy!.upgrades.join('\n'),
    );
    for (const node of ['a', 'b']) {
      const row = await dashboardCount(node, live, 3);
      assert.equal(row?.live, true, `live on the dashboard of ${node}`);
      assert.equal(row?.participants, 3, `participants on the dashboard of ${node}`);
    }
  });

  it('[scale-2] the owner is killed mid-session: the other process takes over, every browser has media again within 10 s, and no acknowledged chat message is lost', async () => {
    await openRoom();
    const owner = await ownerOf(live.sessionId);
    const other = owner === 'a' ? 'b' : 'a';
    // Chat through the process about to die: each ack means the message is stored.
    const channelId = `group:${live.group.id}`;
    const family = live.families[0]!;
    const chat = await liveSocket(direct.get(owner)!, family);
    sockets.push(chat);
    const acked: ChatMessage[] = [];
    for (let i = 1; i <= 5; i += 1) {
      acked.push(
        await must<ChatMessage>(chat, 'chat:send', {
          channelId,
          clientId: `scale2-${i}`,
          text: `Viesti ${i} ennen katkosta`,
        }),
      );
    }

    // A family in the video through a socket only, which does not come back after the kill.
    const leaving = live.families[2]!;
    const gone = await liveSocket(direct.get(owner)!, leaving);
    sockets.push(gone);
    const joined = await must<JoinResult>(gone, 'live:join', { sessionId: live.sessionId });
    assert.equal(joined.state, 'admitted');
    // Seen from the other process: the owner's summary in Redis (renewed each third of a lease)
    // names them — what a process taking over reads (the owner's own count is local, at once).
    const seen = await dashboardCount(other, live, 4);
    assert.equal(seen?.participants, 4);

    const killedAt = Date.now();
    await servers.get(owner)!.kill();
    gone.disconnect();
    // Frames already in the browsers' buffers: none left after a moment.
    await new Promise((r) => setTimeout(r, 1500));
    const times = await Promise.all(
      pages.map(async (page) => {
        await mediaFlowing(page, { videos: 2, audio: true, timeoutMs: 40_000 });
        return Date.now() - killedAt;
      }),
    );
    console.log(
      `      failover (${LEASE_MS} ms lease): media again after ${times.map((t) => `${(t / 1000).toFixed(1)} s`).join(', ')}`,
    );
    assert.equal(await ownerOf(live.sessionId), other, 'the surviving process owns the session');
    assert.ok(Math.max(...times) <= 10_000, `media again within 10 s (${times.join(', ')} ms)`);

    const reader = await liveSocket(direct.get(other)!, live.staff.facilitator);
    sockets.push(reader);
    const { messages } = await must<{ messages: ChatMessage[] }>(reader, 'chat:history', {
      channelId,
    });
    for (const message of acked) {
      assert.ok(
        messages.some((m) => m.seq === message.seq && m.text === message.text),
        `message ${message.seq} kept`,
      );
    }
    const row = await dashboardCount(other, live, 3);
    assert.equal(row?.participants, 3);
    // Attendance: the one who did not come back left when the owner died; the others are there.
    const leftAt = async (person: TestPerson) =>
      (await Attendance.findById(attendanceKey(live.sessionId, person.id)).lean())?.leftAt;
    const left = await leftAt(leaving);
    assert.ok(left && left.getTime() >= killedAt - 1000, `left at the takeover (${left})`);
    for (const family of live.families.slice(0, 2))
      assert.equal(await leftAt(family), null, 'back in the video');
  });

  it('[scale-drain] SIGTERM on the owner hands the session over at once and the process exits', async () => {
    await openRoom();
    // A process killed before comes back first, so there is somewhere to hand over to.
    const owner = await ownerOf(live.sessionId);
    const other = owner === 'a' ? 'b' : 'a';
    if (!running(other)) await start(other);
    const stoppedAt = Date.now();
    await servers.get(owner)!.stop();
    const exitedMs = Date.now() - stoppedAt;
    servers.delete(owner);
    const times = await Promise.all(
      pages.map(async (page) => {
        await mediaFlowing(page, { videos: 2, audio: true, timeoutMs: 40_000 });
        return Date.now() - stoppedAt;
      }),
    );
    console.log(
      `      drain: exited after ${(exitedMs / 1000).toFixed(1)} s, media again after ${times.map((t) => `${(t / 1000).toFixed(1)} s`).join(', ')}`,
    );
    assert.equal(await ownerOf(live.sessionId), other);
    assert.ok(exitedMs < 15_000, `exited in ${exitedMs} ms`);
  });
});
