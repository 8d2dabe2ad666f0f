import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ModuleSummary } from '../../../../server/protocol/training.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { Localized, TrainingStaffNav } from './trainingText.tsx';
import './training.css';

/** /training/manage: every module of the programme, drafts too, for trainers and coordinators. */
export function ModulesAdminPage() {
  const { t } = useTranslation('training');
  usePageTitle(t('manage.title'));
  const modules = useResource<ModuleSummary[]>('/training/modules');
  const sorted = [...(modules.data ?? [])].sort((a, b) => a.order - b.order);
  return (
    <section className="page training">
      <TrainingStaffNav />
      <h1>{t('manage.title')}</h1>
      <p>{t('manage.intro')}</p>
      <p>
        <Link className="button" to="/training/manage/new">
          {t('manage.new')}
        </Link>
      </p>
      {modules.error ? (
        <p className="error-summary" role="alert">
          {modules.error.message}
        </p>
      ) : null}
      {modules.data?.length === 0 ? <p>{t('manage.none')}</p> : null}
      <ol className="plain-list module-list">
        {sorted.map((m) => (
          <li key={m.id} className="card module-item">
            <span className="module-order" aria-hidden="true">
              {m.order}
            </span>
            <div className="module-item-body">
              <h2>
                <Link to={`/training/manage/${m.id}`}>
                  <Localized texts={m.titles} />
                </Link>
              </h2>
              <p>
                <span className="tag">
                  {m.published ? t('module.published') : t('module.draft')}
                </span>
                <span className="tag">
                  {m.required ? t('module.required') : t('module.optional')}
                </span>
                {m.hasQuiz ? <span className="tag">{t('quiz.title')}</span> : null}
                {m.hasReflection ? <span className="tag">{t('reflection.title')}</span> : null}
              </p>
              <p>
                <Link to={`/training/modules/${m.id}`}>{t('manage.preview')}</Link>
              </p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
