// Chat delivery (issue 6): 500 signed-in sockets in 50 groups of ten (a facilitator and nine
// confirmed families), each subscribed to its group's channel. The real server runs as a child
// process (`node --import tsx server/main.ts`), so the clients' work here does not share its
// event loop; both use the same database. Measured: the time from `chat:send` to `chat:message`
// at each other member of the group (median, p99) at a moderate rate, then the rate stepped up
// until p99 reaches 100 ms or the server falls behind. Only 127.0.0.1; bounded in time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { connectMongoose, disconnectMongoose } from '../server/db/connect.ts';
import { startDatabase } from '../server/db/engine.ts';
import { connectAll, settle } from './chat/clients.ts';
import { describe, runLoad, shortfall } from './chat/load.ts';
import type { Member } from './chat/members.ts';
import { random, seed } from './chat/seed.ts';
import { benchServerEnv, startServer, stopServer, type RunningServer } from './chat/server.ts';
import { DRAIN_MS, FAMILIES, GROUPS, MEMBERS, P99_LIMIT_MS, WARMUP_MS } from './chat/settings.ts';
import { summarise, type Measurement } from './stats.ts';

const LATENCY_RATE = 20; // messages per second, all groups together
const LATENCY_WINDOW_MS = 15_000;
const STEP_RATES = [5, 10, 20, 30, 40, 60, 80, 120, 160, 240, 320, 480, 640, 960];
const STEP_WINDOW_MS = 10_000;
/** Stepping stops before a step that could end after this much time since the suite began. */
const SUITE_BUDGET_MS = 240_000;
/** How long to wait at most for an idle server: after connecting, and before each step. */
const SETTLE_AFTER_CONNECTING_MS = 60_000;
const SETTLE_BETWEEN_STEPS_MS = 10_000;

export async function chatBenchmarks(): Promise<Measurement[]> {
  const suiteStarted = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'rinnalla-bench-chat-'));
  const database = await startDatabase({
    uri: process.env.MONGODB_URI,
    dataDir: join(dataDir, 'db'),
  });
  const dbName = `bench_chat_${Date.now()}`;
  let server: RunningServer | undefined;
  let members: Member[] = [];
  try {
    await connectMongoose(database.uri, dbName);
    console.log(
      `  chat: seeding ${GROUPS} groups, ${MEMBERS} people and their sessions into ${database.kind}…`,
    );
    members = await seed();
    console.log('  chat: starting the server as a child process…');
    server = await startServer(
      benchServerEnv(
        dataDir,
        { uri: database.uri, dbName },
        {
          CHAT_MESSAGES_PER_MINUTE: '100000',
          RATE_LIMIT_AUTH: '100000',
          RATE_LIMIT_WRITE_IP: '100000',
          RATE_LIMIT_WRITE_ACCOUNT: '100000',
        },
      ),
    );
    const child = server.child;
    const pids = { server: child.pid, database: database.pid };
    const connectStarted = performance.now();
    await connectAll(server.url, members);
    console.log(
      `  chat: ${MEMBERS} clients connected and subscribed in ${((performance.now() - connectStarted) / 1000).toFixed(1)} s`,
    );
    const settled = await settle(members, SETTLE_AFTER_CONNECTING_MS);
    console.log(`  chat: the server settled after connecting in ${(settled / 1000).toFixed(1)} s`);
    const alive = () => {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`the chat bench's server exited:\n${server?.output()}`);
    };

    const conditions = `${MEMBERS} clients in ${GROUPS} groups of ${FAMILIES + 1}, server in a child process on ${database.kind}`;
    const results: Measurement[] = [];
    const pick = random(6);

    console.log(
      `  chat: ${LATENCY_RATE} msg/s for ${LATENCY_WINDOW_MS / 1000} s (after ${WARMUP_MS / 1000} s warm-up)…`,
    );
    const steady = await runLoad(members, LATENCY_RATE, LATENCY_WINDOW_MS, pick, pids);
    alive();
    // Not judged by p99 here (0 passes): only whether the server kept up with this rate.
    const steadyProblem = shortfall(steady, 0);
    console.log(`    ${describe(steady)}${steadyProblem ? ` — ${steadyProblem}` : ''}`);
    results.push(
      summarise(
        `chat delivery to each other group member (${conditions}, ${LATENCY_RATE} msg/s for ${LATENCY_WINDOW_MS / 1000} s)`,
        steady.latencies,
        [steadyProblem, describe(steady)].filter(Boolean).join('; '),
      ),
    );

    let best = 0;
    let steps = 0;
    let stoppedBy = `every step up to ${STEP_RATES.at(-1)} msg/s kept p99 < ${P99_LIMIT_MS} ms`;
    const stepMs = WARMUP_MS + STEP_WINDOW_MS + DRAIN_MS;
    for (const rate of STEP_RATES) {
      await settle(members, SETTLE_BETWEEN_STEPS_MS); // no backlog from the run before
      if (performance.now() - suiteStarted + stepMs > SUITE_BUDGET_MS) {
        stoppedBy = `time budget reached before ${rate} msg/s`;
        break;
      }
      const result = await runLoad(members, rate, STEP_WINDOW_MS, pick, pids);
      alive();
      steps += 1;
      const summary = summarise(
        `chat delivery at ${rate} msg/s (rate step, ${STEP_WINDOW_MS / 1000} s)`,
        result.latencies,
      );
      const problem = shortfall(result, summary.p99);
      console.log(
        `    ${rate} msg/s: median ${summary.median.toFixed(1)} ms, p99 ${summary.p99.toFixed(1)} ms ` +
          `over ${summary.runs} deliveries; ${describe(result)}${problem ? ` — ${problem}` : ''}`,
      );
      results.push({ ...summary, note: `${problem ?? 'sustained'}; ${describe(result)}` });
      if (problem) {
        stoppedBy = `stopped at ${rate} msg/s: ${problem}`;
        break;
      }
      best = rate;
    }
    results.push({
      name: `chat: largest steady group-message rate with delivery p99 < ${P99_LIMIT_MS} ms (${conditions})`,
      unit: 'msg/s',
      runs: steps,
      median: best,
      p90: best,
      min: best,
      note: stoppedBy,
    });
    // pino's JSON lines: level 40 is warn, 50 error, 60 fatal.
    const problems = server
      .output()
      .split('\n')
      .filter((line) => /"level":(40|50|60)/.test(line));
    if (problems.length > 0)
      console.log(
        `  chat: the server logged ${problems.length} warnings or errors, e.g. ${problems[0]?.slice(0, 300)}`,
      );
    console.log(
      `  chat: done in ${((performance.now() - suiteStarted) / 1000).toFixed(0)} s (seeding and connecting included)`,
    );
    return results;
  } finally {
    for (const member of members) member.socket?.disconnect();
    if (server) await stopServer(server);
    await mongoose.connection.dropDatabase().catch(() => undefined);
    await disconnectMongoose();
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
