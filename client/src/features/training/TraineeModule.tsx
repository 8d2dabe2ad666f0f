import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReflectionInfo, TraineeProgress } from '../../../../server/protocol/training.ts';
import { post } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { ReflectionReview } from './ReflectionReview.tsx';
import { Localized, StatusBadge } from './trainingText.tsx';

type Module = TraineeProgress['modules'][number];

/** One module of a trainee as their trainer sees it: status, quiz attempts, reflection. */
export function TraineeModule({
  personId,
  module: m,
  reflection,
  supervises,
  onProgress,
  onReviewed,
}: {
  personId: string;
  module: Module;
  /** The reflection's review record, when one waits (or was just answered). */
  reflection: ReflectionInfo | undefined;
  supervises: boolean;
  onProgress: (progress: TraineeProgress) => void;
  onReviewed: (reflection: ReflectionInfo) => void;
}) {
  const { t } = useTranslation('training');
  const format = useFormat();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const quiz = m.quiz;
  const shown = m.reflection;
  const status = reflection?.status ?? shown?.status;
  const feedback = reflection?.feedback ?? shown?.feedback;

  const grantAttempt = async () => {
    setBusy(true);
    setError(null);
    try {
      onProgress(
        await post<TraineeProgress>(
          `/training/trainees/${personId}/modules/${m.moduleId}/extra-attempt`,
        ),
      );
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h3>
        <span className="module-order-inline">{m.order}. </span>
        <Link to={`/training/modules/${m.moduleId}`}>
          <Localized texts={m.titles} />
        </Link>
      </h3>
      <p>
        <StatusBadge status={m.status} />
        <span className="tag">{m.required ? t('module.required') : t('module.optional')}</span>
      </p>
      <dl className="details">
        <dt>{t('trainee.read')}</dt>
        <dd>{m.read ? t('trainee.yes') : t('trainee.no')}</dd>
        {quiz ? (
          <>
            <dt>{t('quiz.title')}</dt>
            <dd>
              {t('trainee.attempts', {
                used: format.number(quiz.attemptsUsed),
                count: quiz.attemptsLeft,
              })}
              {quiz.bestScore !== null
                ? ` · ${t('trainee.bestScore', { score: format.percent(quiz.bestScore) })}`
                : ''}
              {quiz.passed ? ` · ${t('quiz.passed')}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      {supervises && quiz && !quiz.passed && quiz.attemptsLeft === 0 ? (
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => void grantAttempt()}>
            {t('trainee.extraAttempt')}
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {shown ? (
        <div className="reflection" id={reflection ? `reflection-${reflection.id}` : undefined}>
          <h4>{t('reflection.title')}</h4>
          <p>
            <strong>{t(`reflection.status.${status ?? shown.status}`)}</strong>{' '}
            <span className="meta">
              {t('reflection.submittedAt', { date: format.dateTime(shown.submittedAt) })}
            </span>
          </p>
          <p className="message-text" dir="auto">
            {reflection?.text ?? shown.text}
          </p>
          {feedback ? (
            <blockquote className="feedback">
              <p className="message-text" dir="auto">
                {feedback}
              </p>
            </blockquote>
          ) : null}
          {supervises && reflection?.status === 'submitted' ? (
            <ReflectionReview reflection={reflection} onReviewed={onReviewed} />
          ) : null}
        </div>
      ) : null}
    </>
  );
}
