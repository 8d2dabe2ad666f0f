// The report as a CSV a funder's spreadsheet opens: UTF-8 with a BOM, comma-separated, every cell
// quoted, one row per figure (section, figure, breakdown, value) under translated headers. It
// leaves the coordinator's screen, so small cells are suppressed (releasedValue) and any cell a
// spreadsheet would take for a formula is defused.
import type { TFunction } from 'i18next';
import { DateTime } from 'luxon';
import { ZONE } from '../groups/schedule.ts';
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

function keyName(row: ReportRow, t: TFunction, lang: string): string {
  if (!row.key) return '';
  const by = row.figure.split('.')[0];
  if (by === 'language') {
    try {
      return new Intl.DisplayNames([lang], { type: 'language' }).of(row.key) ?? row.key;
    } catch {
      return row.key;
    }
  }
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
  return `\uFEFF${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
