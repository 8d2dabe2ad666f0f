// [privacy-1] The pages each role opens in a real browser, with the world's real ids (in reach and
// out of it), and a walk that keeps every API response body, every WebSocket frame the page
// received, and the text on screen.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { signInCookie, type TestPerson } from '../support/people.ts';
import { expand, type Seen } from '../support/privacyWalk.ts';
import type { World } from '../support/privacyWorld.ts';

/** Every route of the client (read from client/src/app/App.tsx, so a new page is walked too). */
export function clientRoutes(): string[] {
  const app = readFileSync(new URL('../../client/src/app/App.tsx', import.meta.url), 'utf8');
  const paths = [...app.matchAll(/<Route\s+path="([^"]+)"/g)].map((m) => m[1]!);
  return ['/', ...paths.filter((p) => p !== '*').map((p) => `/${p}`)];
}

/** Client routes whose ids are another resource's in the API's words (see `candidates`). */
const API_ROUTE_OF: Record<string, string> = {
  '/sessions/:id': '/sessions/:sessionId',
  '/supervision/alerts/:id': '/alerts/:id',
  '/admin/recruitment/:id': '/recruitment/:id',
  '/training/manage/:id': '/training/modules/:id',
};

/**
 * Every client route for every viewer, each id through the world's real ones — families' groups,
 * sessions, reports, alerts and conversations in the viewer's reach and out of it — plus one that
 * does not exist. A role walks the pages it may not open too: their refusals must hold nothing.
 */
export function pagesOf(world: World, idsFor: (route: string, param: string) => string[]) {
  const channels = [world.groupA, world.groupB, world.act.family].map((g) => `group:${g.group.id}`);
  const ids = (route: string, param: string) =>
    param === 'channelId'
      ? [...channels, ...world.directChannels]
      : idsFor(API_ROUTE_OF[route] ?? route, param);
  const pages = clientRoutes().flatMap((route) => expand(route, ids));
  return [...pages, '/no-such-page'];
}

export async function walkPages(
  browser: Browser,
  url: string,
  person: TestPerson | undefined,
  paths: string[],
): Promise<Seen[]> {
  const context = await browser.newContext({ locale: 'fi-FI' });
  if (person) {
    const cookie = await signInCookie(url, person);
    await context.addCookies([{ name: cookie.name, value: cookie.value, url }]);
  }
  const seen: Seen[] = [];
  const pending: Promise<unknown>[] = [];
  const page: Page = await context.newPage();
  // Quiet when nothing has been open for a moment (the socket keeps networkidle away): a
  // request, or the page's socket (below). Cleared at each navigation (what the last page left
  // open no longer matters).
  const open = new Set<unknown>();
  let lastActivity = Date.now();
  const isApi = (u: string) => u.includes('/api/');
  const busy = (key: unknown, on: boolean) => {
    if (on) open.add(key);
    else open.delete(key);
    lastActivity = Date.now();
  };
  // Any request counts (a page's code arrives as its own chunk before it asks the API).
  page.on('request', (r) => busy(r, true));
  page.on('requestfinished', (r) => busy(r, false));
  page.on('requestfailed', (r) => busy(r, false));
  const settled = async () => {
    const until = Date.now() + 8000;
    while (Date.now() < until && (open.size > 0 || Date.now() - lastActivity < 200))
      await new Promise((r) => setTimeout(r, 50));
  };
  // Bodies are read once a request has finished, before the next page.
  page.on('requestfinished', (request) => {
    if (!isApi(request.url())) return;
    pending.push(
      (async () => {
        const response = await request.response();
        const text = (await response?.text()) ?? '';
        seen.push({ where: `page response ${request.method()} ${request.url()}`, text });
      })().catch((error: unknown) =>
        seen.push({ where: `page unread ${request.url()}`, text: String(error) }),
      ),
    );
  });
  // The socket is busy from its opening until Socket.IO's connect answer ("40"), and while a
  // request sent on it ("42<id>") waits for its acknowledgement ("43<id>"): chat history comes
  // that way, and a loaded machine can take longer than the quiet moment to answer.
  const ackId = (frame: string, kind: '42' | '43') =>
    new RegExp(`^${kind}(?:/[^,]*,)?(\\d+)\\[`).exec(frame)?.[1];
  page.on('websocket', (ws) => {
    const connecting = {};
    busy(connecting, true);
    ws.on('framesent', ({ payload }) => {
      const id = ackId(String(payload), '42');
      if (id) busy(`${ws.url()} ${id}`, true);
    });
    ws.on('framereceived', ({ payload }) => {
      const text = String(payload);
      seen.push({ where: `page frame ${ws.url()}`, text });
      if (text.startsWith('40')) busy(connecting, false);
      const id = ackId(text, '43');
      if (id) busy(`${ws.url()} ${id}`, false);
    });
    ws.on('close', () => busy(connecting, false));
  });
  try {
    for (const [i, path] of paths.entries()) {
      open.clear();
      // The app loads once; then each page the way a link opens it (the router, no reload):
      // hundreds of pages would otherwise each load and start the whole app again.
      if (i === 0) await page.goto(`${url}${path}`, { waitUntil: 'domcontentloaded' });
      else
        await page.evaluate((to) => {
          history.pushState(null, '', to);
          dispatchEvent(new PopStateEvent('popstate'));
        }, path);
      await settled();
      await Promise.all(pending.splice(0));
      seen.push({ where: `page ${path}`, text: await page.locator('body').innerText() });
    }
    await Promise.all(pending);
  } finally {
    await context.close();
  }
  return seen;
}
