import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReportDue } from '../../../../server/protocol/supervision.ts';
import { useFormat } from '../../lib/format.ts';
import { useResource } from '../../lib/useResource.ts';
import { LocalText } from '../groups/groupText.tsx';

/** A facilitator's sessions that took place and still wait for their report. */
export function ReportsDue() {
  const { t } = useTranslation('supervision');
  const format = useFormat();
  const due = useResource<ReportDue[]>('/reports/due');
  if (!due.data || due.data.length === 0) return null;
  return (
    <section className="section" aria-labelledby="reports-due-heading">
      <h2 id="reports-due-heading">{t('due.title')}</h2>
      <ul className="plain-list">
        {due.data.map((session) => (
          <li key={session.sessionId} className="card report-due" data-testid="report-due">
            <h3>
              <LocalText texts={session.groupTitle} />
            </h3>
            <p className="meta">
              <time dateTime={session.startsAt}>{format.sessionTime(session.startsAt)}</time>
            </p>
            <p>
              <Link className="button secondary" to={`/sessions/${session.sessionId}/report`}>
                {t('report.write')}
                <span className="visually-hidden">
                  {' '}
                  <LocalText texts={session.groupTitle} />
                </span>
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
