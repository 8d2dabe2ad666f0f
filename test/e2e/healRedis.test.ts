// [heal-4] The Redis two server processes rely on is killed (SIGKILL) and started again on its
// port: chat and presence across the processes resume by themselves, and every acknowledged
// message is stored once and reaches both members (live, or by the catch-up the client makes).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { Message, senderKey } from '../../server/chat/message.model.ts';
import type { ChatMessage } from '../../server/protocol/chat.ts';
import { testDatabaseUri, useTestDatabase } from '../support/database.ts';
import { liveGroup, liveSocket, must, type TestSocket } from '../support/live.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import {
  startServerProcesses,
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

describe('[heal-4] Redis killed and restarted under two server processes', function () {
  this.timeout(240_000);
  let redis: TestRedis | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  let dataDir: string;
  const servers: ServerProcess[] = [];
  const members: Member[] = [];
  const sockets: TestSocket[] = [];

  before(async () => {
    redis = await startRedis();
    dropDatabase = await useTestDatabase('heal4');
    dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-heal4-'));
    const env = {
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      MONGODB_URI: testDatabaseUri(),
      MONGODB_DB: mongoose.connection.name,
      REDIS_URL: redis.url,
      SEED_DEMO_DATA: 'false',
      CHAT_MESSAGES_PER_MINUTE: '6000',
      LOG_LEVEL: 'warn',
      ...UNLIMITED_REQUESTS,
    };
    servers.push(...(await startServerProcesses(env, 2)));
  });
  afterEach(function () {
    // What each server said about Redis, for a failure seen only in CI.
    if (this.currentTest?.state !== 'failed') return;
    for (const [i, server] of servers.entries())
      console.log(`server ${i}:\n${server.output().split('\n').slice(-30).join('\n')}`);
  });
  after(async () => {
    for (const member of members.splice(0)) member.close();
    for (const socket of sockets.splice(0)) socket.disconnect();
    await Promise.all(servers.splice(0).map((server) => server.kill()));
    await redis?.stop();
    await dropDatabase?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('[heal-4] chat and presence across both processes resume by themselves, nothing acknowledged lost', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const live = await liveGroup(a.url, { families: 1 });
    const groupId = live.group.id;
    const channelId = `group:${groupId}`;
    const family = live.families[0]!;
    const onA = new Member(await liveSocket(a.url, family), family.id, channelId);
    const onB = new Member(
      await liveSocket(b.url, live.staff.facilitator),
      live.staff.facilitator.id,
      channelId,
    );
    members.push(onA, onB);
    await onA.subscribe();
    await onB.subscribe();
    const watcher = await liveSocket(b.url, live.staff.facilitator);
    sockets.push(watcher);
    const familyKey = senderKey(channelId, family.id);
    const stateOnB = async () =>
      (
        await must<{ members: { key: string; state: string }[] }>(watcher, 'presence:watch', {
          groupId,
        })
      ).members.find((m) => m.key === familyKey)?.state;
    await must(onA.socket, 'presence:set', { state: 'online' });
    await until('B sees the family online', async () => (await stateOnB()) === 'online', 10_000);

    let sending = true;
    let round = 0;
    const chat = (async () => {
      while (sending) {
        round += 1;
        onA.send(`A ${round}`);
        onB.send(`B ${round}`);
        await pause(300);
      }
    })();
    await pause(1500);
    const killedAt = Date.now();
    await redis!.kill();
    await until(
      '/readyz names redis',
      async () => (await readyz(a.url)).body.down.some((d) => d.part === 'redis'),
      30_000, // generous: a fully loaded machine (two test processes) probes late
    );
    await pause(2000);
    redis = await startRedis(redis!.port);
    const restartedAt = Date.now();
    await until(
      'both ready again',
      async () => (await readyz(a.url)).status === 200 && (await readyz(b.url)).status === 200,
      20_000,
    );
    const readyMs = Date.now() - restartedAt;
    // Chat from A reaches B live again.
    const probeText = `after the restart ${Date.now()}`;
    let liveAgainMs = 0;
    await until(
      'a message from A reaches B live',
      () => {
        if ([...onB.received.values()].some((m) => m.text === probeText)) return true;
        if (!onA.sentTexts.includes(probeText)) onA.send(probeText);
        return false;
      },
      20_000,
    );
    liveAgainMs = Date.now() - restartedAt;
    // Presence: B sees the family online again (Redis lost it), and hears a change from A.
    await until(
      'B sees the family online again',
      async () => (await stateOnB()) === 'online',
      20_000,
    );
    const heard = new Promise<void>((resolve) =>
      watcher.on('presence:changed', (c: { key: string; state: string }) => {
        if (c.key === familyKey && c.state === 'away') resolve();
      }),
    );
    await must(onA.socket, 'presence:set', { state: 'away' });
    let noChange: NodeJS.Timeout | undefined;
    await Promise.race([
      heard,
      new Promise((_, reject) => {
        noChange = setTimeout(() => reject(new Error('B heard no presence change from A')), 10_000);
      }),
    ]).finally(() => clearTimeout(noChange));
    const presenceMs = Date.now() - restartedAt;
    sending = false;
    await chat;
    await until('every outbox empty', () => members.every((m) => m.waiting === 0), 60_000);

    const sent = onA.sentTexts.length + onB.sentTexts.length;
    const stored = await Message.find({ channelId }, { clientId: 1, seq: 1 }).lean();
    const ids = new Set(stored.map((m) => m.clientId));
    assert.equal(ids.size, stored.length, 'nothing stored twice');
    assert.equal(stored.length, sent, 'every message sent is stored');
    for (const member of members) for (const id of member.acked.keys()) assert.ok(ids.has(id));
    // What B missed live while Redis was gone, its client catches up by sequence (chat:sync).
    const missedLive = stored.filter((m) => !onB.received.has(m.clientId)).length;
    const { messages } = await must<{ messages: ChatMessage[] }>(onB.socket, 'chat:sync', {
      channelId,
      afterSeq: 0,
      limit: 500,
    });
    assert.equal(new Set(messages.map((m) => m.clientId)).size, sent);
    // Four more kills and restarts, for the median of five: restart → both ready, chat A→B live.
    const times = [liveAgainMs];
    for (let i = 0; i < 4; i += 1) {
      await redis!.kill();
      await until(
        'redis seen down',
        async () => (await readyz(b.url)).body.down.some((d) => d.part === 'redis'),
        30_000,
      );
      redis = await startRedis(redis!.port);
      const at = Date.now();
      // A fresh probe every half second until one arrives live: one sent before A's Redis
      // connection is back is stored and acknowledged, but heard by B only in a catch-up.
      const probes = new Set<string>();
      let probedAt = 0;
      await until(
        'chat A→B live again',
        () => {
          if ([...onB.received.values()].some((m) => probes.has(m.text))) return true;
          if (Date.now() - probedAt < 500) return false;
          const text = `round ${i} probe ${probes.size} ${Date.now()}`;
          probes.add(text);
          onA.send(text);
          probedAt = Date.now();
          return false;
        },
        20_000,
      );
      await until(
        'both ready',
        async () => (await readyz(a.url)).status === 200 && (await readyz(b.url)).status === 200,
        20_000,
      );
      times.push(Date.now() - at);
    }
    const median = [...times].sort((x, y) => x - y)[2];
    console.log(
      `      [heal-4] restart → chat A→B live and both ready: ${times.join(', ')} ms (median ${median})`,
    );
    console.log(
      `      [heal-4] Redis down ${restartedAt - killedAt} ms; both /readyz 200 ${readyMs} ms ` +
        `after its restart, chat A→B live again after ${liveAgainMs} ms, presence after ` +
        `${presenceMs} ms; ${sent} messages, ${stored.length} stored, 0 twice, ${missedLive} ` +
        'missed live by B (caught up by sync)',
    );
  });
});
