import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { supervisionSchemas, type ReportInfo } from '../../../../server/protocol/supervision.ts';
import { post } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { validate } from '../../lib/forms/errors.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { TextAreaField } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';

/** The trainer's answers to a report, oldest first, and a new one when the viewer may give it. */
export function FeedbackThread({
  report,
  onChange,
}: {
  report: ReportInfo;
  onChange: (report: ReportInfo) => void;
}) {
  const { t } = useTranslation('supervision');
  const format = useFormat();
  return (
    <section className="section" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">{t('feedback.title')}</h2>
      {report.feedback.length === 0 ? (
        <p className="meta">{t('feedback.none')}</p>
      ) : (
        <ol className="plain-list">
          {report.feedback.map((f, index) => (
            <li key={`${f.at}-${index}`} className="card" data-testid="feedback">
              <p className="meta">
                <strong dir="auto">{f.byName}</strong> ·{' '}
                <time dateTime={f.at}>{format.dateTime(f.at)}</time>
              </p>
              <p className="message-text" dir="auto">
                {f.text}
              </p>
            </li>
          ))}
        </ol>
      )}
      {report.canGiveFeedback ? <FeedbackForm report={report} onChange={onChange} /> : null}
    </section>
  );
}

function FeedbackForm({
  report,
  onChange,
}: {
  report: ReportInfo;
  onChange: (report: ReportInfo) => void;
}) {
  const { t } = useTranslation('supervision');
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const { errors, fieldId, busy, submit } = useFormSubmit();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSent(false);
    void submit(validate(supervisionSchemas.feedback, { text }, t), async (data) => {
      onChange(await post<ReportInfo>(`/reports/${report.id}/feedback`, data));
      setText('');
      setSent(true);
    });
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={{ text: t('feedback.label') }} />
      <TextAreaField
        id={fieldId('text')}
        label={t('feedback.label')}
        hint={t('feedback.hint')}
        error={errors.fields.text}
        rows={4}
        maxLength={3000}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <SubmitButton busy={busy} label={t('feedback.send')}>
        <span role="status">{sent ? t('feedback.sent') : null}</span>
      </SubmitButton>
    </form>
  );
}
