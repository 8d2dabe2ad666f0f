import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { programmeSchemas, type ModuleProgress } from '../../../../server/protocol/training.ts';
import { put } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { TextAreaField } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { useFormat } from '../../lib/format.ts';

/** The trainee's reflection: written, reviewed by the trainer, rewritten when asked to revise. */
export function ReflectionSection({
  moduleId,
  reflection,
  onProgress,
}: {
  moduleId: string;
  reflection: ModuleProgress['reflection'];
  onProgress: (progress: ModuleProgress) => void;
}) {
  const { t } = useTranslation('training');
  const format = useFormat();
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [text, setText] = useState(reflection?.text ?? '');
  const editable = !reflection || reflection.status === 'revise';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(validate(programmeSchemas.reflection, { text }, t), async (body) => {
      onProgress(await put<ModuleProgress>(`/training/modules/${moduleId}/reflection`, body));
    });
  };

  return (
    <div className="reflection">
      {reflection ? (
        <div className={`card reflection-status status-${reflection.status}`}>
          <p>
            <strong>{t(`reflection.status.${reflection.status}`)}</strong>{' '}
            <span className="meta">
              {t('reflection.submittedAt', { date: format.dateTime(reflection.submittedAt) })}
            </span>
          </p>
          {reflection.feedback ? (
            <blockquote className="feedback">
              <p className="meta">
                {t('reflection.feedbackFrom', {
                  name: reflection.feedbackByName ?? t('reflection.trainer'),
                })}
              </p>
              <p className="message-text" dir="auto">
                {reflection.feedback}
              </p>
            </blockquote>
          ) : null}
          {editable ? null : (
            <>
              <h3>{t('reflection.yourAnswer')}</h3>
              <p className="message-text" dir="auto">
                {reflection.text}
              </p>
            </>
          )}
        </div>
      ) : null}
      {editable ? (
        <form className="form" noValidate onSubmit={onSubmit}>
          <ErrorSummary
            errors={errors}
            fieldId={fieldId}
            labels={{ text: t('reflection.answer') }}
          />
          <TextAreaField
            id={fieldId('text')}
            label={t('reflection.answer')}
            hint={t('reflection.hint')}
            error={errors.fields.text}
            value={text}
            dir="auto"
            rows={8}
            maxLength={5000}
            onChange={(event) => setText(event.target.value)}
            required
          />
          <SubmitButton
            busy={busy}
            label={reflection ? t('reflection.resubmit') : t('reflection.submit')}
          />
        </form>
      ) : null}
    </div>
  );
}
