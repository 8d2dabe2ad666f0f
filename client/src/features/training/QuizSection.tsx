import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type {
  ModuleProgress,
  ModuleView,
  QuizResult,
} from '../../../../server/protocol/training.ts';
import { post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { useFormat } from '../../lib/format.ts';
import { Localized } from './trainingText.tsx';

type Quiz = NonNullable<ModuleView['quiz']>;

/** The trainee's quiz: answer, see the score and which questions were wrong, retry if allowed. */
export function QuizSection({
  moduleId,
  quiz,
  progress,
  language,
  onProgress,
}: {
  moduleId: string;
  quiz: Quiz;
  progress: ModuleProgress['quiz'];
  language: string;
  onProgress: (progress: ModuleProgress) => void;
}) {
  const { t } = useTranslation('training');
  const { percent } = useFormat();
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<QuizResult | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const attemptsLeft = progress?.attemptsLeft ?? quiz.maxAttempts;

  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  const choose = (questionId: string, optionId: string, multiple: boolean, on: boolean) =>
    setAnswers((current) => {
      const chosen = current[questionId] ?? [];
      const next = multiple
        ? on
          ? [...chosen, optionId]
          : chosen.filter((id) => id !== optionId)
        : [optionId];
      return { ...current, [questionId]: next };
    });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const missing = quiz.questions.filter((q) => !answers[q.id]?.length);
    const checked =
      missing.length > 0
        ? {
            data: null,
            errors: {
              message: t('quiz.answerAll'),
              fields: Object.fromEntries(missing.map((q) => [q.id, t('quiz.answerRequired')])),
            },
          }
        : {
            data: {
              answers: quiz.questions.map((q) => ({
                questionId: q.id,
                optionIds: answers[q.id] ?? [],
              })),
            },
            errors: null,
          };
    void submit(checked, async (body) => {
      const answered = await post<QuizResult>(`/training/modules/${moduleId}/quiz`, body);
      setResult(answered);
      onProgress(answered.progress);
    });
  };

  const retry = () => {
    setResult(null);
    setAnswers({});
    // After the form is back on the page.
    setTimeout(() => form.current?.querySelector<HTMLInputElement>('input')?.focus(), 0);
  };

  const labels = Object.fromEntries(
    quiz.questions.map((q, i) => [q.id, t('quiz.question', { number: i + 1 })]),
  );

  return (
    <section className="section quiz">
      <h2>{t('quiz.title')}</h2>
      <p>
        {t('quiz.rules', {
          passMark: percent(quiz.passMark),
          count: quiz.maxAttempts,
        })}
      </p>
      {result ? (
        <div className={`quiz-result ${result.passed ? 'passed' : 'not-passed'}`}>
          <h3 ref={resultHeading} tabIndex={-1}>
            {result.passed ? t('quiz.passed') : t('quiz.notPassed')}
          </h3>
          <p>
            {t('quiz.score', { score: percent(result.score), passMark: percent(result.passMark) })}
          </p>
          <ol className="quiz-answers">
            {quiz.questions.map((q) => {
              const right = result.questions.find((r) => r.questionId === q.id)?.correct;
              return (
                <li key={q.id} className={right ? 'right' : 'wrong'}>
                  <Trans
                    t={t}
                    i18nKey={right ? 'quiz.answerRight' : 'quiz.answerWrong'}
                    components={{
                      prompt: <Localized texts={q.prompt} language={language} />,
                      b: <strong />,
                    }}
                  />
                </li>
              );
            })}
          </ol>
          {result.passed ? null : result.attemptsLeft > 0 ? (
            <>
              <p>{t('quiz.attemptsLeft', { count: result.attemptsLeft })}</p>
              <div className="actions">
                <button type="button" onClick={retry}>
                  {t('quiz.retry')}
                </button>
              </div>
            </>
          ) : (
            <p className="notice">{t('quiz.noAttemptsLeft')}</p>
          )}
        </div>
      ) : progress?.passed ? (
        <p className="done">
          {t('quiz.alreadyPassed', { score: percent(progress.bestScore ?? 100) })}
        </p>
      ) : attemptsLeft <= 0 ? (
        <p className="notice">{t('quiz.noAttemptsLeft')}</p>
      ) : (
        <form ref={form} className="form quiz-form" noValidate onSubmit={onSubmit}>
          <p>{t('quiz.attemptsLeft', { count: attemptsLeft })}</p>
          <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
          {quiz.questions.map((q, index) => {
            const id = fieldId(q.id);
            const error = errors.fields[q.id];
            const hintId = `${id}-hint`;
            return (
              <fieldset
                key={q.id}
                id={id}
                className="field quiz-question"
                aria-describedby={[hintId, error ? `${id}-error` : ''].join(' ').trim()}
              >
                <legend>
                  <span className="question-number">{index + 1}. </span>
                  <Localized texts={q.prompt} language={language} />
                </legend>
                <p id={hintId} className="field-hint">
                  {q.multiple ? t('quiz.chooseSeveral') : t('quiz.chooseOne')}
                </p>
                {error ? (
                  <p id={`${id}-error`} className="field-error">
                    {error}
                  </p>
                ) : null}
                {q.options.map((o) => {
                  const optionId = `${id}-${o.id}`;
                  return (
                    <div className="check" key={o.id}>
                      <input
                        id={optionId}
                        type={q.multiple ? 'checkbox' : 'radio'}
                        name={id}
                        value={o.id}
                        checked={answers[q.id]?.includes(o.id) ?? false}
                        onChange={(event) => choose(q.id, o.id, q.multiple, event.target.checked)}
                      />
                      <label htmlFor={optionId}>
                        <Localized texts={o.text} language={language} />
                      </label>
                    </div>
                  );
                })}
              </fieldset>
            );
          })}
          <SubmitButton busy={busy} label={t('quiz.submit')} />
        </form>
      )}
    </section>
  );
}

/** What staff see of a quiz: the questions and options, nothing to answer. */
export function QuizPreview({ quiz, language }: { quiz: Quiz; language: string }) {
  const { t } = useTranslation('training');
  const { percent } = useFormat();
  return (
    <section className="section quiz">
      <h2>{t('quiz.title')}</h2>
      <p>{t('quiz.rules', { passMark: percent(quiz.passMark), count: quiz.maxAttempts })}</p>
      <ol>
        {quiz.questions.map((q) => (
          <li key={q.id}>
            <Localized texts={q.prompt} language={language} />
            <ul>
              {q.options.map((o) => (
                <li key={o.id}>
                  <Localized texts={o.text} language={language} />
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
