import { Trans, useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import type { ReportDraft } from '../../../../server/protocol/supervision.ts';
import { useFormat } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { LocalText } from '../groups/groupText.tsx';
import { ReportForm } from './ReportForm.tsx';
import './supervision.css';

/** /sessions/:sessionId/report — the facilitator files the session's report, once. */
export function ReportFormPage() {
  const { t } = useTranslation('supervision');
  usePageTitle(t('form.title'));
  const { sessionId = '' } = useParams();
  const format = useFormat();
  const navigate = useNavigate();
  const draft = useResource<ReportDraft>(`/sessions/${encodeURIComponent(sessionId)}/report/draft`);
  const d = draft.data?.sessionId === sessionId ? draft.data : undefined;

  // Already filed (by a co-facilitator, or earlier): the report itself is what to see.
  if (d?.existingReportId) return <Navigate to={`/reports/${d.existingReportId}`} replace />;
  return (
    <section className="page">
      {d ? (
        <>
          <p>
            <Link to={`/groups/${d.groupId}/manage`}>{t('report.backToGroup')}</Link>
          </p>
          <h1>
            <Trans
              t={t}
              i18nKey="form.titleOf"
              components={{ group: <LocalText texts={d.groupTitle} /> }}
            />
          </h1>
          <p className="lead">{format.sessionTime(d.startsAt)}</p>
          <p>{t('form.intro')}</p>
          <ReportForm
            draft={d}
            onFiled={(report) =>
              void navigate(`/reports/${report.id}`, { replace: true, state: { filed: true } })
            }
          />
        </>
      ) : (
        <>
          <h1>{t('form.title')}</h1>
          <p role={draft.error ? 'alert' : 'status'}>
            {draft.error ? draft.error.message : t('common:loading')}
          </p>
        </>
      )}
    </section>
  );
}
