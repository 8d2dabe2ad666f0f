// The requests people wait for, measured against a seeded organisation: each path is a function
// timed over several runs. A run that takes longer than the limit ends the path's runs (a path
// that scans a large collection would otherwise keep the bench busy for hours).
import { performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { summarise, type Measurement } from '../stats.ts';
import { ledgerChanged } from '../../server/reach/cache.ts';
import { api, ask, connect, REQUEST_LIMIT_MS } from './client.ts';
import type { Seeded } from './seed.ts';

const RUNS = 25;
/** A path slower than this per run is measured fewer times. */
const SLOW_MS = 5_000;

export interface PathContext {
  url: string;
  seeded: Seeded;
  sockets: { family: Socket; other: Socket; facilitator: Socket };
}

type Path = (ctx: PathContext, run: number) => Promise<unknown>;

const year = () => {
  const to = new Date();
  const from = new Date(to.getTime() - 365 * 86_400_000);
  return `from=${from.toISOString().slice(0, 10)}&to=${to.toISOString().slice(0, 10)}`;
};

/** A message from one family to the other, timed until the other's socket has it. */
const chatDelivery: Path = async ({ seeded, sockets }, run) => {
  const clientId = `growth-${Date.now()}-${run}`;
  const delivered = new Promise<void>((resolve) => {
    const listener = (message: { clientId: string }) => {
      if (message.clientId !== clientId) return;
      sockets.other.off('chat:message', listener);
      resolve();
    };
    sockets.other.on('chat:message', listener);
  });
  await ask(sockets.family, 'chat:send', {
    channelId: seeded.channelId,
    clientId,
    text: 'Kiitos, hyvin on mennyt!',
  });
  await delivered;
};

/** The family's private feed, fetched as a calendar app does (the URL made on the first run). */
const feedUrls = new Map<string, Promise<string>>(); // per server: each size has its own
const calendarFeed: Path = async ({ url, seeded }) => {
  const feedUrl =
    feedUrls.get(url) ??
    api(url, seeded.family, 'GET', '/me/calendar').then((r) => (r as { url: string }).url);
  feedUrls.set(url, feedUrl);
  // The server's public URL is not where the bench reaches it: the path is what counts.
  const feed = `${url}${new URL(await feedUrl).pathname}`;
  const res = await fetch(feed, { signal: AbortSignal.timeout(REQUEST_LIMIT_MS) });
  if (res.status !== 200) throw new Error(`calendar feed: ${res.status}`);
  return res.text();
};

export const PATHS: [name: string, path: Path][] = [
  ['chat send → delivery', chatDelivery],
  [
    'chat catch-up after a reconnect (50 messages)',
    ({ seeded, sockets }) =>
      ask(sockets.family, 'chat:sync', {
        channelId: seeded.channelId,
        afterSeq: seeded.lastSeq - 50,
        limit: 200,
      }),
  ],
  [
    'chat history (the newest 50)',
    ({ seeded, sockets }) =>
      ask(sockets.family, 'chat:history', { channelId: seeded.channelId, limit: 50 }),
  ],
  ['group page', ({ url, seeded }) => api(url, seeded.family, 'GET', `/groups/${seeded.groupId}`)],
  [
    'notifications (the bell, asked on every page change)',
    ({ url, seeded }) => api(url, seeded.family, 'GET', '/notifications'),
  ],
  ['calendar feed (a family subscribed)', calendarFeed],
  ['my groups (family)', ({ url, seeded }) => api(url, seeded.family, 'GET', '/groups/mine')],
  [
    'my groups (facilitator)',
    ({ url, seeded }) => api(url, seeded.facilitator, 'GET', '/groups/mine'),
  ],
  [
    'catalogue (language filter)',
    ({ url, seeded }) => api(url, seeded.family, 'GET', '/groups?lang=ar'),
  ],
  [
    'enrolment (join the waitlist, then leave)',
    async ({ url, seeded }, run) => {
      const newcomer = seeded.newcomers[run % seeded.newcomers.length]!;
      await api(url, newcomer, 'POST', `/groups/${seeded.groupId}/enrolments`, {
        acceptRules: 'bench',
      });
      await api(url, newcomer, 'DELETE', `/groups/${seeded.groupId}/enrolments/me`);
    },
  ],
  [
    'roster (facilitator)',
    ({ url, seeded }) =>
      api(url, seeded.facilitator, 'GET', `/groups/${seeded.groupId}/enrolments`),
  ],
  [
    'reports due (facilitator home)',
    ({ url, seeded }) => api(url, seeded.facilitator, 'GET', '/reports/due'),
  ],
  [
    'trainer dashboard',
    ({ url, seeded }) => api(url, seeded.trainer, 'GET', '/supervision/dashboard'),
  ],
  [
    'coordinator: all groups',
    ({ url, seeded }) => api(url, seeded.coordinator, 'GET', '/groups/all'),
  ],
  [
    'coordinator: volunteers without contact',
    ({ url, seeded }) => api(url, seeded.coordinator, 'GET', '/supervision/contact?weeks=4'),
  ],
  [
    'coordinator: people (newest first, the first page and the next)',
    async ({ url, seeded }) => {
      const first = (await api(url, seeded.coordinator, 'GET', '/people')) as { id: string }[];
      await api(url, seeded.coordinator, 'GET', `/people?before=${first.at(-1)?.id ?? ''}`);
    },
  ],
  [
    'coordinator: trainers (the whole role)',
    ({ url, seeded }) => api(url, seeded.coordinator, 'GET', '/people?role=trainer'),
  ],
  [
    'reach figures (a year)',
    ({ url, seeded }) => api(url, seeded.coordinator, 'GET', `/reach?${year()}`),
  ],
  [
    // What the coordinator waits for: the kept figures, marked as being counted again.
    'reach figures (a year, after a change: the page)',
    async ({ url, seeded }) => {
      await ledgerChanged(new Date().toISOString().slice(0, 10));
      return api(url, seeded.coordinator, 'GET', `/reach?${year()}`);
    },
  ],
  [
    'reach figures (a year, after a change: until counted again)',
    async (ctx) => {
      await ledgerChanged(new Date().toISOString().slice(0, 10));
      await reachCounted(ctx);
    },
  ],
  [
    'live session: entry check and join (server side)',
    async ({ url, seeded, sockets }) => {
      await api(url, seeded.family, 'GET', `/sessions/${seeded.liveSessionId}/entry`);
      await ask(sockets.family, 'live:join', { sessionId: seeded.liveSessionId });
      await ask(sockets.family, 'live:leave', {});
    },
  ],
];

/** Asks for a year's reach until it is no longer being counted again (the server counts it). */
async function reachCounted({ url, seeded }: PathContext): Promise<void> {
  for (;;) {
    const figures = (await api(url, seeded.coordinator, 'GET', `/reach?${year()}`)) as {
      updating: boolean;
    };
    if (!figures.updating) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Untimed work after each run: a count the run started in the background ends before the next. */
const SETTLE: Record<string, (ctx: PathContext) => Promise<void>> = {
  'reach figures (a year, after a change: the page)': reachCounted,
};

/** Untimed pauses before each run: a socket may join a live session once a second. */
const GAP_MS: Record<string, number> = {
  'live session: entry check and join (server side)': 1_100,
};

/** Measures every path at this size; names carry the size ("10×: group page"). */
export async function measurePaths(
  factor: number,
  url: string,
  seeded: Seeded,
  extra: [string, () => Promise<unknown>][],
): Promise<Measurement[]> {
  const sockets = {
    family: await connect(url, seeded.family),
    other: await connect(url, seeded.otherFamily),
    facilitator: await connect(url, seeded.facilitator),
  };
  await ask(sockets.other, 'chat:subscribe', { channelIds: [seeded.channelId] });
  const ctx: PathContext = { url, seeded, sockets };
  const results: Measurement[] = [];
  const all: [string, (run: number) => Promise<unknown>][] = [
    ...PATHS.map(([name, path]): [string, (run: number) => Promise<unknown>] => [
      name,
      (run) => path(ctx, run),
    ]),
    ...extra.map(([name, work]): [string, (run: number) => Promise<unknown>] => [
      name,
      () => work(),
    ]),
  ];
  try {
    for (const [name, work] of all) {
      const samples: number[] = [];
      let failure = '';
      for (let run = 0; run < RUNS; run += 1) {
        await new Promise((resolve) => setTimeout(resolve, GAP_MS[name] ?? 0));
        const started = performance.now();
        try {
          await work(run);
        } catch (error) {
          failure = (error as Error).message.slice(0, 160);
          break;
        }
        const took = performance.now() - started;
        samples.push(took);
        await SETTLE[name]?.(ctx);
        if (took > SLOW_MS && run >= 2) break;
      }
      const label = `${factor}×: ${name}`;
      const note = failure ? `stopped: ${failure}` : undefined;
      const measured: Measurement = samples.length
        ? summarise(label, samples, note)
        : { name: label, unit: 'ms', runs: 0, median: NaN, p90: NaN, min: NaN, note };
      console.log(
        `    ${label}: median ${measured.median.toFixed(1)} ms, p99 ${(measured.p99 ?? NaN).toFixed(1)} ms${note ? ` (${note})` : ''}`,
      );
      results.push(measured);
    }
  } finally {
    for (const socket of Object.values(sockets)) socket.close();
  }
  return results;
}
