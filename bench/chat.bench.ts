// Chat delivery (issue 6): 500 signed-in sockets in 50 groups of ten (a facilitator and nine
// confirmed families), each subscribed to its group's channel. The real server runs as a child
// process (`node --import tsx server/main.ts`), so the clients' work here does not share its
// event loop; both use the same database. Measured: the time from `chat:send` to `chat:message`
// at each other member of the group (median, p99) at a moderate rate, then the rate stepped up
// until p99 reaches 100 ms or the server falls behind. Only 127.0.0.1; bounded in time.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { io, type Socket } from 'socket.io-client';
import { LoginSession } from '../server/auth/loginSession.model.ts';
import { cookieName } from '../server/auth/sessions.ts';
import { hashToken, newToken } from '../server/auth/tokens.ts';
import { connectMongoose, disconnectMongoose } from '../server/db/connect.ts';
import { startDatabase } from '../server/db/engine.ts';
import { activeKey, Enrolment } from '../server/groups/enrolment.model.ts';
import { Group } from '../server/groups/group.model.ts';
import { Person } from '../server/people/person.model.ts';
import { projectRoot } from '../server/platform/paths.ts';
import type { ChatMessage } from '../server/protocol/chat.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../server/protocol/socket.ts';
import { summarise, type Measurement } from './stats.ts';

const GROUPS = 50;
const FAMILIES = 9; // per group, besides its facilitator
const MEMBERS = GROUPS * (FAMILIES + 1);
/** Who receives a group message: everyone in the group but its sender. */
const RECIPIENTS = FAMILIES;

const LATENCY_RATE = 20; // messages per second, all groups together
const LATENCY_WINDOW_MS = 15_000;
const STEP_RATES = [5, 10, 20, 30, 40, 60, 80, 120, 160, 240, 320, 480, 640, 960];
const STEP_WINDOW_MS = 10_000;
const WARMUP_MS = 2000; // sent before each window, not counted
const DRAIN_MS = 5000; // longest wait for a window's last deliveries
const P99_LIMIT_MS = 100;
/** Stepping stops before a step that could end after this much time since the suite began. */
const SUITE_BUDGET_MS = 240_000;
/** How long to wait at most for an idle server: after connecting, and before each step. */
const SETTLE_AFTER_CONNECTING_MS = 60_000;
const SETTLE_BETWEEN_STEPS_MS = 10_000;
const CONNECT_CONCURRENCY = 20;
const CONNECT_LIMIT_MS = 180_000; // all 500 (measured 20–125 s, depending on other load)
const REQUEST_TIMEOUT_MS = 20_000;

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Member {
  index: number;
  group: number;
  channelId: string;
  cookie: string;
  socket?: ClientSocket;
}

/** One load window: what was sent in it and what came back. */
interface Run {
  latencies: number[];
  ackLatencies: number[];
  counted: number;
  outstanding: number;
  errors: number;
  firstError: string;
}

interface Outgoing {
  at: number;
  sender: number;
  counted: boolean;
  run: Run;
}

/** Messages in flight by client id: send time and sender, for the receivers to look up. */
const inFlight = new Map<string, Outgoing>();
/** Client ids are unique across the suite's runs (the server deduplicates by them). */
let nextClientId = 0;

/** A small seeded generator: the same senders in the same order on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Groups, people, confirmed enrolments and login sessions, written straight to the database. */
async function seed(): Promise<Member[]> {
  const now = new Date();
  const trainerId = new mongoose.Types.ObjectId();
  const people: Record<string, unknown>[] = [
    {
      _id: trainerId,
      email: 'trainer@bench.rinnalla.invalid',
      displayName: 'Kouluttaja',
      roles: ['trainer'],
      emailVerifiedAt: now,
    },
  ];
  const groups: Record<string, unknown>[] = [];
  const enrolments: Record<string, unknown>[] = [];
  const sessions: Record<string, unknown>[] = [];
  const members: Member[] = [];
  const cookie = cookieName({ secure: false });
  for (let g = 0; g < GROUPS; g += 1) {
    const groupId = new mongoose.Types.ObjectId();
    const facilitatorId = new mongoose.Types.ObjectId();
    for (let m = 0; m <= FAMILIES; m += 1) {
      const facilitator = m === 0;
      const personId = facilitator ? facilitatorId : new mongoose.Types.ObjectId();
      people.push({
        _id: personId,
        email: `g${g}-m${m}@bench.rinnalla.invalid`,
        displayName: facilitator ? `Ohjaaja ${g + 1}` : `Perhe ${g + 1}.${m}`,
        roles: [facilitator ? 'facilitator' : 'family'],
        supervisorId: facilitator ? trainerId : null,
        emailVerifiedAt: now,
      });
      if (!facilitator) {
        enrolments.push({
          groupId,
          personId,
          status: 'confirmed',
          arrival: m,
          rulesVersion: 'bench',
          activeKey: activeKey(String(groupId), String(personId)),
        });
      }
      // A session as sign-in makes it (server/auth/sessions.ts), without hashing a password.
      const token = newToken();
      sessions.push({
        _id: hashToken(token),
        personId,
        csrfToken: newToken(24),
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + 24 * 3600 * 1000),
      });
      members.push({
        index: members.length,
        group: g,
        channelId: `group:${String(groupId)}`,
        cookie: `${cookie}=${token}`,
      });
    }
    groups.push({
      _id: groupId,
      title: [{ lang: 'fi', text: `Chat-mittausryhmä ${g + 1}` }],
      description: [{ lang: 'fi', text: 'Vertaisryhmä kahden kulttuurin perheille.' }],
      topics: ['everyday-two-cultures'],
      sessionLanguages: ['fi'],
      audience: 'parents',
      region: 'online-finland',
      capacity: FAMILIES + 1,
      leadFacilitatorId: facilitatorId,
      trainerId,
      status: 'open',
      visibility: 'invitation',
      schedule: {
        frequency: 'weekly',
        weekday: 'mo',
        startDate: '2027-01-04',
        startTime: '18:00',
        durationMinutes: 90,
        count: 10,
      },
      timeOfDay: 'evening',
      rulesVersion: 'bench',
      confirmedCount: FAMILIES,
      arrivalSeq: FAMILIES,
    });
  }
  await Person.insertMany(people);
  await Group.insertMany(groups);
  await Enrolment.insertMany(enrolments);
  await LoginSession.insertMany(sessions);
  return members;
}

interface RunningServer {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function startServer(env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the chat bench's server did not start:\n${output}`));
    }, 90_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1].replace('localhost', '127.0.0.1'), output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the chat bench's server exited (${code}) during start-up:\n${output}`));
    });
  });
}

async function stopServer(server: RunningServer): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM'); // a clean shutdown: the SFU worker goes with it
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** CPU seconds a process has used so far (Linux /proc; undefined elsewhere). */
function cpuSeconds(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in USER_HZ
  } catch {
    return undefined;
  }
}

function connect(url: string, member: Member): Promise<ClientSocket> {
  const socket: ClientSocket = io(url, {
    transports: ['websocket'],
    forceNew: true, // one connection per person, not one shared manager
    reconnection: false,
    timeout: REQUEST_TIMEOUT_MS,
    extraHeaders: { cookie: member.cookie },
    auth: { lang: 'fi' },
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(new Error(`client ${member.index} could not connect: ${error.message}`));
    });
  });
}

async function connectAll(url: string, members: Member[]): Promise<void> {
  let next = 0;
  let done = 0;
  const deadline = performance.now() + CONNECT_LIMIT_MS;
  const worker = async () => {
    while (next < members.length) {
      if (performance.now() > deadline)
        throw new Error(
          `connecting took over ${CONNECT_LIMIT_MS / 1000} s (${done} of ${members.length})`,
        );
      const member = members[next++]!;
      member.socket = await connect(url, member);
      const ack = await member.socket
        .timeout(REQUEST_TIMEOUT_MS)
        .emitWithAck('chat:subscribe', { channelIds: [member.channelId] });
      if (!ack.ok) throw new Error(`chat:subscribe failed: ${JSON.stringify(ack.error)}`);
      const receiver = member.index;
      member.socket.on('chat:message', (message: ChatMessage) => {
        const received = performance.now();
        const outgoing = inFlight.get(message.clientId);
        if (!outgoing || outgoing.sender === receiver) return; // not ours, or one's own echo
        if (outgoing.counted) outgoing.run.latencies.push(received - outgoing.at);
      });
      done += 1;
      if (done % 100 === 0) console.log(`    connecting clients ${done}/${members.length}`);
    }
  };
  await Promise.all(Array.from({ length: CONNECT_CONCURRENCY }, worker));
}

/**
 * Waits until the server is idle: after connecting 500 clients (presence and the like, some
 * of it not awaited by the handshake) and between runs. Single sends until two in a row are
 * acknowledged within 100 ms, or `limitMs`. Their deliveries are not counted anywhere.
 */
async function settle(members: Member[], limitMs: number): Promise<number> {
  const started = performance.now();
  let fast = 0;
  while (fast < 2 && performance.now() - started < limitMs) {
    const sender = members[nextClientId % members.length]!;
    const clientId = `settle${String(nextClientId++).padStart(8, '0')}`;
    const sentAt = performance.now();
    const ack = await sender
      .socket!.timeout(REQUEST_TIMEOUT_MS)
      .emitWithAck('chat:send', { channelId: sender.channelId, clientId, text: 'valmis?' });
    if (!ack.ok) throw new Error(`chat:send failed: ${JSON.stringify(ack.error)}`);
    fast = performance.now() - sentAt < 100 ? fast + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return performance.now() - started;
}

interface RunResult {
  rate: number;
  latencies: number[];
  ackP99: number;
  /** Acks still awaited when sending stopped. */
  backlog: number;
  /** Deliveries of counted messages that never arrived (within the drain time). */
  missing: number;
  errors: number;
  firstError: string;
  /** Rate actually offered in the window (the sender's timer may lag under load). */
  offered: number;
  serverCpu: number | undefined;
  databaseCpu: number | undefined;
  loopP99: number;
}

/**
 * Open-loop load: `rate` messages a second from random members, each to their own group, for
 * a warm-up and then a counted window; then waits (at most DRAIN_MS) for the last deliveries.
 */
async function runLoad(
  members: Member[],
  rate: number,
  windowMs: number,
  pick: () => number,
  pids: { server?: number | undefined; database?: number | undefined },
): Promise<RunResult> {
  const run: Run = {
    latencies: [],
    ackLatencies: [],
    counted: 0,
    outstanding: 0,
    errors: 0,
    firstError: '',
  };
  const warmupCount = Math.round((rate * WARMUP_MS) / 1000);
  const total = warmupCount + Math.round((rate * windowMs) / 1000);
  const send = (counted: boolean) => {
    const sender = members[Math.floor(pick() * members.length)]!;
    const clientId = `bench${String(nextClientId++).padStart(8, '0')}`;
    const outgoing: Outgoing = { at: performance.now(), sender: sender.index, counted, run };
    inFlight.set(clientId, outgoing);
    run.outstanding += 1;
    if (counted) run.counted += 1;
    sender
      .socket!.timeout(REQUEST_TIMEOUT_MS)
      .emit(
        'chat:send',
        { channelId: sender.channelId, clientId, text: `mittausviesti ${clientId}` },
        (error, ack) => {
          run.outstanding -= 1;
          if (error || !ack.ok) {
            run.errors += 1;
            run.firstError ||= error ? error.message : JSON.stringify(ack.ok ? {} : ack.error);
          } else if (counted) run.ackLatencies.push(performance.now() - outgoing.at);
        },
      );
  };

  const loop = monitorEventLoopDelay({ resolution: 10 });
  let cpuBefore: Record<'server' | 'database', number | undefined> | undefined;
  let windowStartedAt = 0;
  let lastSentAt = 0;
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor((rate * (performance.now() - started)) / 1000));
      while (sent < due) {
        if (sent === warmupCount) {
          windowStartedAt = performance.now();
          cpuBefore = { server: cpuSeconds(pids.server), database: cpuSeconds(pids.database) };
          loop.enable();
        }
        send(sent >= warmupCount);
        sent += 1;
        lastSentAt = performance.now();
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  const windowSeconds = (lastSentAt - windowStartedAt) / 1000;
  const backlog = run.outstanding;
  const expected = run.counted * RECIPIENTS;
  const drainUntil = performance.now() + DRAIN_MS;
  while (
    (run.latencies.length < expected || run.outstanding > 0) &&
    performance.now() < drainUntil
  ) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  loop.disable();
  const elapsed = (performance.now() - windowStartedAt) / 1000;
  const cpuAfter = { server: cpuSeconds(pids.server), database: cpuSeconds(pids.database) };
  // From the first counted send to the end of the drain: the share of one core each used.
  const share = (before: number | undefined, after: number | undefined) =>
    before === undefined || after === undefined ? undefined : (after - before) / elapsed;
  inFlight.clear();
  const acks = [...run.ackLatencies].sort((a, b) => a - b);
  return {
    rate,
    latencies: run.latencies,
    ackP99: acks[Math.min(acks.length - 1, Math.floor(0.99 * acks.length))] ?? NaN,
    backlog,
    missing: Math.max(0, expected - run.latencies.length),
    errors: run.errors,
    firstError: run.firstError,
    offered: windowSeconds > 0 ? (run.counted - 1) / windowSeconds : rate,
    serverCpu: share(cpuBefore?.server, cpuAfter.server),
    databaseCpu: share(cpuBefore?.database, cpuAfter.database),
    loopP99: loop.percentile(99) / 1e6,
  };
}

/** Why a step does not count as sustained, or undefined when it does. */
function shortfall(result: RunResult, p99: number): string | undefined {
  if (result.errors > 0) return `${result.errors} sends failed (${result.firstError})`;
  if (result.backlog > Math.max(10, result.rate / 2))
    return `fell behind: ${result.backlog} acks outstanding when sending stopped`;
  if (result.missing > 0) return `${result.missing} deliveries missing after ${DRAIN_MS} ms`;
  if (result.offered < result.rate * 0.9)
    return `the bench offered only ${result.offered.toFixed(0)} msg/s`;
  if (!(p99 < P99_LIMIT_MS)) return `p99 ${p99.toFixed(1)} ms ≥ ${P99_LIMIT_MS} ms`;
  return undefined;
}

function describe(result: RunResult): string {
  const pct = (share: number | undefined) =>
    share === undefined ? '?' : `${Math.round(share * 100)} %`;
  return (
    `acks p99 ${result.ackP99.toFixed(1)} ms, server CPU ${pct(result.serverCpu)}, ` +
    `database CPU ${pct(result.databaseCpu)}, bench event-loop delay p99 ` +
    `${result.loopP99.toFixed(1)} ms`
  );
}

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
    server = await startServer({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: join(dataDir, 'server'),
      MONGODB_URI: database.uri,
      MONGODB_DB: dbName,
      SEED_DEMO_DATA: 'false',
      SFU_WORKERS: '1',
      SFU_RTC_PORT: '0',
      LOG_LEVEL: 'warn',
      CHAT_MESSAGES_PER_MINUTE: '100000',
      RATE_LIMIT_AUTH: '100000',
      RATE_LIMIT_WRITE_IP: '100000',
      RATE_LIMIT_WRITE_ACCOUNT: '100000',
    });
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
