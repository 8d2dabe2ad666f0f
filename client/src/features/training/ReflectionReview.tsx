import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { programmeSchemas, type ReflectionInfo } from '../../../../server/protocol/training.ts';
import { post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { TextAreaField } from '../../lib/forms/fields.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';

/** The trainer answers a reflection: accept it, or ask the trainee to revise; feedback either way. */
export function ReflectionReview({
  reflection,
  onReviewed,
}: {
  reflection: ReflectionInfo;
  onReviewed: (reflection: ReflectionInfo) => void;
}) {
  const { t } = useTranslation('training');
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [feedback, setFeedback] = useState('');

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Which of the two buttons sent the form (Enter in the field sends the first: accept).
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const accepted = submitter?.value !== 'revise';
    void submit(
      validate(programmeSchemas.reflectionReview, { accepted, feedback }, t),
      async (body) => {
        onReviewed(
          await post<ReflectionInfo>(`/training/reflections/${reflection.id}/review`, body),
        );
      },
    );
  };

  return (
    <form className="form reflection-review" noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={{ feedback: t('review.feedback') }} />
      <TextAreaField
        id={fieldId('feedback')}
        label={t('review.feedback')}
        hint={t('review.feedbackHint')}
        error={errors.fields.feedback}
        value={feedback}
        dir="auto"
        rows={5}
        maxLength={3000}
        onChange={(event) => setFeedback(event.target.value)}
        required
      />
      <div className="actions">
        <button type="submit" name="decision" value="accept" disabled={busy}>
          {t('review.accept')}
        </button>
        <button type="submit" name="decision" value="revise" className="secondary" disabled={busy}>
          {t('review.revise')}
        </button>
      </div>
    </form>
  );
}
