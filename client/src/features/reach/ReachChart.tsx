import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReachRow } from '../../../../server/protocol/groups.ts';
import { isoWeekParts, weekLabel } from '../../../../server/protocol/reachNames.ts';
import { useFormat } from '../../lib/format.ts';
import { ReachTable } from './ReachTable.tsx';

/** ISO week ("2026-W05") of a UTC calendar date, as the server keys its weekly figures. */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day); // the Thursday of that week names its year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Every week of the period, with zero for a week without sessions held. */
export function weeksOf(from: string, to: string, rows: readonly ReachRow[]): ReachRow[] {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const weeks: ReachRow[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= end; at += 86_400_000) {
    const key = isoWeek(new Date(at));
    if (weeks.at(-1)?.key !== key)
      weeks.push(byKey.get(key) ?? { key, sessionsHeld: 0, attendances: 0, uniqueFamilies: 0 });
  }
  return weeks;
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 16, bottom: 28, start: 36 };

/**
 * Attendances per week as bars. The picture has a title and a summary for screen readers, and
 * the same numbers are a table just below.
 */
export function ReachChart({ from, to, rows }: { from: string; to: string; rows: ReachRow[] }) {
  const { t } = useTranslation('groups');
  const format = useFormat();
  const id = useId();
  const weeks = weeksOf(from, to, rows);
  const max = Math.max(1, ...weeks.map((w) => w.attendances));
  const top = weeks.reduce<ReachRow | null>(
    (best, w) => (w.attendances > (best?.attendances ?? 0) ? w : best),
    null,
  );
  const slot = (WIDTH - PAD.start) / Math.max(1, weeks.length);
  const plot = HEIGHT - PAD.top - PAD.bottom;
  const labelEvery = Math.ceil(weeks.length / 8);

  return (
    <figure className="reach-chart">
      {/* Time runs left to right in every language: the SVG keeps direction: ltr (styles.css). */}
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{t('reach.chartTitle')}</title>
        <desc id={`${id}-desc`}>
          {top
            ? t('reach.chartSummary', {
                weeks: t('reach.weekCount', { count: weeks.length }),
                top: weekLabel(top.key, t, format.language),
                count: top.attendances,
              })
            : t('reach.chartEmpty')}
        </desc>
        <line
          x1={PAD.start}
          y1={HEIGHT - PAD.bottom}
          x2={WIDTH}
          y2={HEIGHT - PAD.bottom}
          className="axis"
        />
        <text x={PAD.start - 6} y={PAD.top + 4} textAnchor="end" className="chart-label">
          {format.number(max)}
        </text>
        <text x={PAD.start - 6} y={HEIGHT - PAD.bottom} textAnchor="end" className="chart-label">
          0
        </text>
        {weeks.map((week, i) => {
          const h = (week.attendances / max) * plot;
          const x = PAD.start + i * slot;
          return (
            <g key={week.key}>
              <rect
                x={x + slot * 0.15}
                y={HEIGHT - PAD.bottom - h}
                width={Math.max(1, slot * 0.7)}
                height={h}
                className="bar"
              />
              {i % labelEvery === 0 ? (
                <text x={x + slot / 2} y={HEIGHT - 8} textAnchor="middle" className="chart-label">
                  {format.number(isoWeekParts(week.key)?.week ?? 0)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>{t('reach.chartCaption')}</figcaption>
      <details>
        <summary>{t('reach.chartAsTable')}</summary>
        <ReachTable
          caption={t('reach.byWeek')}
          keyHeading={t('reach.week')}
          rows={weeks}
          name={(key) => weekLabel(key, t, format.language)}
        />
      </details>
    </figure>
  );
}
