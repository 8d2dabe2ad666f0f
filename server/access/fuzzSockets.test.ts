// [fuzz-1] Every socket request as every actor, with generated payloads from its schema's edges
// and beyond: every request is acknowledged (never left hanging), a refusal is an error code
// with a message in the socket's language, the server keeps answering, and refused requests
// change nothing in the database. Signed out there is no socket: the handshake itself is fuzzed.
// Replay a failure with the FUZZ_SEED (and FUZZ_EVENT) it prints.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { io as connect, type Socket } from 'socket.io-client';
import { ROLES, type Role } from '../protocol/api.ts';
import { languages } from '../protocol/languages.ts';
import { requestSchemas, type RequestName } from '../protocol/socket.ts';
import { allowed, expectedSocket } from '../../test/support/accessMatrix.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import {
  changedCollections,
  errorProblems,
  fingerprint,
  report,
  FUZZ_CASES,
  FUZZ_SEED,
  FUZZ_SECONDS,
  seedFor,
  answerLanguage,
  OBJECT_KEY_TAGS,
} from '../../test/support/fuzzChecks.ts';
import { inParallel, signInActor, type FuzzActor } from '../../test/support/fuzzHttp.ts';
import {
  encodeQuery,
  hostile,
  payloadFor,
  type KnownIds,
} from '../../test/support/fuzzPayloads.ts';
import { liveGroup } from '../../test/support/live.ts';
import { createOrganisation } from '../../test/support/people.ts';

const ONLY_EVENT = process.env.FUZZ_EVENT;
const LANGS = languages.map((l) => l.code);
/** Payloads per pair in one round over every request; each on its own socket of the pool. */
const ROUND = 10;
// The tightest per-socket limits allow 3 at once and refill within seconds
// (server/realtime/eventLimits.ts): one request per socket, event and round stays under them.
const POOL = ROUND;
const CONCURRENCY = 8;
/** Whether a handshake's auth is one the server can read: a plain object, as Socket.IO's is. */
const readableAuth = (auth: unknown) => Object.prototype.toString.call(auth) === '[object Object]';

type Ack = { ok: boolean; data?: unknown; error?: { code: string; message: string } };

interface Pooled {
  socket: Socket;
  lang: string;
}

async function open(url: string, cookie: string, lang: string): Promise<Socket> {
  const socket = connect(url, {
    transports: ['websocket'],
    extraHeaders: { cookie },
    auth: { lang },
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

describe('[fuzz-1] fuzzing every socket request', function () {
  this.timeout(FUZZ_SECONDS * 1000 + 600_000);
  let app: TestApp;
  let organisationId: string;
  const pools = new Map<Role, Pooled[]>();
  const actors = new Map<Role, FuzzActor>();
  const known: KnownIds = { ids: [] };
  const arbitraries = new Map<RequestName, fc.Arbitrary<unknown>>();
  const payloads = (name: RequestName) => {
    if (!arbitraries.has(name)) arbitraries.set(name, payloadFor(requestSchemas[name], known));
    return arbitraries.get(name)!;
  };

  before(async () => {
    app = await startTestApp({
      label: 'fuzz1sockets',
      env: { SOCKETS_PER_PERSON: String(POOL + 4), SOCKETS_PER_ADDRESS: '100000' },
    });
    organisationId = await createOrganisation('partner');
    const other = await liveGroup(app.url, { families: 1 });
    for (const role of ROLES) {
      const actor: FuzzActor = { name: role };
      await signInActor(app.url, actor, role, organisationId);
      actors.set(role, actor);
    }
    known.ids = [
      ...[...actors.values()].map((a) => a.person!.id),
      other.group.id,
      other.sessionId,
      other.staff.facilitator.id,
      other.families[0]!.id,
      '0123456789abcdef01234567',
    ].filter((id): id is string => typeof id === 'string');
    for (const role of ROLES) await fillPool(role);
  });
  after(async () => {
    for (const pool of pools.values()) for (const { socket } of pool) socket.disconnect();
    await app?.close();
  });

  /** Opens the role's sockets (again, when a fuzzed request ended them: left, removed, erased). */
  async function fillPool(role: Role): Promise<void> {
    const actor = actors.get(role)!;
    const pool = (pools.get(role) ?? []).filter((p) => p.socket.connected);
    let attempt = 0;
    while (pool.length < POOL) {
      const lang = LANGS[(pool.length + attempt) % LANGS.length]!;
      try {
        pool.push({ socket: await open(app.url, actor.cookie ?? '', lang), lang });
      } catch {
        // The session ended (signed out everywhere by a fuzzed request): sign in again.
        if (++attempt > 2) throw new Error(`${role} cannot connect`);
        await signInActor(app.url, actor, role, organisationId);
      }
    }
    pools.set(role, pool);
  }

  it(`[fuzz-1] every socket request × every role, up to ${FUZZ_CASES} generated payloads each: always acknowledged, translated refusals, nothing changed by a refused request`, async () => {
    const started = Date.now();
    const names = (Object.keys(requestSchemas) as RequestName[]).filter(
      (n) => !ONLY_EVENT || n === ONLY_EVENT,
    );
    assert.ok(names.length > 0, `no socket request ${ONLY_EVENT}`);
    const problems: string[] = [];
    const counts = { requests: 0, accepted: 0, refused: 0, rateLimited: 0 };
    let before = await fingerprint();
    let rounds = 0;
    for (; rounds * ROUND < FUZZ_CASES; rounds += 1) {
      const budget = (FUZZ_SECONDS * 1000) / 2;
      if (rounds > 0 && !ONLY_EVENT && Date.now() - started > budget) break;
      for (const name of names) {
        const count = Math.min(ROUND, FUZZ_CASES - rounds * ROUND);
        const batch = ROLES.flatMap((role) =>
          fc
            .sample(payloads(name), {
              seed: seedFor(name, role, String(rounds)),
              numRuns: count,
            })
            .map((payload, i) => ({ role, payload, index: rounds * ROUND + i })),
        );
        const refused: typeof batch = [];
        await inParallel(batch, CONCURRENCY, async (item) => {
          const pooled = pools.get(item.role)![item.index % POOL]!;
          const where = (what: string) =>
            `${item.role} ${name} case ${item.index} (FUZZ_SEED=${FUZZ_SEED} FUZZ_EVENT=${name}) ` +
            `lang=${pooled.lang} payload=${JSON.stringify(item.payload)?.slice(0, 200)} → ${what}`;
          counts.requests += 1;
          if (!pooled.socket.connected) {
            counts.refused += 1; // ended by an earlier accepted request (leave, sign-out): skipped
            return;
          }
          let ack: Ack;
          try {
            ack = (await pooled.socket.timeout(15_000).emitWithAck(name, item.payload)) as Ack;
          } catch (error) {
            if (pooled.socket.connected)
              problems.push(where(`no acknowledgement: ${String(error)}`));
            return;
          }
          if (ack.ok) {
            counts.accepted += 1;
            // The socket now speaks the language just chosen (server/realtime/language.ts).
            if (name === 'session:language') pooled.lang = (ack.data as { lang: string }).lang;
            if (!allowed(expectedSocket[name], item.role)) problems.push(where('let through'));
            return;
          }
          counts.refused += 1;
          refused.push(item);
          if (ack.error?.code === 'rateLimited') counts.rateLimited += 1;
          if (ack.error?.code === 'internal') problems.push(where(`internal error`));
          for (const p of errorProblems(ack, pooled.lang))
            problems.push(where(`${p}: ${JSON.stringify(ack).slice(0, 200)}`));
        });
        const health = await fetch(`${app.url}/api/groups`);
        assert.equal(health.status, 200, `the server stopped answering after ${name}`);
        const after = await fingerprint();
        const changed = changedCollections(before, after);
        // Accepted requests may change data; then the refused ones are sent again on their own.
        if (changed.length && refused.length < batch.length) {
          const again = await fingerprint();
          for (const item of refused) {
            const pooled = pools.get(item.role)![item.index % POOL]!;
            if (pooled.socket.connected)
              await pooled.socket
                .timeout(15_000)
                .emitWithAck(name, item.payload)
                .catch(() => null);
          }
          const changedAgain = changedCollections(again, await fingerprint());
          if (changedAgain.length)
            problems.push(
              `refused ${name} requests changed ${changedAgain.join(', ')} (FUZZ_SEED=${FUZZ_SEED} FUZZ_EVENT=${name})`,
            );
        } else if (changed.length) {
          problems.push(
            `refused ${name} requests changed ${changed.join(', ')} (FUZZ_SEED=${FUZZ_SEED} FUZZ_EVENT=${name})`,
          );
        }
        before = await fingerprint();
        for (const role of ROLES) await fillPool(role);
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `      [fuzz-1] sockets: ${names.length} requests × ${ROLES.length} roles × ${Math.min(FUZZ_CASES, rounds * ROUND)} payloads (of ${FUZZ_CASES}; time budget ${FUZZ_SECONDS / 2} s) = ` +
        `${counts.requests} (${counts.accepted} accepted, ${counts.refused} refused, ${counts.rateLimited} of them rate-limited) in ${seconds} s; seed ${FUZZ_SEED}`,
    );
    assert.equal(problems.length, 0, report(problems));
  });

  it(`[fuzz-1] a signed-out handshake with ${FUZZ_CASES} generated auth payloads and cookies is refused, in the language asked for`, async () => {
    // Every tag naming an object's own property first (each once left the handshake unanswered).
    const objectKeys = OBJECT_KEY_TAGS.map((lang) => ({
      auth: { lang } as unknown,
      cookie: '=;=;',
    }));
    const generated = fc.sample(
      fc.record({
        auth: fc.oneof(fc.record({ lang: fc.oneof(fc.constantFrom(...LANGS), hostile) }), hostile),
        cookie: fc.oneof(
          fc.constant(''),
          // (A raw NUL cannot be sent at all: Node's HTTP client refuses such a header.)
          fc.constantFrom('rinnalla_sid=0123456789abcdef01234567', 'a=b; c', '=;=;', 'x=%00'),
          fc.string({ maxLength: 60 }).map((s) => `rinnalla_sid=${encodeQuery(s)}`),
        ),
      }),
      { seed: seedFor('handshake'), numRuns: FUZZ_CASES },
    );
    const cases = [...objectKeys, ...generated];
    const before = await fingerprint();
    const problems: string[] = [];
    let unknown = 0;
    await inParallel(cases, CONCURRENCY, async ({ auth, cookie }, index) => {
      const socket = connect(app.url, {
        transports: ['websocket'],
        extraHeaders: cookie ? { cookie } : {},
        auth: auth as Record<string, unknown>,
        reconnection: false,
        forceNew: true,
      });
      const timers: NodeJS.Timeout[] = [];
      const outcome = await new Promise<string>((resolve) => {
        socket.once('connect', () => resolve('connected'));
        socket.once('connect_error', (error) => {
          const data = (error as { data?: unknown }).data;
          // Auth that is no plain object cannot be read: refused as an unknown request (or,
          // where Socket.IO's client sends none of it, e.g. null, as signed out).
          const readable = readableAuth(auth);
          const lang = readable ? (auth as { lang?: unknown }).lang : undefined;
          const expected = answerLanguage(typeof lang === 'string' ? lang : '');
          const wrong = errorProblems({ error: data }, expected);
          const codes = readable ? ['unauthenticated'] : ['unknownRequest', 'unauthenticated'];
          if (error.message === 'unknownRequest') unknown += 1;
          resolve(
            codes.includes(error.message) && !wrong.length
              ? 'refused'
              : `${error.message} ${wrong.join('; ')}`,
          );
        });
        // The link closed without a refusal: a failure, unless a refusal arrives just after it.
        socket.io.once('close', () => timers.push(setTimeout(() => resolve('closed'), 1_000)));
        timers.push(setTimeout(() => resolve('no answer'), 15_000));
      });
      for (const timer of timers) clearTimeout(timer);
      socket.disconnect();
      if (outcome !== 'refused')
        problems.push(
          `handshake case ${index} (FUZZ_SEED=${FUZZ_SEED}): ${outcome} for ${JSON.stringify({ auth, cookie }).slice(0, 200)}`,
        );
    });
    console.log(
      `      [fuzz-1] handshakes: ${cases.length} signed-out, each refused in its language (${unknown} with auth unreadable: an unknown request)`,
    );
    assert.deepEqual(changedCollections(before, await fingerprint()), []);
    assert.equal((await fetch(`${app.url}/api/groups`)).status, 200);
    assert.equal(problems.length, 0, report(problems));
  });
});
