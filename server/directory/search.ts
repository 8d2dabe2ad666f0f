// Searching the directory by region, language, need and words. The directory is small (hundreds
// of entries) and FerretDB answers only `_id` look-ups from an index, so one bounded read with
// the plain equality filters, the rest decided here.
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { Organisation } from '../people/organisation.model.ts';
import type { directorySchemas } from '../protocol/directory.ts';
import { DIRECTORY_PAGE_SIZE } from '../protocol/directory.ts';
import { DirectoryEntry, type EntryDoc } from './entry.model.ts';
import { isOutdated } from './views.ts';

type SearchQuery = z.output<typeof directorySchemas.search>;
/** More than the directory will hold for years; a bound all the same. */
const MAX_READ = 2000;
/** Services online or by phone serve every county. */
const NATIONWIDE = 'online-finland';

const fold = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();

export async function searchEntries(
  query: SearchQuery,
  page: number,
  now: Date,
  t: TFunction,
): Promise<{ entries: EntryDoc[]; total: number }> {
  const filter: Record<string, unknown> = {};
  if (query.need) filter.need = query.need;
  let entries = await DirectoryEntry.find(filter).sort({ name: 1 }).limit(MAX_READ).lean();
  if (query.region)
    entries = entries.filter((e) => e.region === query.region || e.region === NATIONWIDE);
  if (query.language) entries = entries.filter((e) => e.languages.includes(query.language ?? ''));
  if (query.q) {
    const words = fold(query.q).split(/\s+/).filter(Boolean);
    const orgs = await Organisation.find({ kind: 'partner' }, { name: 1 }).limit(MAX_READ).lean();
    const orgNames = new Map(orgs.map((o) => [String(o._id), o.name]));
    entries = entries.filter((e) => {
      // The need as the searcher calls it, in their UI language ("neuvola", "عيادة").
      const haystack = fold(
        [
          e.name,
          orgNames.get(String(e.organisationId)) ?? '',
          e.address,
          t(`directory:needs.${e.need}`),
          ...e.summary.map((s) => s.text ?? ''),
        ].join(' '),
      );
      return words.every((word) => haystack.includes(word));
    });
  }
  // The county's own services before nationwide ones; possibly outdated ones last.
  const rank = (e: EntryDoc) =>
    (isOutdated(e, now) ? 2 : 0) + (query.region && e.region !== query.region ? 1 : 0);
  entries.sort((a, b) => rank(a) - rank(b));
  const start = (page - 1) * DIRECTORY_PAGE_SIZE;
  return { entries: entries.slice(start, start + DIRECTORY_PAGE_SIZE), total: entries.length };
}
