// [heal-1] The supervisor with real child processes: a child that dies is started again after its
// pause, and a platform stopping while a restart is under way leaves no copy running (the copy
// being started is stopped too — an orphan would keep the data files and the port).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { exitOf, killAndReap, Supervisor, type Supervised } from './supervisor.ts';

/** A long-lived real child (node waiting), ready after `delayMs` as a slow server would be. */
async function child(started: Supervised[], delayMs: number): Promise<Supervised> {
  const proc = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const supervised = { process: proc, stop: () => killAndReap(proc) };
  started.push(supervised);
  await sleep(delayMs);
  return supervised;
}

const alive = (s: Supervised) => s.process.exitCode === null && s.process.signalCode === null;

describe('[heal-1] the supervisor with real child processes', function () {
  this.timeout(20_000);

  it('[heal-1] a child that dies is started again; stopping during a restart leaves none running', async () => {
    const started: Supervised[] = [];
    let delayMs = 0;
    const supervisor = new Supervisor({
      name: 'test-child',
      start: () => child(started, delayMs),
      pauseMs: 50,
    });
    try {
      await supervisor.start();
      started[0]!.process.kill('SIGKILL');
      for (let i = 0; i < 100 && !(supervisor.state === 'running' && started.length === 2); i += 1)
        await sleep(20);
      assert.equal(supervisor.state, 'running');
      assert.equal(started.length, 2, 'started again');
      assert.ok(alive(started[1]!));

      // Killed again, and the platform stops while the new copy is still starting.
      delayMs = 500;
      started[1]!.process.kill('SIGKILL');
      for (let i = 0; i < 100 && started.length < 3; i += 1) await sleep(10);
      assert.equal(started.length, 3, 'a restart is under way');
      await supervisor.stop();
      assert.equal(supervisor.state, 'stopped');
      for (const s of started) assert.ok(!alive(s), `pid ${s.process.pid} is gone`);
      await sleep(700);
      assert.equal(started.length, 3, 'nothing started after the stop');
    } finally {
      await Promise.all(
        started.map((s) => (alive(s) ? killAndReap(s.process) : exitOf(s.process))),
      );
    }
  });
});
