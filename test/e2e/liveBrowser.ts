// Live sessions in real browsers: pages signed in as someone that join a session, and inbound
// WebRTC stats read from the page's own peer connections.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signInCookie, type TestPerson } from '../support/people.ts';

/**
 * Counts every RTCPeerConnection the page makes, so a test can read inbound WebRTC stats
 * the way chrome://webrtc-internals would. Installed before the app's scripts run.
 */
export function trackPeerConnections(): void {
  const Native = window.RTCPeerConnection;
  const connections: RTCPeerConnection[] = [];
  (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = connections;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      connections.push(this);
    }
  } as typeof RTCPeerConnection;
}

export interface InboundSample {
  /** framesDecoded per inbound video track id (only tracks that decoded anything). */
  video: Record<string, number>;
  audioBytes: number;
}

export async function inbound(page: Page): Promise<InboundSample> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    const sample = { video: {} as Record<string, number>, audioBytes: 0 };
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((stat: Record<string, unknown>) => {
        if (stat.type !== 'inbound-rtp') return;
        if (stat.kind === 'video' && Number(stat.framesDecoded) > 0) {
          sample.video[String(stat.trackIdentifier ?? stat.id)] = Number(stat.framesDecoded);
        }
        if (stat.kind === 'audio') sample.audioBytes += Number(stat.bytesReceived ?? 0);
      });
    }
    return sample;
  });
}

/**
 * Waits until `videos` inbound videos decode new frames between two samples and (optionally)
 * audio bytes keep arriving. Returns the elapsed milliseconds (a shorter interval between the
 * samples measures more finely: at 30 frames a second, 200 ms still sees several frames).
 */
export async function mediaFlowing(
  page: Page,
  {
    videos,
    audio = true,
    timeoutMs = 20_000,
    intervalMs = 700,
  }: { videos: number; audio?: boolean; timeoutMs?: number; intervalMs?: number },
): Promise<number> {
  const started = Date.now();
  let last = await inbound(page);
  for (;;) {
    await new Promise((r) => setTimeout(r, intervalMs));
    const now = await inbound(page);
    const rising = Object.entries(now.video).filter(
      ([id, frames]) => frames > (last.video[id] ?? 0),
    );
    const audioRising = now.audioBytes > last.audioBytes;
    if (rising.length >= videos && (!audio || audioRising)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `media not flowing: ${rising.length}/${videos} videos rising, audio ${audioRising} (${JSON.stringify(now)})`,
      );
    }
    last = now;
  }
}

export interface SessionPageOptions {
  observer?: boolean;
  lang?: string;
  width?: number;
  /** Runs on the new context before the page opens (e.g. to route its WebSocket). */
  prepare?: (context: BrowserContext) => Promise<void>;
}

/** A page signed in as this person, with the session page open (not joined yet). */
export async function sessionPage(
  browser: Browser,
  url: string,
  person: TestPerson,
  sessionId: string,
  { observer = false, lang = 'en', width = 1280, prepare }: SessionPageOptions = {},
): Promise<Page> {
  const cookie = await signInCookie(url, person);
  const context = await browser.newContext({
    locale: lang,
    viewport: { width, height: 800 },
  });
  await context.addCookies([{ name: cookie.name, value: cookie.value, url }]);
  await context.addInitScript(trackPeerConnections);
  await prepare?.(context);
  const page = await context.newPage();
  if (process.env.DEBUG_LIVE) {
    page.on('console', (m) => console.log(`[${person.displayName}] ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => console.log(`[${person.displayName}] pageerror: ${e.message}`));
  }
  await page.goto(`${url}/sessions/${sessionId}${observer ? '?mode=observer' : ''}`);
  return page;
}

/** Opens the session page and presses Join; resolves when in the room or the lobby. */
export async function joinSession(
  browser: Browser,
  url: string,
  person: TestPerson,
  sessionId: string,
  options: SessionPageOptions = {},
): Promise<Page> {
  const page = await sessionPage(browser, url, person, sessionId, options);
  await page.getByTestId('join-button').click();
  try {
    await page
      .locator('[data-testid="live-room"], [data-testid="lobby-waiting"]')
      .first()
      .waitFor();
  } catch (error) {
    const text = await page
      .locator('main')
      .innerText()
      .catch(() => '');
    if (process.env.DEBUG_LIVE) {
      const probe = await page.evaluate(() =>
        Promise.race([
          navigator.mediaDevices.getUserMedia({ audio: true, video: true }).then(() => 'gum ok'),
          new Promise((r) => setTimeout(() => r('gum hangs'), 3000)),
        ]),
      );
      console.log('probe', probe);
    }
    throw new Error(`${person.displayName} did not get in: ${text.slice(0, 400)}`, {
      cause: error,
    });
  }
  return page;
}

/**
 * On a 360 px phone in this language: joins and waits until in the room with the session live.
 * The page is added to `pages` before waiting, so the test's cleanup closes it either way.
 */
export async function enterOnPhone(
  browser: Browser,
  url: string,
  person: TestPerson,
  sessionId: string,
  lang: string,
  pages: Page[],
): Promise<Page> {
  const page = await joinSession(browser, url, person, sessionId, { lang, width: 360 });
  pages.push(page);
  await page.locator('[data-testid="live-room"][data-phase="live"]').waitFor();
  return page;
}
