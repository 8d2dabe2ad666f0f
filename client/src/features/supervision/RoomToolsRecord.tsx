// In the report form and the filed report: what the room's tools recorded — the plan as it ran (minutes per item) and
// the check-in aggregates the facilitator kept (counts only, never who answered what).
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECK_IN_CHOICES } from '../../../../server/protocol/roomTools.ts';
import type { ReportDraft } from '../../../../server/protocol/supervision.ts';

export function RoomToolsRecord({
  record: draft,
}: {
  record: Pick<ReportDraft, 'planRun' | 'checkIns'>;
}) {
  const { t } = useTranslation('live');
  const id = useId();
  if (!draft.planRun.length && !draft.checkIns.length) return null;
  return (
    <section className="section" aria-labelledby={id} data-testid="plan-as-run">
      <h2 id={id}>{t('tools.report.heading')}</h2>
      {draft.planRun.length ? (
        <ol>
          {draft.planRun.map((item, i) => (
            <li key={i}>
              <span dir="auto">{item.title}</span>
              {': '}
              {t('tools.report.minutes', {
                count: item.actualMinutes,
                planned: item.plannedMinutes,
              })}
              {item.skipped ? ` (${t('tools.report.skipped')})` : null}
            </li>
          ))}
        </ol>
      ) : null}
      {draft.checkIns.map((c, i) => (
        <div key={i}>
          <p>
            <strong>{t(`tools.checkIn.${c.kind}.question`)}</strong>{' '}
            {t('tools.checkIn.answered', { count: c.total })}
          </p>
          <ul>
            {Array.from({ length: CHECK_IN_CHOICES[c.kind] }, (_, j) => (
              <li key={j}>
                {t(`tools.checkIn.${c.kind}.choice${j + 1}`)}:{' '}
                {t('tools.checkIn.count', { count: c.counts[j] ?? 0 })}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
