// The families' catalogue: public groups that take families, filtered and searched.
// FerretDB v1 (SQLite) does not use indexes for these filters: with 3000 groups (30 000
// sessions) every query scanned them all, 1.2–3.4 s a page (`npm run bench`). So each server
// process keeps the listed groups in memory (a few MB for thousands): a group changed here is
// re-read at once, changes made by another process show within REFRESH_MS.
import mongoose from 'mongoose';
import type { z } from 'zod';
import { op } from '../db/operators.ts';
import type { CataloguePage, groupSchemas } from '../protocol/groups.ts';
import { Group, type GroupDoc } from './group.model.ts';
import { toCard, upcomingByGroup } from './views.ts';

const PAGE_SIZE = 20;
const REFRESH_MS = 15_000;
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
let loading: Promise<void> | undefined;

/** Call after any change that can move a group in or out of a filter. */
export function invalidateCatalogue(): void {
  loadedAt = 0;
}

async function load(): Promise<void> {
  const startedAt = Date.now();
  const database = mongoose.connection.name;
  entries = await Group.find(
    { visibility: 'public', status: op({ $in: LISTED }) },
    { description: 0 },
  )
    .sort({ _id: 1 })
    .lean();
  loadedFrom = database;
  if (startedAt > loadedAt) loadedAt = startedAt;
}

/** Re-reads one group after it changed in this process (places, status, texts). */
export async function refreshCatalogueEntry(groupId: string): Promise<void> {
  if (loadedAt === 0) return;
  const group = await Group.findById(groupId, { description: 0 }).lean();
  const others = entries.filter((e) => String(e._id) !== groupId);
  const listed = group && group.visibility === 'public' && LISTED.includes(group.status);
  entries = listed
    ? [...others, group].sort((a, b) => String(a._id).localeCompare(String(b._id)))
    : others;
}

async function current(): Promise<GroupDoc[]> {
  if (loadedFrom !== mongoose.connection.name) loadedAt = 0;
  if (Date.now() - loadedAt > REFRESH_MS) {
    loading ??= load().finally(() => (loading = undefined));
    // Only the very first request waits; later ones get the copy while it is renewed (a failed
    // renewal is retried by the next request).
    if (loadedAt === 0) await loading;
    else loading.catch(() => undefined);
  }
  return entries;
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
