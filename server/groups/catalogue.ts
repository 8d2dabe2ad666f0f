// The families' catalogue: public groups that take families, filtered and searched.
// FerretDB v1 (SQLite) does not use indexes for these filters: with 3000 groups (30 000
// sessions) every query scanned them all, 1.2–3.4 s a page (`npm run bench`). So each server
// process keeps the listed groups in memory (a few MB for thousands): a group changed here is
// re-read at once and announced on the change feed (changeFeed.ts); changes another process
// announced are re-read within POLL_MS. Everything is read again only rarely, as a safety net.
import mongoose from 'mongoose';
import type { z } from 'zod';
import { op } from '../db/operators.ts';
import type { CataloguePage, groupSchemas } from '../protocol/groups.ts';
import { ChangeFeed } from './changeFeed.ts';
import { Group, type GroupDoc } from './group.model.ts';
import { toCard, upcomingByGroup } from './views.ts';

const PAGE_SIZE = 20;
/** How often the change feed is read: how soon another process's change shows. */
const POLL_MS = 2_000;
/** Every listed group read again (a change written without the feed, e.g. by hand). */
const RELOAD_MS = 10 * 60_000;
const LISTED = ['open', 'full', 'running'];

interface Searchable {
  title: { text?: string | null }[];
  description: { text?: string | null }[];
  topics: string[];
  sessionLanguages: string[];
}

export function searchTextOf(group: Searchable): string {
  return [
    ...group.title.map((t) => t.text),
    ...group.description.map((t) => t.text),
    ...group.topics,
    ...group.sessionLanguages,
  ]
    .join(' ')
    .toLocaleLowerCase();
}

let entries: GroupDoc[] = [];
/** The database the copy came from (tests run apps on several databases in one process). */
let loadedFrom = '';
let loadedAt = 0;
let polledAt = 0;
/** The change feed's number the copy is up to date with. */
let feedSeq = 0;
let loading: Promise<void> | undefined;
/** One feed per database (tests run apps on several databases in one process). */
const feeds = new Map<string, ChangeFeed>();
const feed = () => {
  const database = mongoose.connection.name;
  const known = feeds.get(database) ?? new ChangeFeed();
  feeds.set(database, known);
  return known;
};

/** Call after any change that can move a group in or out of a filter. */
export function invalidateCatalogue(): void {
  loadedAt = 0;
}

async function load(): Promise<void> {
  const startedAt = Date.now();
  const database = mongoose.connection.name;
  const seq = await feed().head(); // changes from now on are read from the feed again
  entries = await Group.find(
    { visibility: 'public', status: op({ $in: LISTED }) },
    { description: 0 },
  )
    .sort({ _id: 1 })
    .lean();
  loadedFrom = database;
  feedSeq = seq;
  if (startedAt > loadedAt) loadedAt = startedAt;
  polledAt = startedAt;
}

/** Re-reads groups in the copy (places, status, texts). */
async function reread(groupIds: string[]): Promise<void> {
  for (const groupId of groupIds) {
    const group = await Group.findById(groupId, { description: 0 }).lean();
    const others = entries.filter((e) => String(e._id) !== groupId);
    const listed = group && group.visibility === 'public' && LISTED.includes(group.status);
    entries = listed
      ? [...others, group].sort((a, b) => String(a._id).localeCompare(String(b._id)))
      : others;
  }
}

/** The groups other processes changed since the last look. */
async function poll(): Promise<void> {
  polledAt = Date.now();
  const changed = await feed().changedAfter(feedSeq);
  if (changed === 'behind') return invalidateCatalogue();
  await reread(changed.groupIds);
  feedSeq = Math.max(feedSeq, changed.last);
}

/** After a group changed in this process: announced to the others, and re-read here. */
export async function refreshCatalogueEntry(groupId: string): Promise<void> {
  await feed().announce(groupId);
  if (loadedAt === 0) return;
  await reread([groupId]);
}

async function current(): Promise<GroupDoc[]> {
  if (loadedFrom !== mongoose.connection.name) loadedAt = 0;
  const now = Date.now();
  if (now - loadedAt > RELOAD_MS) {
    loading ??= load().finally(() => (loading = undefined));
    // Only the very first request waits; later ones get the copy while it is renewed (a failed
    // renewal is retried by the next request).
    if (loadedAt === 0) await loading;
    else loading.catch(() => undefined);
  } else if (now - polledAt > POLL_MS && !loading) {
    loading = poll().finally(() => (loading = undefined));
    loading.catch(() => undefined);
  }
  return entries;
}

/** Reads the catalogue into memory at start, so the first family to search does not wait. */
export async function warmCatalogue(): Promise<void> {
  await current();
}

export async function catalogue(
  query: z.output<typeof groupSchemas.catalogue>,
  now: Date,
): Promise<CataloguePage> {
  const q = query.q?.toLocaleLowerCase();
  const matching = (await current()).filter(
    (g) =>
      (!query.freePlaces || g.status === 'open') &&
      (!query.lang || g.sessionLanguages.includes(query.lang)) &&
      (!query.topic || g.topics.includes(query.topic)) &&
      (!query.region || g.region === query.region || g.region === 'online-finland') &&
      (!query.weekday || g.schedule.weekday === query.weekday) &&
      (!query.timeOfDay || g.timeOfDay === query.timeOfDay) &&
      (!q || g.searchText.includes(q)),
  );
  const offset = Number(query.cursor ?? 0);
  const page = matching.slice(offset, offset + PAGE_SIZE);
  const upcoming = upcomingByGroup(page, now);
  return {
    groups: page.map((g) => toCard(g, upcoming.get(String(g._id)) ?? [])),
    nextCursor: offset + page.length < matching.length ? String(offset + page.length) : null,
    total: matching.length,
  };
}
