// [soak-1] The soak (test/e2e/soak/soak.ts) for two minutes inside `npm test`: the real server
// process, its supervised FerretDB, SFU workers and a real Redis, with simulated participants
// chatting, joining, leaving, reconnecting, enrolling and cancelling, while a mediasoup worker is
// killed, the database and the server process are restarted, Redis too, and connections drop.
// Two minutes of activity (faults and drops inside them), then the checks. The long one is
// `npm run soak` (SOAK_MINUTES).
import assert from 'node:assert/strict';
import { runSoak } from './soak.ts';

describe('[soak-1] a two-minute soak under faults', function () {
  this.timeout(330_000);

  it('[soak-1] every invariant holds after a worker kill, a database restart, a server restart and a Redis restart', async function () {
    if (process.env.MONGODB_URI) this.skip(); // the soak needs the embedded, supervised database
    const began = Date.now();
    const { report, path, violations } = await runSoak({
      activeSeconds: 120,
      seed: 20,
      world: {
        liveGroups: 2,
        familiesPerGroup: 4,
        churnFamilies: 6,
        churnCapacity: 3,
        reminderDueMinutes: [0.75, 1.5],
      },
      faults: [
        { at: 10, kind: 'workerKill' },
        { at: 30, kind: 'databaseRestart' },
        { at: 55, kind: 'serverRestart' },
        { at: 80, kind: 'redisRestart' },
      ],
      dropEverySeconds: 5,
      log: (line) =>
        console.log(`      [soak-1 ${Math.round((Date.now() - began) / 1000)}s] ${line}`),
    });
    const chat = report.chat as { acked: number; medianMs: number; p99Ms: number };
    console.log(
      `      [soak-1] ${Math.round((Date.now() - began) / 1000)} s in all; faults ${report.faults
        .map((f) => `${f.kind} ${f.recoveredMs ?? 'failed'} ms`)
        .join(', ')}; ${chat.acked} chat messages acknowledged (median ${chat.medianMs} ms, ` +
        `p99 ${chat.p99Ms} ms), ${String(report.joins)} joins, ${String(report.reconnects)} reconnects; ${path}`,
    );
    for (const kind of ['workerKill', 'databaseRestart', 'serverRestart']) {
      const fault = report.faults.find((f) => f.kind === kind);
      assert.ok(
        fault && fault.recoveredMs !== null,
        `${kind} done and recovered: ${JSON.stringify(report.faults)}`,
      );
    }
    const reminders = (report.checks as { name: string; figures: Record<string, number> }[]).find(
      (c) => c.name === 'reminders',
    );
    assert.ok((reminders?.figures.due ?? 0) >= 1, 'a reminder fell due during the run');
    assert.ok(chat.acked > 50, `chat flowed (${chat.acked})`);
    assert.deepEqual(violations, []);
  });
});
