// [privacy-1] The pages each role opens in a real browser, with the world's real ids (in reach and
// out of it), and a walk that keeps every API response body, every WebSocket frame the page
// received, and the text on screen.
import type { Browser, Page } from 'playwright-core';
import { signInCookie, type TestPerson } from '../support/people.ts';
import type { Seen, Viewer } from '../support/privacyWalk.ts';
import type { World } from '../support/privacyWorld.ts';

/** Pages that show families (in reach: group A; out of reach: group B, others' direct chats). */
export function pagesOf(world: World, viewer: Viewer): string[] {
  const [a, b] = [world.groupA.group.id, world.groupB.group.id];
  if (viewer === 'signed-out') return ['/', `/groups/${b}`];
  const signedIn = [
    '/',
    `/groups/${a}`,
    `/groups/${b}`,
    '/my-groups',
    '/notifications',
    '/messages',
    `/messages/group:${b}`,
    ...world.directChannels.slice(1).map((c) => `/messages/${c}`),
    `/sessions/${world.groupA.sessionId}`,
  ];
  switch (viewer) {
    case 'family':
      return [...signedIn, `/messages/group:${a}`, '/alongside', '/profile'];
    case 'facilitator':
      return [...signedIn, `/groups/${a}/manage`, `/groups/${b}/manage`];
    case 'trainer':
      return [...signedIn, '/supervision', `/groups/${b}/manage`];
    case 'coordinator':
      return [...signedIn, '/admin/people', '/admin/alongside', `/groups/${b}/manage`];
    case 'partner':
      return [...signedIn, '/referrals'];
    default:
      return [];
  }
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
  // Quiet when nothing has been open for a moment (the socket keeps networkidle away): an API
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
  page.on('request', (r) => isApi(r.url()) && busy(r, true));
  page.on('requestfinished', (r) => busy(r, false));
  page.on('requestfailed', (r) => busy(r, false));
  const settled = async () => {
    const until = Date.now() + 8000;
    while (Date.now() < until && (open.size > 0 || Date.now() - lastActivity < 200))
      await new Promise((r) => setTimeout(r, 50));
  };
  // Bodies are read once a request has finished, before the next page (a navigation drops them).
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
    for (const path of paths) {
      open.clear();
      await page.goto(`${url}${path}`, { waitUntil: 'domcontentloaded' });
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
