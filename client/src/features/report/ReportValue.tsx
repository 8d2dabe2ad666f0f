import { useTranslation } from 'react-i18next';
import { releasedValue, SUPPRESSED, type ReportUnit } from '../../../../server/protocol/report.ts';
import { useFormat } from '../../lib/format.ts';

/** Hours with one decimal in the UI language's style ("12,5 h"). */
export function useHours() {
  const { t } = useTranslation('report');
  const format = useFormat();
  return (minutes: number) => t('hours', { value: format.number(Math.round(minutes / 6) / 10) });
}

/**
 * One cell: the exact value on the coordinator's screen (marked † when it will be suppressed),
 * and what leaves the screen — the printout shows `.released` only (report.css), suppressed by
 * the same function as the CSV.
 */
export function ReportValue({ value, unit }: { value: number; unit: ReportUnit }) {
  const { t } = useTranslation('report');
  const format = useFormat();
  const hours = useHours();
  const shown = unit === 'hours' ? hours(value) : format.number(value);
  const released = releasedValue(value, unit) === SUPPRESSED ? SUPPRESSED : shown;
  return (
    <>
      <span className="exact">
        {shown}
        {released === SUPPRESSED ? (
          <abbr className="will-suppress" title={t('willBeSuppressed')}>
            {' '}
            †
          </abbr>
        ) : null}
      </span>
      <span className="released">{released}</span>
    </>
  );
}
