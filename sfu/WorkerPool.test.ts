// [boot-2] The SFU pool on a real mediasoup worker: routers, transports on loopback, and a
// worker that dies is replaced while /readyz tells the truth.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { startTestApp, type TestApp } from '../test/support/app.ts';
import { Sfu } from './Sfu.ts';

async function poll<T>(
  probe: () => Promise<T>,
  until: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (until(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('[boot-2] SFU worker pool', function () {
  this.timeout(60_000);

  it('[boot-2] creates a router and a WebRtcTransport on 127.0.0.1', async () => {
    const sfu = await Sfu.start({ workers: 2, listenIp: '127.0.0.1', rtcPort: 0 });
    try {
      assert.equal(sfu.pool.alive().length, 2);
      const [a, b] = await Promise.all([sfu.getOrCreateRoom('r1'), sfu.getOrCreateRoom('r1')]);
      assert.equal(a, b, 'concurrent callers share one router');
      const other = await sfu.getOrCreateRoom('r2');
      assert.notEqual(other.host.slot, a.host.slot, 'rooms spread over the least loaded worker');
      const transport = await a.addPeer('p1').createWebRtcTransport('send');
      assert.ok(transport.iceCandidates.length >= 2);
      for (const candidate of transport.iceCandidates) assert.equal(candidate.address, '127.0.0.1');
      assert.deepEqual(
        new Set(transport.iceCandidates.map((c) => c.protocol)),
        new Set(['udp', 'tcp']),
      );
    } finally {
      sfu.close();
    }
  });

  describe('a worker that dies', () => {
    let app: TestApp;
    before(async () => {
      app = await startTestApp({ label: 'boot2' });
    });
    after(() => app.close());

    it('[boot-2] is replaced, and /readyz recovers', async () => {
      const readyz = async () => (await fetch(`${app.url}/readyz`)).status;
      assert.equal(await readyz(), 200);
      const room = await app.sfu.getOrCreateRoom('doomed');
      const [victim] = app.sfu.pool.alive();
      assert.ok(victim);
      const replaced = once(app.sfu.pool, 'workerReplaced');
      process.kill(victim.worker.pid, 'SIGKILL');
      const [{ pid }] = (await replaced) as [{ pid: number }];
      assert.notEqual(pid, victim.worker.pid);
      assert.ok(room.closed, 'rooms on the dead worker are closed');
      assert.equal(await poll(readyz, (status) => status === 200), 200);
      const again = await app.sfu.getOrCreateRoom('doomed');
      assert.notEqual(again, room);
      assert.equal(again.host.worker.pid, pid);
    });
  });
});
