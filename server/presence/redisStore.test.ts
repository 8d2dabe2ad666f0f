// [presence] The Redis store as two server processes share it (a real redis-server): entries of
// both count for one person, and a process that stops beating is swept and announced offline.
import assert from 'node:assert/strict';
import pino from 'pino';
import { connectRedis, type RedisClient } from '../realtime/redis.ts';
import { startRedis, type TestRedis } from '../../test/support/redis.ts';
import { RedisPresenceStore } from './redisStore.ts';
import type { PresenceChange } from './state.ts';

const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const FAST = { heartbeatMs: 100, ttlMs: 400 };

async function until(check: () => void | Promise<void>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

describe('[presence] the Redis store shared by server processes', function () {
  this.timeout(30_000);
  let redis: TestRedis;
  let prefix = '';
  const clients: RedisClient[] = [];
  const stores: RedisPresenceStore[] = [];

  /** A server process: its own connection and store, and what its sweeps announce. */
  async function serverProcess() {
    const client = await connectRedis(redis.url, log, 'test');
    clients.push(client);
    const store = new RedisPresenceStore(client, log, { ...FAST, prefix });
    stores.push(store);
    const heard: PresenceChange[] = [];
    await store.start((changes) => heard.push(...changes));
    return { client, store, heard };
  }

  before(async () => {
    redis = await startRedis();
  });
  beforeEach(() => {
    prefix = `test${Date.now()}:`;
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    for (const client of clients.splice(0)) if (client.isOpen) client.destroy();
  });
  after(() => redis?.stop());

  it('[presence] entries from two processes make one state per person', async () => {
    const a = await serverProcess();
    const b = await serverProcess();
    assert.equal(await a.store.set('p1', 'socket:1', 'online'), 'online');
    const seen = await b.store.states(['p1', 'p2']);
    assert.deepEqual([seen.get('p1'), seen.get('p2')], ['online', 'offline']);
    assert.equal(await b.store.set('p1', 'socket:2', 'away'), null, 'still online in the other');
    assert.equal(await a.store.set('p1', 'socket:1', null), 'away');
    assert.equal(await b.store.set('p1', 'live:x', 'inSession'), 'inSession');
    assert.equal(await b.store.set('p1', 'live:x', null), 'away');
    assert.equal(await b.store.set('p1', 'socket:2', null), 'offline');
    assert.equal((await a.store.states(['p1'])).get('p1'), 'offline');
  });

  it('[presence] a process that stops beating is swept and its people announced offline', async () => {
    const crashing = await serverProcess();
    const survivor = await serverProcess();
    assert.equal(await crashing.store.set('p1', 'live:1', 'inSession'), 'inSession');
    await crashing.store.set('p2', 'socket:1', 'online');
    await survivor.store.set('p2', 'socket:2', 'away');
    assert.equal((await survivor.store.states(['p1'])).get('p1'), 'inSession');

    // A crash: the connection goes, nothing is cleaned up, the heartbeat just expires.
    crashing.client.destroy();
    await until(() =>
      assert.deepEqual(
        [...survivor.heard].sort((x, y) => x.personId.localeCompare(y.personId)),
        [
          { personId: 'p1', state: 'offline' },
          { personId: 'p2', state: 'away' },
        ],
      ),
    );
    const states = await survivor.store.states(['p1', 'p2']);
    assert.deepEqual([states.get('p1'), states.get('p2')], ['offline', 'away']);
    // (hGetAll answers objects without a prototype: spread them for comparing.)
    assert.deepEqual({ ...(await survivor.client.hGetAll(`${prefix}person:p1`)) }, {}, 'swept');
    assert.deepEqual(Object.keys(await survivor.client.hGetAll(`${prefix}person:p2`)), [
      `${survivor.store.processId}|socket:2`,
    ]);
    assert.deepEqual(await survivor.client.sMembers(`${prefix}processes`), [
      survivor.store.processId,
    ]);
  });

  it('[presence] a process taken for dead (its heartbeat lost) writes its entries again', async () => {
    const slow = await serverProcess();
    assert.equal(await slow.store.set('p1', 'socket:1', 'online'), 'online');
    // As if it had stalled past its TTL and been swept, or Redis had restarted empty.
    await slow.client.flushAll();
    await until(() => assert.deepEqual(slow.heard, [{ personId: 'p1', state: 'online' }]));
    assert.equal((await slow.store.states(['p1'])).get('p1'), 'online');
    assert.deepEqual(
      { ...(await slow.client.hGetAll(`${prefix}person:p1`)) },
      {
        [`${slow.store.processId}|socket:1`]: 'online',
      },
    );
    assert.equal(await slow.client.exists(`${prefix}alive:${slow.store.processId}`), 1);
  });
});
