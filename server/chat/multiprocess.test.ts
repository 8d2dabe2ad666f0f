// [chat-3] Two real server processes behind one Redis: a message sent on one reaches a
// subscriber on the other, presence is seen across them, and the trainer stays hidden from
// families there too. Real processes (`node --import tsx server/main.ts`), a real redis-server
// and the test database server; the clients are Socket.IO sockets.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import type { ChatMessage, PresenceEntry, PresenceState } from '../protocol/chat.ts';
import { testDatabaseUri, useTestDatabase } from '../../test/support/database.ts';
import { liveGroup, liveSocket, must, type TestSocket } from '../../test/support/live.ts';
import { startRedis, type TestRedis } from '../../test/support/redis.ts';
import {
  startServerProcesses,
  UNLIMITED_REQUESTS,
  type ServerProcess,
} from '../../test/support/serverProcess.ts';
import { senderKey } from './message.model.ts';

interface Change {
  groupId: string;
  key: string;
  state: PresenceState;
}

/** Resolves with the first event that matches, or fails after `ms`. */
function next<T>(socket: TestSocket, event: string, match: (payload: T) => boolean, ms = 10_000) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no matching ${event} within ${ms} ms`));
    }, ms);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });
}

describe('[chat-3] chat and presence across two server processes', function () {
  this.timeout(180_000);
  let redis: TestRedis | undefined;
  let dropDatabase: (() => Promise<void>) | undefined;
  let dataDir: string;
  const servers: ServerProcess[] = [];
  const sockets: TestSocket[] = [];
  const open = async (server: ServerProcess, person: Parameters<typeof liveSocket>[1]) => {
    const socket = await liveSocket(server.url, person);
    sockets.push(socket);
    return socket;
  };
  const watch = (socket: TestSocket, groupId: string) =>
    must<{ groupId: string; members: PresenceEntry[] }>(socket, 'presence:watch', { groupId });

  before(async () => {
    redis = await startRedis();
    // The test process writes people and groups into the database both servers use.
    dropDatabase = await useTestDatabase('chat3');
    dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-chat3-'));
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      MONGODB_URI: testDatabaseUri(),
      MONGODB_DB: mongoose.connection.name,
      REDIS_URL: redis.url,
      SEED_DEMO_DATA: 'false',
      SFU_WORKERS: '1',
      SFU_RTC_PORT: '0',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      ...UNLIMITED_REQUESTS,
    };
    servers.push(...(await startServerProcesses(env, 2)));
  });

  after(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect();
    await Promise.all(servers.splice(0).map((server) => server.kill()));
    await redis?.stop();
    await dropDatabase?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('[chat-3] a message sent on process A reaches a subscriber on B; B sees the family online, then offline', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const live = await liveGroup(a.url, { families: 1 });
    const groupId = live.group.id;
    const channelId = `group:${groupId}`;
    const family = live.families[0]!;
    const familyKey = senderKey(channelId, family.id);

    const onA = await open(a, family);
    const onB = await open(b, live.staff.facilitator);
    await must(onB, 'chat:subscribe', { channelIds: [channelId] });
    const clientId = 'chat3-from-a-1';
    const arrives = next<ChatMessage>(onB, 'chat:message', (m) => m.clientId === clientId);
    const sent = await must<ChatMessage>(onA, 'chat:send', {
      channelId,
      clientId,
      text: 'Hei kaikki, terveisiä Oulusta!',
    });
    const received = await arrives;
    assert.equal(received.seq, sent.seq);
    assert.equal(received.text, 'Hei kaikki, terveisiä Oulusta!');
    assert.equal(received.senderKey, familyKey);
    assert.equal(received.senderName, family.displayName);

    await must(onA, 'presence:set', { state: 'online' });
    const seen = await watch(onB, groupId);
    assert.deepEqual(
      seen.members.find((m) => m.key === familyKey),
      { key: familyKey, name: family.displayName, role: 'family', state: 'online' },
      'B sees the family whose only socket is on A',
    );
    // The 'online' change itself may reach B after its snapshot (over Redis, on a loaded
    // machine): a repeat of what B already knows; what must come next is the family offline.
    const gone = next<Change>(
      onB,
      'presence:changed',
      (c) => c.key === familyKey && !(c.state === 'online' && c.groupId === groupId),
    );
    onA.disconnect();
    assert.deepEqual(await gone, { groupId, key: familyKey, state: 'offline' });
  });

  it('[chat-3] a family watching on B never sees the trainer, whose presence reaches staff on B', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const live = await liveGroup(a.url, { families: 2 });
    const groupId = live.group.id;
    const channelId = `group:${groupId}`;
    const trainerKey = senderKey(channelId, live.staff.trainer.id);
    const [first, second] = live.families as [(typeof live.families)[0], (typeof live.families)[0]];

    const familyOnB = await open(b, first);
    const familyHeard: Change[] = [];
    familyOnB.on('presence:changed', (c: Change) => familyHeard.push(c));
    const familyView = await watch(familyOnB, groupId);
    assert.ok(!familyView.members.some((m) => m.key === trainerKey || m.role === 'trainer'));
    const staffOnB = await open(b, live.staff.facilitator);
    const staffView = await watch(staffOnB, groupId);
    assert.equal(staffView.members.find((m) => m.key === trainerKey)?.role, 'trainer');

    const trainerOnline = next<Change>(
      staffOnB,
      'presence:changed',
      (c) => c.key === trainerKey && c.state === 'online',
    );
    const trainerOnA = await open(a, live.staff.trainer);
    await must(trainerOnA, 'presence:set', { state: 'online' });
    await trainerOnline;
    // A change the family does see, from A after the trainer's: it comes through the same
    // process and Redis connection, so anything about the trainer would have come first.
    const otherOnline = next<Change>(
      familyOnB,
      'presence:changed',
      (c) => c.key === senderKey(channelId, second.id) && c.state === 'online',
    );
    const otherOnA = await open(a, second);
    await must(otherOnA, 'presence:set', { state: 'online' });
    await otherOnline;
    assert.deepEqual(
      familyHeard.filter((c) => c.key === trainerKey),
      [],
    );
    const again = await watch(familyOnB, groupId);
    assert.ok(!again.members.some((m) => m.key === trainerKey));
  });
});
