// [heal-4] Socket.IO's Redis adapter publishes without waiting for the answer. When Redis is
// killed with publishes in flight, each rejects; unheard, Node would end the server process
// (it did, in CI). Through `hearingPublishes` every one is heard and counted, none unheard.
import assert from 'node:assert/strict';
import pino from 'pino';
import { startRedis, type TestRedis } from '../../test/support/redis.ts';
import { counterValue } from '../platform/metrics.ts';
import { connectRedis, hearingPublishes } from './redis.ts';

describe('[heal-4] publishes in flight when Redis dies', function () {
  this.timeout(30_000);
  let redis: TestRedis | undefined;
  afterEach(async () => redis?.stop());

  async function killWhilePublishing(wrap: boolean): Promise<{ unheard: number }> {
    redis = await startRedis();
    const log = pino({ level: 'silent' });
    const client = await connectRedis(redis.url, log, 'test pub');
    const pub = wrap ? hearingPublishes(client, log) : client;
    let unheard = 0;
    const onUnheard = () => (unheard += 1);
    // Mocha's own listener would fail the test for the control case: ours alone, meanwhile.
    const others = process.listeners('unhandledRejection');
    process.removeAllListeners('unhandledRejection');
    process.on('unhandledRejection', onUnheard);
    try {
      const payload = 'x'.repeat(20_000);
      // As the adapter does: the promise dropped on the floor.
      for (let i = 0; i < 3000; i += 1) void pub.publish('chat', payload);
      await redis.kill();
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      // What still waits in the client's queue is rejected too (and heard, or not, the same way).
      if (client.isOpen) client.destroy();
      await new Promise((r) => setTimeout(r, 100));
      process.off('unhandledRejection', onUnheard);
      for (const listener of others) process.on('unhandledRejection', listener);
    }
    return { unheard };
  }

  it('[heal-4] unwrapped they go unheard (what ended the process); wrapped each is heard', async () => {
    const control = await killWhilePublishing(false);
    assert.ok(control.unheard > 0, 'the kill caught publishes in flight');
    const lostBefore = counterValue('rinnalla_redis_publish_lost_total');
    const wrapped = await killWhilePublishing(true);
    assert.equal(wrapped.unheard, 0);
    assert.ok(counterValue('rinnalla_redis_publish_lost_total') > lostBefore, 'counted as lost');
  });
});
