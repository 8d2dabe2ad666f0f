import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReflectionInfo, TraineeProgress } from '../../../../server/protocol/training.ts';
import { useFormat } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import {
  CertificationLine,
  Localized,
  RequiredProgress,
  TrainingStaffNav,
} from './trainingText.tsx';
import './training.css';
import { PersonName, isolate } from '../../lib/bidi.tsx';

/** /training/trainees: a trainer's trainees (a coordinator's: all) and reflections to review. */
export function TraineesPage() {
  const { t } = useTranslation('training');
  usePageTitle(t('trainees.title'));
  const trainees = useResource<TraineeProgress[]>('/training/trainees');
  const sorted = [...(trainees.data ?? [])].sort((a, b) =>
    a.displayName.localeCompare(b.displayName),
  );
  return (
    <section className="page training">
      <TrainingStaffNav />
      <h1>{t('trainees.title')}</h1>
      <p>{t('trainees.intro')}</p>
      {trainees.error ? (
        <p className="error-summary" role="alert">
          {trainees.error.message}
        </p>
      ) : null}
      {trainees.loading && !trainees.data ? <p role="status">{t('common:loading')}</p> : null}
      {trainees.data?.length === 0 ? <p>{t('trainees.none')}</p> : null}
      <ul className="plain-list">
        {sorted.map((p) => (
          <li key={p.personId} className="card trainee-item">
            <h2>
              <Link to={`/training/trainees/${p.personId}`}>
                <PersonName name={p.displayName} />
              </Link>
            </h2>
            <RequiredProgress passed={p.requiredPassed} total={p.requiredTotal} />
            <p>
              <CertificationLine certification={p.certification} />
            </p>
            <p>
              {p.readyForSignOff && !p.certification?.valid ? (
                <span className="tag ready">{t('trainees.ready')}</span>
              ) : null}
              {p.paused ? <span className="tag">{t('trainees.paused')}</span> : null}
            </p>
          </li>
        ))}
      </ul>
      <WaitingReflections />
    </section>
  );
}

/** Reflections that wait for the trainer's answer, oldest first. */
function WaitingReflections() {
  const { t } = useTranslation('training');
  const format = useFormat();
  const reflections = useResource<ReflectionInfo[]>('/training/reflections');
  const waiting = (reflections.data ?? [])
    .filter((r) => r.status === 'submitted')
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  return (
    <section className="section">
      <h2>{t('reflections.title')}</h2>
      {reflections.error ? (
        <p className="error-summary" role="alert">
          {reflections.error.message}
        </p>
      ) : null}
      {reflections.data && waiting.length === 0 ? <p>{t('reflections.none')}</p> : null}
      <ul className="plain-list">
        {waiting.map((r) => (
          <li key={r.id} className="card">
            <p>
              <Link to={`/training/trainees/${r.traineeId}#reflection-${r.id}`}>
                {t('reflections.item', { name: isolate(r.traineeName) })}{' '}
                <Localized texts={r.moduleTitles} />
              </Link>
            </p>
            <p className="meta">
              {t('reflection.submittedAt', { date: format.dateTime(r.submittedAt) })}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
