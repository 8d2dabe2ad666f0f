// The report as a CSV a funder's spreadsheet opens: UTF-8 with a BOM, separated as spreadsheets in
// the reader's language expect (protocol/csv.ts), every cell quoted, one row per figure (section,
// figure, breakdown, value) under translated headers. It leaves the coordinator's screen, so small cells are suppressed (releasedValue) and any cell a
// spreadsheet would take for a formula is defused.
import type { TFunction } from 'i18next';
import { DateTime } from 'luxon';
import { ZONE } from '../groups/schedule.ts';
import { csvSeparator } from '../protocol/csv.ts';
import {
  releasedValue,
  reportRows,
  type ReportFigures,
  type ReportRow,
} from '../protocol/report.ts';

/** Quoted, inner quotes doubled; a leading = + - @ tab or CR gets an apostrophe (OWASP). */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Lines as a CSV file's text: a BOM (spreadsheets then read UTF-8), quoted cells, CRLF. */
export function csvDocument(lines: readonly (readonly string[])[], lang: string): string {
  const separator = csvSeparator(lang);
  return `\uFEFF${lines.map((line) => line.map(csvCell).join(separator)).join('\r\n')}\r\n`;
}

/** A language's name in the reader's language (Intl.DisplayNames), its code if unknown. */
export function languageNameIn(lang: string, code: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function keyName(row: ReportRow, t: TFunction, lang: string): string {
  if (!row.key) return '';
  const by = row.figure.split('.')[0];
  if (by === 'language') return languageNameIn(lang, row.key);
  if (by === 'region') return t(`groups:regions.${row.key}`);
  if (by === 'topic') return t(`groups:topics.${row.key}`);
  if (by === 'partnerKind') return t(`partners:kind.${row.key}`);
  return row.key;
}

export function reportCsv(figures: ReportFigures, t: TFunction, lang: string): string {
  const made = DateTime.fromISO(figures.madeAt, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm');
  const about = t('report:section.about');
  const lines: string[][] = [
    [
      t('report:csv.section'),
      t('report:csv.figure'),
      t('report:csv.breakdown'),
      t('report:csv.value'),
    ],
    [about, t('report:csv.organisation'), '', figures.organisationName],
    [about, t('report:csv.period'), '', `${figures.from} – ${figures.to}`],
    [about, t('report:csv.madeAt'), '', made],
    [about, t('report:csv.suppression'), '', t('report:suppressionNote')],
  ];
  for (const row of reportRows(figures))
    lines.push([
      t(`report:section.${row.section}`),
      t(`report:figure.${row.figure}`),
      keyName(row, t, lang),
      releasedValue(row.value, row.unit),
    ]);
  return csvDocument(lines, lang);
}
