// How the reach figures name their weeks and groups, the same on the page and in the CSV: a week
// as the language writes "week 5, 2026" (never the machine key "2026-W05"), a group by its title
// in the reader's language, told apart from another of the same title by region and start date.
import type { ReachGroupName } from './groups.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** "2026-W05" → { year: 2026, week: 5 }. */
export function isoWeekParts(key: string): { year: number; week: number } | null {
  const match = /^(\d{4})-W(\d{2})$/.exec(key);
  return match ? { year: Number(match[1]), week: Number(match[2]) } : null;
}

/** "Viikko 5/2026", "الأسبوع ٥ من ٢٠٢٦": the translated pattern, numbers by Intl. */
export function weekLabel(key: string, t: Translate, language: string): string {
  const parts = isoWeekParts(key);
  if (!parts) return key;
  const number = new Intl.NumberFormat(language, { useGrouping: false });
  return t('groups:reach.weekLabel', {
    week: number.format(parts.week),
    year: number.format(parts.year),
  });
}

/** A group's title in the language, else in Finnish, else its first. */
export function groupTitle(group: ReachGroupName, language: string): string {
  const pick = (lang: string) => group.title.find((title) => title.lang === lang)?.text;
  return pick(language) ?? pick('fi') ?? group.title[0]?.text ?? '';
}

/**
 * Labels of the groups by id. A title shared by two groups gets their region and first date
 * ("Isät yhdessä (Uusimaa, 12.1.2026)"); the database id is never shown.
 */
export function groupLabels(
  groups: Readonly<Record<string, ReachGroupName>>,
  language: string,
  t: Translate,
  words: { region: (code: string) => string; date: (yyyymmdd: string) => string },
): Record<string, string> {
  const titles = Object.entries(groups).map(([id, group]) => [id, groupTitle(group, language)]);
  const times = new Map<string, number>();
  for (const [, title] of titles) times.set(title!, (times.get(title!) ?? 0) + 1);
  return Object.fromEntries(
    titles.map(([id, title]) => {
      const group = groups[id!]!;
      if (times.get(title!)! < 2) return [id, title];
      return [
        id,
        t('groups:reach.groupTold', {
          title,
          region: words.region(group.region),
          start: words.date(group.startDate),
        }),
      ];
    }),
  );
}
