import { useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { ReportInfo } from '../../../../server/protocol/supervision.ts';
import { useFormat } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { hasAnyRole, useSession } from '../account/session.tsx';
import { LocalText } from '../groups/groupText.tsx';
import { FeedbackThread } from './FeedbackThread.tsx';
import { ReportView } from './ReportView.tsx';
import './supervision.css';

/** /reports/:id — a session's report with its feedback thread. */
export function ReportPage() {
  const { t } = useTranslation('supervision');
  usePageTitle(t('report.title'));
  const { id = '' } = useParams();
  const format = useFormat();
  const { person } = useSession();
  // Arriving from the form: say it was filed (and that the trainer was alerted).
  const filed = (useLocation().state as { filed?: boolean } | null)?.filed === true;
  const loaded = useResource<ReportInfo>(`/reports/${encodeURIComponent(id)}`);
  const [updated, setUpdated] = useState<ReportInfo | null>(null);
  const report = updated?.id === id ? updated : loaded.data?.id === id ? loaded.data : undefined;

  return (
    <section className="page">
      <p>
        {hasAnyRole(person, ['trainer']) ? (
          <Link to="/supervision">{t('alerts.back')}</Link>
        ) : report ? (
          <Link to={`/groups/${report.groupId}/manage`}>{t('report.backToGroup')}</Link>
        ) : null}
      </p>
      {report ? (
        <>
          <h1>
            <Trans
              t={t}
              i18nKey="report.headingOf"
              components={{ group: <LocalText texts={report.groupTitle} /> }}
            />
          </h1>
          <p className="lead">{format.sessionTime(report.sessionStartsAt)}</p>
          {filed ? (
            <p className="notice" role="status" data-testid="report-filed">
              {report.safeguarding ? t('form.filedAlerted') : t('form.filed')}
            </p>
          ) : null}
          <ReportView report={report} />
          <FeedbackThread report={report} onChange={setUpdated} />
        </>
      ) : (
        <>
          <h1>{t('report.title')}</h1>
          <p role={loaded.error ? 'alert' : 'status'}>
            {loaded.error ? loaded.error.message : t('common:loading')}
          </p>
        </>
      )}
    </section>
  );
}
