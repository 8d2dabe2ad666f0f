// [fuzz-1] Every REST route as every actor (signed out and each role), with generated paths,
// queries and bodies from each route's schemas, at their edges and beyond: no 5xx, every
// refusal in the app's error shape and translated into the language asked for, a refused actor
// never let through, and the database unchanged by every refused request. Seeded: a failure
// prints FUZZ_SEED (and FUZZ_ROUTE) to replay it exactly. FUZZ_CASES sets the cases per pair.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { Person } from '../people/person.model.ts';
import { languages } from '../protocol/languages.ts';
import { actors, allowed, expectedRoutes } from '../../test/support/accessMatrix.ts';
import { startTestApp, type TestApp } from '../../test/support/app.ts';
import {
  answerLanguage,
  changedCollections,
  errorProblems,
  fingerprint,
  report,
  FUZZ_CASES,
  FUZZ_SEED,
  FUZZ_SECONDS,
  OBJECT_KEY_TAGS,
  seedFor,
} from '../../test/support/fuzzChecks.ts';
import {
  FuzzHttp,
  inParallel,
  signInActor,
  type Answer,
  type FuzzActor,
} from '../../test/support/fuzzHttp.ts';
import {
  pathParam,
  payloadFor,
  queryFor,
  toJson,
  type KnownIds,
} from '../../test/support/fuzzPayloads.ts';
import { liveGroup } from '../../test/support/live.ts';
import { createOrganisation } from '../../test/support/people.ts';
import type { RouteInfo } from '../http/api.ts';

const ONLY_ROUTE = process.env.FUZZ_ROUTE;
/** Cases per pair sent in one round over all routes (one fingerprint per route and round). */
const ROUND = 10;
const CONCURRENCY = 8;
const LANGS = languages.map((l) => l.code);

/** Bodies JSON cannot describe: malformed, or not JSON at all. */
const RAW_BODIES = ['{"email": ', '[]', '"just a string"', 'null', '{"a":1}{"b":2}', '\u0000'];

interface Case {
  params: string[];
  query: string;
  body: unknown;
  raw: string | null;
  lang: string;
}

/** The cases of one round for one pair: seeded by the pair and the round, so any replays alone. */
const arbitraries = new Map<RouteInfo, fc.Arbitrary<Case>>();

function casesFor(route: RouteInfo, actor: string, known: KnownIds, round: number): Case[] {
  let arbitrary = arbitraries.get(route);
  if (!arbitrary) {
    const paramCount = (route.path.match(/:\w+/g) ?? []).length;
    arbitrary = fc.record({
      params: fc.array(pathParam(known), { minLength: paramCount, maxLength: paramCount }),
      query: queryFor(route.query, known),
      body: route.method === 'get' ? fc.constant(undefined) : payloadFor(route.body, known),
      raw: fc.oneof(
        { arbitrary: fc.constant(null), weight: 11 },
        { arbitrary: fc.constantFrom(...RAW_BODIES), weight: 1 },
      ),
      lang: fc.oneof(
        { arbitrary: fc.constantFrom(...LANGS), weight: 9 },
        { arbitrary: fc.constantFrom(...OBJECT_KEY_TAGS), weight: 1 },
      ),
    });
    arbitraries.set(route, arbitrary);
  }
  const key = `${route.method} ${route.path}`;
  const count = Math.min(ROUND, FUZZ_CASES - round * ROUND);
  return fc.sample(arbitrary, { seed: seedFor(key, actor, String(round)), numRuns: count });
}

function urlOf(route: RouteInfo, c: Case): string {
  let i = 0;
  return route.path.replace(/:\w+/g, () => c.params[i++] ?? 'x') + c.query;
}

describe('[fuzz-1] fuzzing every entry point', function () {
  this.timeout(FUZZ_SECONDS * 1000 + 600_000);
  let app: TestApp;
  let http: FuzzHttp;
  let organisationId: string;
  const actorList: FuzzActor[] = actors.map((name) => ({ name }));
  const known: KnownIds = { ids: [] };

  before(async () => {
    app = await startTestApp({ label: 'fuzz1' });
    http = new FuzzHttp(app.url, CONCURRENCY);
    organisationId = await createOrganisation('partner');
    for (const actor of actorList)
      if (actor.name !== 'signed-out')
        await signInActor(app.url, actor, actor.name, organisationId);
    // Things that belong to other people: a group with a session and an enrolled family.
    const other = await liveGroup(app.url, { families: 1 });
    known.ids = [
      ...actorList.flatMap((a) => (a.person ? [a.person.id] : [])),
      other.group.id,
      other.sessionId,
      other.staff.facilitator.id,
      other.staff.trainer.id,
      other.families[0]!.id,
      organisationId,
      '0123456789abcdef01234567',
    ];
  });
  after(async () => {
    http?.close();
    await app?.close();
  });

  /** Puts every actor back as it was when a fuzzed request was accepted (roles, pause, session). */
  async function restoreActors(): Promise<void> {
    for (const actor of actorList) {
      if (actor.name === 'signed-out' || !actor.person) continue;
      await Person.updateOne(
        { _id: actor.person.id },
        { $set: { roles: [actor.name], organisationId }, $unset: { pause: 1 } },
      );
      const session = await http.send(actor, 'GET', '/auth/session', 'fi');
      if ((session.body as { person?: unknown }).person) continue;
      await signInActor(app.url, actor, actor.name, organisationId);
    }
  }

  it(`[fuzz-1] every REST route × every actor, up to ${FUZZ_CASES} generated cases each: no 5xx, translated refusals, nothing changed by a refused request`, async () => {
    const started = Date.now();
    const cpuAtStart = process.cpuUsage();
    const routes = app.app.api.routes.filter(
      (r) => !ONLY_ROUTE || `${r.method.toUpperCase()} ${r.path}` === ONLY_ROUTE,
    );
    assert.ok(routes.length > 0, `no route ${ONLY_ROUTE}`);
    const problems: string[] = [];
    const debugLines: string[] = [];
    const counts = { requests: 0, accepted: 0, refused: 0, batches: 0, rechecked: 0 };
    const statuses = new Map<number, number>();
    const onRejection = (reason: unknown) =>
      problems.push(`unhandled rejection: ${String(reason)}`);
    process.on('unhandledRejection', onRejection);
    const timing = { generating: 0, requests: 0, fingerprints: 0, restoring: 0 };
    const timed = async <T>(part: keyof typeof timing, work: () => Promise<T>): Promise<T> => {
      const t0 = Date.now();
      try {
        return await work();
      } finally {
        timing[part] += Date.now() - t0;
      }
    };
    let before = await fingerprint();

    let rounds = 0;
    try {
      // Rounds of ROUND cases per pair, over every route, until FUZZ_CASES or the time budget.
      for (; rounds * ROUND < FUZZ_CASES; rounds += 1) {
        if (rounds > 0 && !ONLY_ROUTE && Date.now() - started > FUZZ_SECONDS * 1000) break;
        for (const route of routes) {
          const key = `${route.method.toUpperCase()} ${route.path}`;
          const routeStarted = Date.now();
          const audience = expectedRoutes[key];
          assert.ok(audience, `${key} is not in the access matrix`);
          // Each route is one batch: all its actors and cases, then one fingerprint.
          const batch = await timed('generating', async () =>
            actorList.flatMap((actor) =>
              casesFor(route, actor.name, known, rounds).map((c, i) => ({
                actor,
                c,
                index: rounds * ROUND + i,
              })),
            ),
          );
          const answers = await timed('requests', () =>
            inParallel(batch, CONCURRENCY, ({ actor, c }) =>
              http.send(actor, route.method.toUpperCase(), urlOf(route, c), c.lang, bodyOf(c)),
            ),
          );
          counts.requests += batch.length;
          if (process.env.FUZZ_DEBUG)
            debugLines.push(`ROUTE ${key} ${Date.now() - routeStarted} ms`);
          counts.batches += 1;
          const refusedCases: typeof batch = [];
          batch.forEach(({ actor, c, index }, i) => {
            const answer = answers[i] as Answer;
            statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
            if (process.env.FUZZ_DEBUG)
              debugLines.push(
                `${actor.name} ${urlOf(route, c).slice(0, 100)} ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`,
              );
            const where = () =>
              `${actor.name} ${key} case ${index} (FUZZ_SEED=${FUZZ_SEED} FUZZ_ROUTE='${key}'): ` +
              `${route.method.toUpperCase()} ${urlOf(route, c).slice(0, 200)} lang=${c.lang} ` +
              `body=${(bodyOf(c) ?? '').slice(0, 200)} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
            if (answer.status === 0 && (bodyOf(c)?.length ?? 0) > 100 * 1024) {
              counts.refused += 1; // over the body limit: answered 413 and the upload cut short
              return;
            }
            if (answer.status >= 500 || answer.status === 0)
              problems.push(`5xx/no answer: ${where()}`);
            if (answer.status > 0 && answer.status < 400) {
              counts.accepted += 1;
              if (!allowed(audience, actor.name)) problems.push(`let through: ${where()}`);
              return;
            }
            counts.refused += 1;
            refusedCases.push(batch[i]!);
            for (const p of errorProblems(answer.body, answerLanguage(c.lang)))
              problems.push(`${p}: ${where()}`);
          });
          const health = await http.send(actorList[0]!, 'GET', '/auth/session', 'en');
          assert.equal(health.status, 200, `the server stopped answering after ${key}`);

          const accepted = refusedCases.length < batch.length;
          let after = await timed('fingerprints', fingerprint);
          if (accepted && changedCollections(before, after).length) {
            // Accepted requests may change data: a fresh baseline, then the refused ones again.
            await timed('restoring', restoreActors);
            before = await fingerprint();
            const again = await inParallel(refusedCases, CONCURRENCY, ({ actor, c }) =>
              http.send(actor, route.method.toUpperCase(), urlOf(route, c), c.lang, bodyOf(c)),
            );
            counts.rechecked += refusedCases.length;
            if (again.some((a) => a.status < 400)) {
              // Refused before, accepted now (the data changed under it): judged case by case.
              await timed('restoring', restoreActors);
              before = await fingerprint();
              continue;
            }
            after = await fingerprint();
          }
          const changed = changedCollections(before, after);
          if (changed.length) {
            const culprit = await bisect(route, refusedCases);
            problems.push(
              `refused requests changed ${changed.join(', ')} (FUZZ_SEED=${FUZZ_SEED} FUZZ_ROUTE='${key}'): ${culprit}`,
            );
            after = await fingerprint();
          }
          before = after;
        }
      }
    } finally {
      if (process.env.FUZZ_DEBUG) writeFileSync(process.env.FUZZ_DEBUG, debugLines.join('\n'));
      process.off('unhandledRejection', onRejection);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const cpu = process.cpuUsage(cpuAtStart);
    const cpuSeconds = ((cpu.user + cpu.system) / 1e6).toFixed(1);
    console.log(
      `      [fuzz-1] REST: ${routes.length} routes × ${actorList.length} actors × ${Math.min(FUZZ_CASES, rounds * ROUND)} cases (of ${FUZZ_CASES}; time budget ${FUZZ_SECONDS} s) = ` +
        `${counts.requests} requests (${counts.accepted} accepted, ${counts.refused} refused, ` +
        `${counts.rechecked} re-checked) in ${seconds} s (${cpuSeconds} s CPU in this process; ms spent ${JSON.stringify(timing)}); statuses ${JSON.stringify(Object.fromEntries(statuses))}; seed ${FUZZ_SEED}`,
    );
    assert.equal(problems.length, 0, report(problems));
  });

  /** Sends the refused cases one at a time, fingerprinting after each, to name the one. */
  async function bisect(
    route: RouteInfo,
    cases: { actor: FuzzActor; c: Case; index: number }[],
  ): Promise<string> {
    let before = await fingerprint();
    for (const { actor, c, index } of cases) {
      const answer = await http.send(
        actor,
        route.method.toUpperCase(),
        urlOf(route, c),
        c.lang,
        bodyOf(c),
      );
      const after = await fingerprint();
      const changed = changedCollections(before, after);
      if (changed.length && answer.status >= 400)
        return `${actor.name} case ${index}: ${urlOf(route, c).slice(0, 200)} body=${(bodyOf(c) ?? '').slice(0, 300)} → ${answer.status} changed ${changed.join(', ')}`;
      before = after;
    }
    return 'no single request reproduces it';
  }
});

function bodyOf(c: Case): string | undefined {
  if (c.raw !== null) return c.raw;
  return c.body === undefined ? undefined : toJson(c.body);
}
