import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  PIPELINE_STATUSES,
  type ApplicationInfo,
  type PipelineStatus,
} from '../../../../server/protocol/training.ts';
import { useFormat } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { AdminNav } from '../admin/AdminNav.tsx';
import './recruitment.css';
import { PersonName } from '../../lib/bidi.tsx';

const isStatus = (value: string | null): value is PipelineStatus =>
  PIPELINE_STATUSES.includes(value as PipelineStatus);

/** /admin/recruitment — the coordinator's applications, by stage. */
export function RecruitmentPage() {
  const { t } = useTranslation('recruitment');
  const format = useFormat();
  usePageTitle(t('admin.title'));
  const [params, setParams] = useSearchParams();
  const wanted = params.get('status');
  const status = isStatus(wanted) ? wanted : null;
  const applications = useResource<ApplicationInfo[]>('/recruitment');
  const all = applications.data ?? [];
  const count = (s: PipelineStatus) => all.filter((a) => a.status === s).length;
  const shown = status ? all.filter((a) => a.status === status) : all;

  const choose = (next: PipelineStatus | null) =>
    setParams(next ? { status: next } : {}, { replace: true });

  return (
    <section className="page recruitment">
      <AdminNav />
      <h1>{t('admin.title')}</h1>
      <nav aria-label={t('admin.filter')} className="status-filter">
        <ul>
          <li>
            <button
              type="button"
              className="secondary"
              aria-pressed={status === null}
              onClick={() => choose(null)}
            >
              {t('admin.filterOption', {
                status: t('admin.all'),
                count: format.number(all.length),
              })}
            </button>
          </li>
          {PIPELINE_STATUSES.map((s) => (
            <li key={s}>
              <button
                type="button"
                className="secondary"
                aria-pressed={status === s}
                data-status={s}
                onClick={() => choose(s)}
              >
                {t('admin.filterOption', {
                  status: t(`statuses.${s}`),
                  count: format.number(count(s)),
                })}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {applications.error ? (
        <p role="alert" className="error-summary">
          {t('admin.loadFailed')}
        </p>
      ) : applications.loading && !applications.data ? (
        <p role="status">{t('interview.loading')}</p>
      ) : shown.length === 0 ? (
        <p>{t('admin.empty')}</p>
      ) : (
        <ul className="plain-list">
          {shown.map((a) => (
            <li key={a.id} className="card" data-testid="application">
              <h2>
                <Link to={`/admin/recruitment/${a.id}`}>
                  <PersonName name={a.name} />
                </Link>
              </h2>
              <p>
                <span className="tag">{t(`statuses.${a.status}`)}</span>{' '}
                <span className="meta">
                  {t(`groups:regions.${a.region}`)} ·{' '}
                  {format.list(a.languagesSpoken.map(format.languageName))}
                </span>
              </p>
              <p className="meta">
                {a.status === 'interviewBooked' && a.interviewAt
                  ? t('admin.interviewOn', { date: format.dateTime(a.interviewAt) })
                  : t('admin.appliedOn', { date: format.date(a.createdAt) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
