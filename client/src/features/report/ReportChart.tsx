import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isSuppressed, type ReportMonth } from '../../../../server/protocol/report.ts';
import { useFormat } from '../../lib/format.ts';
import { dateTimeFormat } from '../../lib/intl.ts';
import { ReportValue } from './ReportValue.tsx';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { top: 16, bottom: 28, start: 36 };

/**
 * Sessions held and families reached per month, as paired bars. The picture has a title and a
 * summary for screen readers and the same numbers as a table; a family bar for 1–4 families is
 * not printed (its height would tell the number: report.css).
 */
export function ReportChart({ months }: { months: ReportMonth[] }) {
  const { t } = useTranslation('report');
  const format = useFormat();
  const id = useId();
  const monthName = (key: string) =>
    dateTimeFormat(format.language, { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(
      new Date(`${key}-15T12:00:00Z`),
    );
  const max = Math.max(1, ...months.flatMap((m) => [m.sessionsHeld, m.families]));
  const top = months.reduce<ReportMonth | null>(
    (best, m) => (m.sessionsHeld > (best?.sessionsHeld ?? 0) ? m : best),
    null,
  );
  const slot = (WIDTH - PAD.start) / Math.max(1, months.length);
  const plot = HEIGHT - PAD.top - PAD.bottom;
  const bar = (value: number) => (value / max) * plot;
  // At most six names under the bars: twelve do not fit once the picture is scaled to a page.
  const labelEvery = Math.ceil(months.length / 6);

  return (
    <figure className="reach-chart report-chart">
      {/* Time runs left to right in every language: the SVG keeps direction: ltr. */}
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{t('chart.title')}</title>
        <desc id={`${id}-desc`}>
          {top
            ? t('chart.summary', {
                months: t('chart.monthCount', { count: months.length }),
                sessions: top.sessionsHeld,
                month: monthName(top.key),
              })
            : t('chart.empty')}
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
        {months.map((month, i) => {
          const x = PAD.start + i * slot;
          const w = Math.max(1, slot * 0.35);
          return (
            <g key={month.key}>
              <rect
                x={x + slot * 0.1}
                y={HEIGHT - PAD.bottom - bar(month.sessionsHeld)}
                width={w}
                height={bar(month.sessionsHeld)}
                className="bar"
              />
              <rect
                x={x + slot * 0.1 + w}
                y={HEIGHT - PAD.bottom - bar(month.families)}
                width={w}
                height={bar(month.families)}
                className={
                  isSuppressed(month.families, 'people')
                    ? 'bar families small-cell'
                    : 'bar families'
                }
              />
              {i % labelEvery === 0 ? (
                <text x={x + slot / 2} y={HEIGHT - 8} textAnchor="middle" className="chart-label">
                  {monthName(month.key)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <span className="legend sessions">{t('chart.sessions')}</span>{' '}
        <span className="legend families">{t('chart.families')}</span>
      </figcaption>
      <details>
        <summary>{t('chart.asTable')}</summary>
        <div className="table-scroll" role="region" aria-label={t('chart.title')} tabIndex={0}>
          <table className="figures">
            <caption>{t('chart.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('col.month')}</th>
                <th scope="col">{t('chart.sessions')}</th>
                <th scope="col">{t('chart.families')}</th>
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.key}>
                  <th scope="row">{monthName(m.key)}</th>
                  <td>
                    <ReportValue value={m.sessionsHeld} unit="count" />
                  </td>
                  <td>
                    <ReportValue value={m.families} unit="people" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
