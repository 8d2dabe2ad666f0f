import { useTranslation } from 'react-i18next';
import type { LanguageCode } from '../../../../server/protocol/languages.ts';
import { CheckboxField, TextField } from '../../lib/forms/fields.tsx';
import { LanguageTexts } from './ContentFields.tsx';
import { freshId, newQuestion, type ModuleFormState, type QuestionState } from './moduleForm.ts';

const MAX_QUESTIONS = 30;
const MAX_OPTIONS = 8;

type QuizState = Pick<ModuleFormState, 'hasQuiz' | 'passMark' | 'maxAttempts' | 'questions'>;

/** The quiz: pass mark, attempts, and questions whose right options the editor ticks. */
export function QuizEditor({
  value,
  onChange,
  languages,
  fieldId,
  errors,
}: {
  value: QuizState;
  onChange: (change: Partial<QuizState>) => void;
  languages: readonly LanguageCode[];
  fieldId: (name: string) => string;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('training');
  const questions = value.questions;
  const setQuestion = (index: number, change: Partial<QuestionState>) =>
    onChange({ questions: questions.map((q, i) => (i === index ? { ...q, ...change } : q)) });

  return (
    <fieldset id={fieldId('quiz')} className="field quiz-editor">
      <legend>{t('quiz.title')}</legend>
      <CheckboxField
        id={fieldId('hasQuiz')}
        label={t('editor.hasQuiz')}
        hint={t('editor.hasQuizHint')}
        checked={value.hasQuiz}
        onChange={(event) => onChange({ hasQuiz: event.target.checked })}
      />
      {errors.quiz ? <p className="field-error">{errors.quiz}</p> : null}
      {value.hasQuiz ? (
        <>
          <div className="field-pair">
            <TextField
              id={fieldId('quiz.passMark')}
              label={t('editor.passMark')}
              hint={t('editor.passMarkHint')}
              error={errors['quiz.passMark']}
              type="number"
              inputMode="numeric"
              min={1}
              max={100}
              value={value.passMark}
              onChange={(event) => onChange({ passMark: event.target.value })}
              required
            />
            <TextField
              id={fieldId('quiz.maxAttempts')}
              label={t('editor.maxAttempts')}
              hint={t('editor.maxAttemptsHint')}
              error={errors['quiz.maxAttempts']}
              type="number"
              inputMode="numeric"
              min={1}
              max={10}
              value={value.maxAttempts}
              onChange={(event) => onChange({ maxAttempts: event.target.value })}
              required
            />
          </div>
          {errors['quiz.questions'] ? (
            <p className="field-error">{errors['quiz.questions']}</p>
          ) : null}
          <ol className="plain-list">
            {questions.map((q, index) => (
              <li key={q.id} className="card question-editor">
                <QuestionEditor
                  index={index}
                  question={q}
                  onChange={(change) => setQuestion(index, change)}
                  onRemove={
                    questions.length > 1
                      ? () => onChange({ questions: questions.filter((_, i) => i !== index) })
                      : undefined
                  }
                  languages={languages}
                  fieldId={fieldId}
                  errors={errors}
                />
              </li>
            ))}
          </ol>
          {questions.length < MAX_QUESTIONS ? (
            <button
              type="button"
              className="secondary"
              onClick={() =>
                onChange({ questions: [...questions, newQuestion(questions.map((q) => q.id))] })
              }
            >
              {t('editor.addQuestion')}
            </button>
          ) : null}
        </>
      ) : null}
    </fieldset>
  );
}

function QuestionEditor({
  index,
  question: q,
  onChange,
  onRemove,
  languages,
  fieldId,
  errors,
}: {
  index: number;
  question: QuestionState;
  onChange: (change: Partial<QuestionState>) => void;
  onRemove: (() => void) | undefined;
  languages: readonly LanguageCode[];
  fieldId: (name: string) => string;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('training');
  const base = `quiz.questions.${index}`;
  const number = index + 1;
  const questionLabel = t('quiz.question', { number });
  const correctError = errors[`${base}.correct`] ?? errors[`${base}.options`] ?? errors[base];

  return (
    <fieldset className="question-fieldset">
      <legend>{questionLabel}</legend>
      <LanguageTexts
        name={`${base}.prompt`}
        label={questionLabel}
        languages={languages}
        value={q.prompt}
        onChange={(prompt) => onChange({ prompt })}
        fieldId={fieldId}
        errors={errors}
      />
      <fieldset id={fieldId(`${base}.correct`)} className="options-editor">
        <legend>{t('editor.options')}</legend>
        <p className="field-hint">{t('editor.optionsHint')}</p>
        {correctError ? <p className="field-error">{correctError}</p> : null}
        {q.options.map((o, optionIndex) => {
          const optionLabel = t('editor.option', { question: number, number: optionIndex + 1 });
          const rightId = fieldId(`${base}.options.${optionIndex}.right`);
          return (
            <div key={o.id} className="option-editor">
              <LanguageTexts
                name={`${base}.options.${optionIndex}.text`}
                label={optionLabel}
                languages={languages}
                value={o.text}
                onChange={(text) =>
                  onChange({
                    options: q.options.map((x, i) => (i === optionIndex ? { ...x, text } : x)),
                  })
                }
                fieldId={fieldId}
                errors={errors}
              />
              <div className="check">
                <input
                  id={rightId}
                  type="checkbox"
                  checked={q.correct.includes(o.id)}
                  onChange={(event) =>
                    onChange({
                      correct: event.target.checked
                        ? [...q.correct, o.id]
                        : q.correct.filter((id) => id !== o.id),
                    })
                  }
                />
                <label htmlFor={rightId}>{t('editor.rightAnswer', { option: optionLabel })}</label>
              </div>
              {q.options.length > 2 ? (
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    onChange({
                      options: q.options.filter((x) => x.id !== o.id),
                      correct: q.correct.filter((id) => id !== o.id),
                    })
                  }
                >
                  {t('editor.removeOption', { option: optionLabel })}
                </button>
              ) : null}
            </div>
          );
        })}
        {q.options.length < MAX_OPTIONS ? (
          <button
            type="button"
            className="secondary"
            onClick={() =>
              onChange({
                options: [
                  ...q.options,
                  {
                    id: freshId(
                      'o',
                      q.options.map((o) => o.id),
                    ),
                    text: {},
                  },
                ],
              })
            }
          >
            {t('editor.addOption', { question: number })}
          </button>
        ) : null}
      </fieldset>
      {onRemove ? (
        <button type="button" className="secondary" onClick={onRemove}>
          {t('editor.removeQuestion', { question: questionLabel })}
        </button>
      ) : null}
    </fieldset>
  );
}
