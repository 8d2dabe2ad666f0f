import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ApplicationInfo } from '../../../../server/protocol/training.ts';
import { useFormat } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { AdminNav } from '../admin/AdminNav.tsx';
import { TransitionForm } from './TransitionForm.tsx';
import './recruitment.css';
import { PersonName, isolate } from '../../lib/bidi.tsx';

/** /admin/recruitment/:id — one application: what they wrote, its history and its next steps. */
export function ApplicationPage() {
  const { t } = useTranslation('recruitment');
  const { id = '' } = useParams();
  const resource = useResource<ApplicationInfo>(`/recruitment/${id}`);
  const application = resource.data;
  usePageTitle(application?.name ?? t('admin.title'));

  return (
    <section className="page recruitment">
      <AdminNav />
      <p>
        <Link to="/admin/recruitment">{t('detail.back')}</Link>
      </p>
      {resource.error ? (
        <p role="alert" className="error-summary">
          {resource.error.message}
        </p>
      ) : !application ? (
        <p role="status">{t('interview.loading')}</p>
      ) : (
        <ApplicationDetail application={application} onChanged={resource.reload} />
      )}
    </section>
  );
}

function ApplicationDetail({
  application: a,
  onChanged,
}: {
  application: ApplicationInfo;
  onChanged: () => void;
}) {
  const { t } = useTranslation('recruitment');
  const format = useFormat();
  const status = (s: string) => t(`statuses.${s}`);
  return (
    <>
      <h1>
        <PersonName name={a.name} />
      </h1>
      <dl className="details">
        <dt>{t('detail.status')}</dt>
        <dd data-testid="application-status">{status(a.status)}</dd>
        <dt>{t('detail.email')}</dt>
        <dd dir="ltr">
          <a href={`mailto:${a.email}`}>{a.email}</a>
        </dd>
        <dt>{t('detail.phone')}</dt>
        <dd dir={a.phone ? 'ltr' : undefined}>{a.phone ?? t('detail.notGiven')}</dd>
        <dt>{t('detail.languages')}</dt>
        <dd>{format.list(a.languagesSpoken.map(format.languageName))}</dd>
        <dt>{t('detail.region')}</dt>
        <dd>{t(`groups:regions.${a.region}`)}</dd>
        <dt>{t('detail.language')}</dt>
        <dd>{format.languageName(a.language)}</dd>
        <dt>{t('detail.appliedAt')}</dt>
        <dd>{format.dateTime(a.createdAt)}</dd>
      </dl>

      <section className="section" aria-labelledby="motivation-heading">
        <h2 id="motivation-heading">{t('detail.motivation')}</h2>
        <p className="motivation">{a.motivation}</p>
        <h3>{t('detail.availability')}</h3>
        <p className="motivation">{a.availability}</p>
      </section>

      {a.status === 'interviewBooked' && a.interviewAt ? (
        <section className="section" aria-labelledby="interview-heading">
          <h2 id="interview-heading">{t('detail.interview')}</h2>
          <p data-testid="interview-time">
            {t('detail.interviewAtLine', { when: format.sessionTime(a.interviewAt) })}
          </p>
          {a.interviewSessionId ? (
            <>
              <p>
                <Link
                  className="button"
                  to={`/sessions/${a.interviewSessionId}`}
                  data-testid="join-interview"
                >
                  {t('detail.join')}
                </Link>
              </p>
              <p className="field-hint">{t('detail.joinHint')}</p>
            </>
          ) : null}
        </section>
      ) : null}

      <section className="section" aria-labelledby="next-heading">
        <h2 id="next-heading">{t('detail.next')}</h2>
        {a.next.length > 0 ? (
          <TransitionForm application={a} onMoved={onChanged} />
        ) : (
          <p>{t('detail.final')}</p>
        )}
      </section>

      <section className="section" aria-labelledby="history-heading">
        <h2 id="history-heading">{t('detail.history')}</h2>
        <ol className="pipeline-history" data-testid="history">
          {a.history.map((step, i) => (
            <li key={i}>
              <strong>
                {step.from
                  ? t('detail.historyStep', { from: status(step.from), to: status(step.to) })
                  : t('detail.historyFirst')}
              </strong>
              <br />
              <span className="meta">
                {format.dateTime(step.at)} ·{' '}
                {step.byName
                  ? t('detail.by', { name: isolate(step.byName) })
                  : t('detail.byApplicant')}
              </span>
              {step.reasonCode ? (
                <>
                  <br />
                  {t(`detail.reasonCode.${step.reasonCode}`)}
                </>
              ) : step.reason ? (
                <>
                  <br />
                  {t('detail.reason', { reason: step.reason })}
                </>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
