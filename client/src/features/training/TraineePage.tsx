import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ReflectionInfo, TraineeProgress } from '../../../../server/protocol/training.ts';
import { get } from '../../lib/api.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { useSession } from '../account/session.tsx';
import { SignOffSection } from './SignOffSection.tsx';
import { TraineeModule } from './TraineeModule.tsx';
import { CertificationLine, RequiredProgress, TrainingStaffNav } from './trainingText.tsx';
import './training.css';
import { PersonName } from '../../lib/bidi.tsx';

/** /training/trainees/:personId: one trainee's modules, attempts, reflections and sign-off. */
export function TraineePage() {
  const { personId = '' } = useParams();
  const { t } = useTranslation('training');
  const trainee = useResource<TraineeProgress>(
    `/training/trainees/${encodeURIComponent(personId)}`,
  );
  const loaded = trainee.data?.personId === personId ? trainee.data : undefined;
  usePageTitle(loaded?.displayName ?? t('trainees.title'));
  return (
    <section className="page training">
      <TrainingStaffNav />
      <p>
        <Link to="/training/trainees">{t('trainees.back')}</Link>
      </p>
      {trainee.error ? (
        <p className="error-summary" role="alert">
          {trainee.error.message}
        </p>
      ) : null}
      {loaded ? (
        <Trainee key={loaded.personId} initial={loaded} />
      ) : trainee.error ? null : (
        <p role="status">{t('common:loading')}</p>
      )}
    </section>
  );
}

function Trainee({ initial }: { initial: TraineeProgress }) {
  const { t } = useTranslation('training');
  const { person } = useSession();
  const [progress, setProgress] = useState(initial);
  const reflections = useResource<ReflectionInfo[]>('/training/reflections');
  // Signing off and granting attempts: the supervising trainer only (the server checks too).
  const supervises = !!person?.roles.includes('trainer') && progress.supervisorId === person.id;
  const modules = [...progress.modules].sort((a, b) => a.order - b.order);
  const waiting = (reflections.data ?? []).filter((r) => r.traineeId === progress.personId);

  return (
    <>
      <h1>
        <PersonName name={progress.displayName} />
      </h1>
      <div className="card training-summary">
        <RequiredProgress passed={progress.requiredPassed} total={progress.requiredTotal} />
        <p>
          <CertificationLine certification={progress.certification} />
        </p>
        {progress.paused ? <p className="tag">{t('trainees.paused')}</p> : null}
      </div>
      <h2>{t('programme.modules')}</h2>
      <ol className="plain-list">
        {modules.map((m) => {
          const open = waiting.find((r) => r.moduleId === m.moduleId);
          return (
            <li key={m.moduleId} className="card trainee-module">
              <TraineeModule
                personId={progress.personId}
                module={m}
                reflection={open}
                supervises={supervises}
                onProgress={setProgress}
                onReviewed={() => {
                  // The module's status follows from the review: read both again.
                  reflections.reload();
                  void get<TraineeProgress>(`/training/trainees/${progress.personId}`).then(
                    setProgress,
                    () => undefined,
                  );
                }}
              />
            </li>
          );
        })}
      </ol>
      <SignOffSection progress={progress} supervises={supervises} onProgress={setProgress} />
    </>
  );
}
