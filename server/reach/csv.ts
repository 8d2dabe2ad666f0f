// The reach figures as a CSV for a funder's spreadsheet, in the reader's language: translated
// headers, groups by title (never an id), languages, regions, topics and weeks by name, and the
// separator and BOM spreadsheets in that language expect (server/report/csv.ts).
import type { TFunction } from 'i18next';
import type { ReachFigures, ReachRow } from '../protocol/groups.ts';
import { dateLocale } from '../protocol/languages.ts';
import { groupLabels, weekLabel } from '../protocol/reachNames.ts';
import { csvDocument, languageNameIn } from '../report/csv.ts';

type Dimension = 'group' | 'language' | 'region' | 'topic' | 'week';

export function reachCsv(figures: ReachFigures, t: TFunction, lang: string): string {
  const dates = new Intl.DateTimeFormat(dateLocale(lang), { dateStyle: 'medium', timeZone: 'UTC' });
  const date = (yyyymmdd: string) => dates.format(new Date(`${yyyymmdd}T12:00:00Z`));
  const groups = groupLabels(figures.groups ?? {}, lang, t, {
    region: (code) => t(`groups:regions.${code}`),
    date,
  });
  const name: Record<Dimension, (key: string) => string> = {
    group: (id) => groups[id] ?? '',
    language: (code) => languageNameIn(lang, code),
    region: (code) => t(`groups:regions.${code}`),
    topic: (code) => t(`groups:topics.${code}`),
    week: (key) => weekLabel(key, t, lang),
  };
  const numbers = (row: Omit<ReachRow, 'key'>) =>
    [row.sessionsHeld, row.attendances, row.uniqueFamilies].map(String);
  const lines: string[][] = [
    [
      t('groups:reach.csvColumns.dimension'),
      t('groups:reach.csvColumns.key'),
      t('groups:reach.sessionsHeld'),
      t('groups:reach.attendances'),
      t('groups:reach.uniqueFamilies'),
    ],
    [
      t('groups:reach.csvDimensions.total'),
      `${date(figures.from)} – ${date(figures.to)}`,
      ...numbers(figures.totals),
    ],
  ];
  const sections: [Dimension, ReachRow[]][] = [
    ['group', figures.byGroup],
    ['language', figures.byLanguage],
    ['region', figures.byRegion],
    ['topic', figures.byTopic],
    ['week', figures.byWeek],
  ];
  for (const [dimension, rows] of sections)
    for (const row of rows)
      lines.push([
        t(`groups:reach.csvDimensions.${dimension}`),
        name[dimension](row.key),
        ...numbers(row),
      ]);
  return csvDocument(lines, lang);
}
