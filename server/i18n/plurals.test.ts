// Counts read right in languages with many plural forms: each count picks its own form of the
// plural keys (never "1 minutes"), and the CSV of the reach figures is split and headed as the
// reader's spreadsheet expects.
import assert from 'node:assert/strict';
import type { ReachFigures } from '../protocol/groups.ts';
import { csvSeparator } from '../protocol/csv.ts';
import { reachCsv } from '../reach/csv.ts';
import { translator } from './index.ts';

const COUNTS = [0, 1, 2, 5, 11];

describe('[reach-fix] counts and CSVs in the reader’s language', () => {
  it('[reach-fix] plural keys pick each language’s form for 0, 1, 2, 5 and 11 (ar, ru, fi)', () => {
    const locked = (lang: 'ar' | 'ru' | 'fi') =>
      COUNTS.map((count) => translator(lang)('errors:auth.locked', { count }));
    assert.deepEqual(
      locked('fi').map((text) => /(\d+) (minuutin|minuuttia)/.exec(text)?.slice(1)),
      [
        ['0', 'minuuttia'],
        ['1', 'minuutin'],
        ['2', 'minuuttia'],
        ['5', 'minuuttia'],
        ['11', 'minuuttia'],
      ],
    );
    assert.deepEqual(
      locked('ru').map((text) => /на (\d+ минут[уы]?)\./.exec(text)?.[1]),
      ['0 минут', '1 минуту', '2 минуты', '5 минут', '11 минут'],
    );
    const ar = locked('ar');
    assert.match(ar[1]!, /دقيقة واحدة/);
    assert.match(ar[2]!, /دقيقتين/);
    assert.match(ar[3]!, /5 دقائق/);
    assert.match(ar[4]!, /11 دقيقة/);
    // Every plural key this fix made, in every form: no placeholder left unfilled.
    const keys = [
      'errors:auth.locked',
      'errors:groups.capacityBelowConfirmed',
      'training:trainee.attempts',
      'groups:reach.weekCount',
      'groups:reach.chartSummary',
      'groups:when.everyMonths',
      'supervision:volunteers.weeksSpan',
      'report:chart.monthCount',
      'alongside:care.intro',
      'recruitment:interview.when',
    ];
    for (const lang of ['ar', 'ru', 'fi'] as const)
      for (const key of keys)
        for (const count of COUNTS) {
          const text = translator(lang)(key, {
            count,
            used: 1,
            weeks: 'W',
            top: 'T',
            nth: 'N',
            day: 'D',
            when: 'X',
          });
          assert.ok(text !== key && !text.includes('{{'), `${lang} ${key} ${count}: ${text}`);
        }
    const span = COUNTS.map((count) =>
      translator('ru')('supervision:volunteers.weeksSpan', { count }),
    );
    assert.deepEqual(span, ['0 недель', '1 неделю', '2 недели', '5 недель', '11 недель']);
  });

  it('[reach-fix] the reach CSV has translated headers and the language’s separator', () => {
    assert.equal(csvSeparator('en'), ',');
    for (const lang of ['fi', 'sv', 'et', 'ru', 'uk', 'sq']) assert.equal(csvSeparator(lang), ';');
    for (const lang of ['ar', 'fa', 'zh-Hans', 'so']) assert.equal(csvSeparator(lang), ',');
    const figures: ReachFigures = {
      from: '2026-01-01',
      to: '2026-02-01',
      totals: { sessionsHeld: 2, attendances: 5, uniqueFamilies: 3 },
      byGroup: [
        { key: 'a', sessionsHeld: 1, attendances: 2, uniqueFamilies: 2 },
        { key: 'b', sessionsHeld: 1, attendances: 3, uniqueFamilies: 3 },
      ],
      groups: {
        a: {
          title: [{ lang: 'fi', text: 'Isät yhdessä' }],
          region: 'helsinki',
          startDate: '2026-01-05',
        },
        b: {
          title: [{ lang: 'fi', text: 'Isät yhdessä' }],
          region: 'pirkanmaa',
          startDate: '2026-01-07',
        },
      },
      byLanguage: [{ key: 'ar', sessionsHeld: 2, attendances: 5, uniqueFamilies: 3 }],
      byRegion: [],
      byTopic: [],
      byWeek: [{ key: '2026-W05', sessionsHeld: 2, attendances: 5, uniqueFamilies: 3 }],
      countedAt: '2026-02-01T10:00:00Z',
      updating: false,
    };
    const fi = reachCsv(figures, translator('fi'), 'fi');
    assert.ok(fi.startsWith('\uFEFF"Jaottelu";"Kohde";"'), fi.slice(0, 30));
    assert.match(fi, /"Ryhmä";"Isät yhdessä \(Helsinki, alkaen /, 'a shared title told apart');
    assert.match(fi, /"Kieli";"arabia";"2";"5";"3"/);
    assert.match(fi, /"Viikko";"Viikko 5\/2026"/);
    assert.doesNotMatch(fi, /"a"|"b"|2026-W05/, 'no ids or machine week keys');
    const en = reachCsv(figures, translator('en'), 'en');
    assert.ok(en.startsWith('\uFEFF"Breakdown","Item","Sessions held",'), en.slice(0, 40));
  });
});
