// [privacy-1] Each role signs in and walks everything it can reach — every REST route of the
// permission matrix with the real ids of a seeded world, its socket requests and events, its
// emails, and its pages in a real browser (every HTTP response and WebSocket frame) — while a
// trainer observes group A's live session unseen. Nothing of a family the role may not see may
// be in any of it (see mayView in test/support/privacyWalk.ts for what each role may see).
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { Request, Response, NextFunction } from 'express';
import type { JoinResult } from '../../server/protocol/live.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { launchBrowser } from '../support/browser.ts';
import { liveSocket, must, recordEvents, type TestSocket } from '../support/live.ts';
import {
  candidates,
  findings,
  mailTo,
  viewerPerson,
  VIEWERS,
  walkApi,
  walkSocket,
  type Seen,
  type Viewer,
} from '../support/privacyWalk.ts';
import { seedWorld, type World } from '../support/privacyWorld.ts';
import { clientRoutes, pagesOf, walkPages } from './privacyPages.ts';

describe('[privacy-1] every role walks everything it can reach and finds nothing it must not', function () {
  this.timeout(240_000);
  let app: TestApp;
  let world: World;
  let browser: Browser;
  let idsFor: Awaited<ReturnType<typeof candidates>>;
  const sockets: TestSocket[] = [];
  const seen = new Map<Viewer, Seen[]>();
  let observer: { peerId: string; name: string };
  let familyHeard: { name: string; payload: unknown }[];

  before(async () => {
    app = await startTestApp({ label: 'privacy1' });
    world = await seedWorld(app.url);
    idsFor = await candidates(world);
    browser = await launchBrowser();
    // The live room of group A: the facilitator hosts, the trainer observes hidden, a1 joins.
    const open = async (person: Parameters<typeof liveSocket>[1]) => {
      const socket = await liveSocket(app.url, person);
      sockets.push(socket);
      return socket;
    };
    const { sessionId } = world.groupA;
    await must(await open(world.staffA.facilitator), 'live:join', { sessionId });
    const watching = await must<JoinResult>(await open(world.staffA.trainer), 'live:join', {
      sessionId,
      mode: 'observer',
    });
    assert.ok(watching.state === 'admitted' && watching.admitted.self.observer);
    observer = watching.admitted.self;
    const family = await open(world.families.a1.person);
    familyHeard = recordEvents(family);
    const joined = await must<JoinResult>(family, 'live:join', { sessionId });
    familyHeard.push({ name: 'ack live:join', payload: joined });
    await must(family, 'live:hand', { raised: true });
  });
  after(async () => {
    for (const socket of [...sockets, ...(world?.sockets ?? [])]) socket.disconnect();
    await browser?.close();
    await app?.close();
  });

  async function walk(viewer: Viewer, methods: 'reads' | 'writes'): Promise<Seen[]> {
    const person = viewerPerson(world, viewer);
    const api = await walkApi(app.url, viewer, person, idsFor, methods);
    if (methods === 'writes' || !person) return api.seen;
    return [...api.seen, ...(await walkSocket(app.url, person, world)), ...(await mailTo(person))];
  }

  it('[privacy-1] each role: every API, socket request, event, email and page holds nothing of a family it may not see', async () => {
    const problems: string[] = [];
    // Every client route, each with the world's ids (in reach, out of reach, none such).
    const routes = clientRoutes();
    const pages = pagesOf(world, idsFor);
    assert.ok(routes.length >= 50, `App.tsx read: ${routes.length} routes`);
    const pattern = (route: string) => new RegExp(`^${route.replace(/:\w+/g, '[^/]+')}$`);
    for (const route of routes)
      assert.ok(
        pages.some((p) => pattern(route).test(p)),
        `no page walked for ${route}`,
      );
    // Reads first, every role at once (nothing changes meanwhile): API, socket, emails, pages.
    await Promise.all(
      VIEWERS.map(async (viewer) => {
        const collected = await walk(viewer, 'reads');
        const person = viewerPerson(world, viewer);
        collected.push(...(await walkPages(browser, app.url, person, pages)));
        seen.set(viewer, collected);
      }),
    );
    for (const viewer of VIEWERS) problems.push(...findings(world, viewer, seen.get(viewer)!));
    // Each role's browser opened every page (its text is kept as the page's own entry).
    for (const viewer of VIEWERS) {
      const opened = seen.get(viewer)!.filter((s) => /^page \//.test(s.where)).length;
      assert.equal(opened, pages.length, `${viewer} opened every page`);
    }
    console.log(
      `      [privacy-1] pages: ${routes.length} client routes → ${pages.length} pages with the ` +
        `world's ids, opened by each of ${VIEWERS.length} roles`,
    );
    // The walk is not empty: each role did see what it may (so the routes answered it).
    const sawOwn = (viewer: Viewer, marker: string | undefined) =>
      assert.ok(
        seen.get(viewer)!.some((s) => marker && s.text.includes(marker)),
        `${viewer} saw ${marker}`,
      );
    const { a1, a2, b1 } = world.families;
    sawOwn('family', a1.marks.appointment);
    sawOwn('family', a2.marks.message);
    sawOwn('facilitator', a2.marks.direct);
    sawOwn('facilitator', a1.marks.report);
    sawOwn('trainer', a2.marks.report);
    sawOwn('coordinator', b1.marks.email);
    sawOwn('partner', b1.marks.referral);
    // The browser's part is not empty either: every role's pages called the API and every
    // signed-in page heard its socket; the family's chat page showed a group-mate's message.
    for (const viewer of VIEWERS) {
      const from = (kind: string) => seen.get(viewer)!.filter((s) => s.where.startsWith(kind));
      if (viewer === 'signed-out') continue; // (no socket before signing in)
      // A body Chromium dropped when the next page opened cannot be read (the API walk above
      // calls the same routes); most must have been.
      const read = from('page response').length;
      assert.ok(read > 0 && from('page unread').length <= read, `${viewer}'s pages answered`);
      assert.ok(from('page frame').length > 0, `${viewer}'s pages heard their socket`);
    }
    assert.ok(
      seen
        .get('family')!
        .some((s) => s.where.startsWith('page ') && s.text.includes(a2.marks.message!)),
      'the family saw their group-mate in the browser',
    );
    // Then every write with an empty body, on every id: refusals and answers hold nothing either.
    const writes = await Promise.all(VIEWERS.map((viewer) => walk(viewer, 'writes')));
    VIEWERS.forEach((viewer, i) => problems.push(...findings(world, viewer, writes[i]!)));
    assert.deepEqual(problems, []);
  });

  it('[privacy-1] a family in the live room with a hidden observer never receives them', () => {
    const { trainer } = world.staffA;
    const frames = JSON.stringify(familyHeard);
    assert.ok(familyHeard.length >= 2, 'the family heard the session');
    for (const secret of [observer.peerId, observer.name, trainer.id, trainer.displayName])
      assert.ok(!frames.includes(secret), `a family's live frames hold ${secret}`);
    // Nowhere else either: pages, frames, notifications, emails, export, attendance views.
    const walked = seen.get('family');
    assert.ok(walked, 'the walk (the test before) collected what the family received');
    const holding = walked.filter((s) => s.text.includes(observer.peerId)).map((s) => s.where);
    assert.deepEqual(holding, [], "the observer's peer id reached the family");
    const personal = walked.filter((s) =>
      /\/me\/export|notifications|attendance|email |socket event live:/.test(s.where),
    );
    for (const s of personal)
      for (const secret of [trainer.id, trainer.displayName])
        assert.ok(!s.text.includes(secret), `${s.where} holds the observer ${secret}`);
  });

  it('[privacy-1] the walk bites: a family field added to a partner response is found', async () => {
    const { b1 } = world.families;
    // A test-only layer at the front of the API router adds b1's email to every JSON answer.
    const router = app.app.api.router;
    router.use((_req: Request, res: Response, next: NextFunction) => {
      const json = res.json.bind(res);
      res.json = (body: unknown) =>
        json(Array.isArray(body) ? [...body, { familyEmail: b1.person.email }] : body);
      next();
    });
    router.stack.unshift(router.stack.pop()!);
    try {
      const partner = viewerPerson(world, 'partner');
      const walked = await walkApi(app.url, 'partner', partner, idsFor, 'reads');
      const found = findings(world, 'partner', walked.seen);
      assert.ok(
        found.some((f) => f.startsWith('partner saw b1.email in') && f.includes('GET /partners')),
        found.join('\n'),
      );
    } finally {
      router.stack.shift();
    }
  });
});
