// The catalogue's filters live in the URL query, so a filtered list can be shared as a link.
import { groupSchemas } from '../../../../server/protocol/groups.ts';

export const FILTER_KEYS = [
  'lang',
  'topic',
  'weekday',
  'timeOfDay',
  'region',
  'freePlaces',
  'q',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** Wide enough for the filters and the first results together: the filters start open there. */
export const WIDE_CATALOGUE = '(min-width: 48rem)';

/** The chosen filters behind the "Filters" disclosure (the free-text search is always shown). */
export function activeChoices(filters: Filters): number {
  return FILTER_KEYS.filter((key) => key !== 'q' && !!filters[key]).length;
}

/** The valid filters of a URL query: a mistyped or stale link still shows the catalogue. */
export function filtersFrom(params: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value && groupSchemas.catalogue.shape[key].safeParse(value).success) filters[key] = value;
  }
  return filters;
}

export function queryOf(filters: Filters, cursor?: string | null): string {
  const params = new URLSearchParams(
    Object.entries(filters).filter((entry): entry is [string, string] => !!entry[1]),
  );
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `?${query}` : '';
}
