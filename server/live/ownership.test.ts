// [scale-2] The lease on a live session as two processes share it (a real redis-server): one
// owns, the other is sent to it; a lease not renewed runs out and the other claims the session,
// with whom the first had admitted; a process that finds its lease taken gives the session up;
// a draining process claims nothing; an ended session is not opened again anywhere.
import assert from 'node:assert/strict';
import pino from 'pino';
import { connectRedis, type RedisClient } from '../realtime/redis.ts';
import { startRedis, type TestRedis } from '../../test/support/redis.ts';
import { LiveOwnership } from './ownership.ts';

const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const LEASE_MS = 600;

describe('[scale-2] live-session leases in Redis', function () {
  this.timeout(30_000);
  let redis: TestRedis;
  const clients: RedisClient[] = [];
  const owners: LiveOwnership[] = [];
  let prefix = '';

  async function node(name: string, admitted: string[] = []) {
    const client = await connectRedis(redis.url, log, 'test');
    clients.push(client);
    const lost: string[] = [];
    const ownership: LiveOwnership = new LiveOwnership(client, log, {
      leaseMs: LEASE_MS,
      nodeUrl: () => `http://example.test/node/${name}`,
      summaries: () =>
        new Map(
          ownership.held().map((id: string) => [id, { participants: admitted.length, admitted }]),
        ),
      lost: (id) => lost.push(id),
      prefix,
    });
    owners.push(ownership);
    return { ownership, lost };
  }

  before(async () => {
    redis = await startRedis();
  });
  beforeEach(() => {
    prefix = `test:${Math.random().toString(36).slice(2)}:`;
  });
  afterEach(async () => {
    for (const ownership of owners.splice(0)) ownership.stop();
    for (const client of clients.splice(0)) client.destroy();
  });
  after(async () => {
    await redis?.stop();
  });

  it('[scale-2] one process owns a session; the other is sent there, and claims it once the lease runs out', async () => {
    const a = await node('a', ['family-1', 'family-2']);
    const b = await node('b');
    a.ownership.start();
    assert.deepEqual(await a.ownership.claim('s1'), { mine: true, previous: null });
    assert.deepEqual(await b.ownership.claim('s1'), {
      mine: false,
      nodeUrl: 'http://example.test/node/a',
    });
    // Renewed while A runs: still A's after several leases, with its summary for dashboards.
    await new Promise((r) => setTimeout(r, LEASE_MS * 2.5));
    assert.equal((await b.ownership.claim('s1')).mine, false);
    assert.equal(await b.ownership.participants('s1'), 2);

    // A dies (no more renewals): after the lease B claims it, with whom A had admitted.
    a.ownership.stop();
    const died = Date.now();
    let claim = await b.ownership.claim('s1');
    while (!claim.mine && Date.now() - died < LEASE_MS * 3) {
      await new Promise((r) => setTimeout(r, 50));
      claim = await b.ownership.claim('s1');
    }
    assert.equal(claim.mine, true);
    assert.deepEqual(claim.mine && claim.previous?.admitted, ['family-1', 'family-2']);
    assert.ok(Date.now() - died <= LEASE_MS + 300, `claimed after ${Date.now() - died} ms`);
  });

  it('[scale-2] a process whose lease was taken gives the session up; a draining one claims nothing; an ended session stays ended', async () => {
    const a = await node('a');
    const b = await node('b');
    assert.equal((await a.ownership.claim('s2')).mine, true);
    // A stalls past its lease; B takes the session; A's next renewal finds it gone.
    await new Promise((r) => setTimeout(r, LEASE_MS + 100));
    assert.equal((await b.ownership.claim('s2')).mine, true);
    a.ownership.start();
    await new Promise((r) => setTimeout(r, LEASE_MS));
    assert.deepEqual(a.lost, ['s2']);
    assert.deepEqual(a.ownership.held(), []);

    b.ownership.draining = true;
    assert.deepEqual(await b.ownership.claim('s3'), { mine: false, nodeUrl: null });
    await b.ownership.release('s2');
    assert.equal((await a.ownership.claim('s2')).mine, true, 'released: claimable at once');

    await a.ownership.markEnded('s2');
    assert.equal(await b.ownership.wasEnded('s2'), true);
    assert.equal(await b.ownership.wasEnded('s3'), false);
  });

  it('[scale-2] Redis losing its data (a restart without persistence) does not move a session: the owner takes its lease again', async () => {
    const a = await node('a', ['family-1']);
    const b = await node('b');
    assert.equal((await a.ownership.claim('s4')).mine, true);
    a.ownership.start();
    await clients[0]!.flushDb();
    await new Promise((r) => setTimeout(r, LEASE_MS));
    assert.deepEqual(a.lost, [], 'not given up');
    assert.deepEqual(a.ownership.held(), ['s4']);
    assert.deepEqual(await b.ownership.claim('s4'), {
      mine: false,
      nodeUrl: 'http://example.test/node/a',
    });
  });
});
