// [chat-2] The server process is killed (SIGKILL, no goodbye) and started again while families
// are sending: every acknowledged message is there after the restart, none twice, one order.
import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { freePort } from '../platform/ports.ts';
import { testDatabaseUri, useTestDatabase } from '../../test/support/database.ts';
import { liveGroup, liveSocket, type TestSocket } from '../../test/support/live.ts';
import { ReliableClient } from '../../test/support/reliableChat.ts';
import {
  startServerProcess,
  UNLIMITED_REQUESTS,
  type ServerProcess,
} from '../../test/support/serverProcess.ts';
import { Message } from './message.model.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('chat across a server crash', function () {
  this.timeout(240_000);
  let dropDatabase: () => Promise<void>;
  let server: ServerProcess | null = null;
  const sockets: TestSocket[] = [];
  let env: Record<string, string>;

  before(async () => {
    dropDatabase = await useTestDatabase('chatrestart');
    const port = await freePort();
    // The same port after the restart: the clients reconnect to the URL they know.
    env = {
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      HOST: '127.0.0.1',
      MONGODB_URI: testDatabaseUri(),
      MONGODB_DB: mongoose.connection.name,
      SEED_DEMO_DATA: 'false',
      CHAT_MESSAGES_PER_MINUTE: '6000',
      ...UNLIMITED_REQUESTS,
      LOG_LEVEL: 'warn',
    };
    server = await startServerProcess(env);
  });
  after(async () => {
    for (const socket of sockets) socket.disconnect();
    await server?.kill();
    await dropDatabase?.();
  });

  it('[chat-2] the server is killed and restarted during sending: no acknowledged message missing, none doubled', async () => {
    const url = server!.url;
    const live = await liveGroup(url, { families: 4 });
    const channelId = `group:${live.group.id}`;
    const people = [live.staff.facilitator, ...live.families];
    const clients: ReliableClient[] = [];
    for (const person of people) {
      const socket = await liveSocket(url, person);
      sockets.push(socket);
      clients.push(new ReliableClient(socket, channelId));
    }
    await Promise.all(clients.map((c) => c.catchUp()));

    const perClient = 120;
    let sending = true;
    const senders = clients.map(async (client, i) => {
      for (let n = 0; n < perClient; n += 1) {
        await client.send(`${i}:${n}`);
        await pause(15);
      }
    });
    // Kill mid-stream, once some messages are stored and others are on their way.
    const crash = (async () => {
      while (sending && clients.reduce((sum, c) => sum + c.acked.size, 0) < 100) await pause(20);
      const ackedBefore = clients.reduce((sum, c) => sum + c.acked.size, 0);
      await server!.kill();
      await pause(1500);
      const pendingWhileDown = clients.reduce((sum, c) => sum + c.pending, 0);
      server = await startServerProcess(env);
      return { ackedBefore, pendingWhileDown };
    })();
    await Promise.all(senders);
    sending = false;
    const { ackedBefore, pendingWhileDown } = await crash;
    await Promise.all(clients.map((c) => c.settle(150)));

    assert.ok(ackedBefore >= 100 && ackedBefore < people.length * perClient, 'killed mid-stream');
    assert.ok(pendingWhileDown > 0, `messages were waiting while the server was down`);
    const total = people.length * perClient;
    const acked = new Set(clients.flatMap((c) => [...c.acked]));
    assert.equal(acked.size, total, 'everything acknowledged in the end');
    const stored = await Message.find({ channelId }, { clientId: 1, seq: 1, text: 1 }).lean();
    const storedIds = stored.map((m) => m.clientId);
    assert.equal(new Set(storedIds).size, storedIds.length, 'no message stored twice');
    for (const id of acked) assert.ok(storedIds.includes(id), `acknowledged ${id} is stored`);
    assert.equal(stored.length, total);
    assert.deepEqual(
      stored.map((m) => m.seq).sort((a, b) => a - b),
      Array.from({ length: total }, (_, k) => k + 1),
      'one unbroken order',
    );
    // And every client holds exactly that.
    for (const client of clients) {
      assert.equal(client.received.size, total);
      assert.equal(new Set([...client.received.values()].map((m) => m.text)).size, total);
    }
  });
});
