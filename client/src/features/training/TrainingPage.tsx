import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TraineeProgress } from '../../../../server/protocol/training.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { CertificationLine, Localized, RequiredProgress, StatusBadge } from './trainingText.tsx';
import './training.css';

/** /training: a facilitator's programme — the modules in order, where they are, certification. */
export function TrainingPage() {
  const { t } = useTranslation('training');
  usePageTitle(t('programme.title'));
  const progress = useResource<TraineeProgress>('/training/progress');
  const p = progress.data;
  const modules = [...(p?.modules ?? [])].sort((a, b) => a.order - b.order);

  return (
    <section className="page training">
      <h1>{t('programme.title')}</h1>
      <p>{t('programme.intro')}</p>
      {progress.error ? (
        <p className="error-summary" role="alert">
          {progress.error.message}
        </p>
      ) : null}
      {progress.loading && !p ? <p role="status">{t('common:loading')}</p> : null}
      {p ? (
        <>
          <div className="card training-summary">
            <RequiredProgress passed={p.requiredPassed} total={p.requiredTotal} />
            <p>
              <CertificationLine certification={p.certification} />
            </p>
            {p.readyForSignOff && !p.certification?.valid ? (
              <p className="notice">{t('programme.readyForSignOff')}</p>
            ) : null}
          </div>
          <h2>{t('programme.modules')}</h2>
          {modules.length === 0 ? <p>{t('programme.noModules')}</p> : null}
          <ol className="plain-list module-list">
            {modules.map((m) => (
              <li key={m.moduleId} className="card module-item">
                <span className="module-order" aria-hidden="true">
                  {m.order}
                </span>
                <div className="module-item-body">
                  <h3>
                    <Link to={`/training/modules/${m.moduleId}`}>
                      <Localized texts={m.titles} />
                    </Link>
                  </h3>
                  <p>
                    <StatusBadge status={m.status} />
                    <span className="tag">
                      {m.required ? t('module.required') : t('module.optional')}
                    </span>
                  </p>
                </div>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
