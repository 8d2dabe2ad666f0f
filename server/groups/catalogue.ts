// The families' catalogue: public groups that take families, filtered and searched. Every
// filter maps to an indexed field; free text searches a prepared lower-case field.
import type { z } from 'zod';
import { op } from '../db/operators.ts';
import type { CataloguePage, groupSchemas } from '../protocol/groups.ts';
import { Group } from './group.model.ts';
import { toCard, upcomingByGroup } from './views.ts';

const PAGE_SIZE = 20;
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

export async function catalogue(
  query: z.output<typeof groupSchemas.catalogue>,
  now: Date,
): Promise<CataloguePage> {
  const filter: Record<string, unknown> = {
    visibility: 'public',
    status: query.freePlaces ? 'open' : op({ $in: ['open', 'full', 'running'] }),
  };
  if (query.lang) filter.sessionLanguages = query.lang;
  if (query.topic) filter.topics = query.topic;
  if (query.region)
    filter.region =
      query.region === 'online-finland'
        ? 'online-finland'
        : op({ $in: [query.region, 'online-finland'] });
  if (query.weekday) filter['schedule.weekday'] = query.weekday;
  if (query.timeOfDay) filter.timeOfDay = query.timeOfDay;
  if (query.q) filter.searchText = new RegExp(escapeRegex(query.q.toLocaleLowerCase()));
  const offset = Number(query.cursor ?? 0);
  const [groups, total] = await Promise.all([
    Group.find(filter).sort({ _id: 1 }).skip(offset).limit(PAGE_SIZE).lean(),
    Group.countDocuments(filter),
  ]);
  const upcoming = await upcomingByGroup(groups, now);
  return {
    groups: groups.map((g) => toCard(g, upcoming.get(String(g._id)) ?? [])),
    nextCursor: offset + groups.length < total ? String(offset + groups.length) : null,
    total,
  };
}
