import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CERTIFICATION_MONTHS,
  programmeSchemas,
  type TraineeProgress,
} from '../../../../server/protocol/training.ts';
import { post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { TextAreaField, TextField } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { useFormat } from '../../lib/format.ts';
import { PersonName, isolate } from '../../lib/bidi.tsx';

/** Certification: what there is, and the supervising trainer's sign-off once all is passed. */
export function SignOffSection({
  progress,
  supervises,
  onProgress,
}: {
  progress: TraineeProgress;
  supervises: boolean;
  onProgress: (progress: TraineeProgress) => void;
}) {
  const { t } = useTranslation('training');
  const format = useFormat();
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [note, setNote] = useState('');
  const [months, setMonths] = useState(String(CERTIFICATION_MONTHS));
  const certification = progress.certification;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = { note, validMonths: months.trim() === '' ? undefined : Number(months) };
    void submit(validate(programmeSchemas.certify, body, t), async (data) => {
      onProgress(
        await post<TraineeProgress>(`/training/trainees/${progress.personId}/certify`, data),
      );
    });
  };

  return (
    <section className="section sign-off" aria-labelledby="sign-off-title">
      <h2 id="sign-off-title">{t('signOff.title')}</h2>
      {certification ? (
        <div className={`card certification ${certification.valid ? 'valid' : 'expired'}`}>
          <p>
            <strong>
              {certification.valid ? t('signOff.certified') : t('certification.expiredTitle')}
            </strong>
          </p>
          <dl className="details">
            <dt>{t('signOff.certifiedAt')}</dt>
            <dd>
              <time dateTime={certification.certifiedAt}>
                {format.date(certification.certifiedAt)}
              </time>
            </dd>
            <dt>{t('signOff.validUntil')}</dt>
            <dd>
              <time dateTime={certification.validUntil}>
                {format.date(certification.validUntil)}
              </time>
            </dd>
            <dt>{t('signOff.by')}</dt>
            <dd>
              <PersonName name={certification.signedOffByName} />
            </dd>
            {certification.note ? (
              <>
                <dt>{t('signOff.note')}</dt>
                <dd className="message-text" dir="auto">
                  {certification.note}
                </dd>
              </>
            ) : null}
          </dl>
        </div>
      ) : (
        <p>{t('certification.none')}</p>
      )}
      {supervises && !certification?.valid ? (
        <form className="form" noValidate onSubmit={onSubmit}>
          <p>{progress.readyForSignOff ? t('signOff.ready') : t('signOff.notReady')}</p>
          <ErrorSummary
            errors={errors}
            fieldId={fieldId}
            labels={{ note: t('signOff.note'), validMonths: t('signOff.validMonths') }}
          />
          <TextAreaField
            id={fieldId('note')}
            label={t('signOff.note')}
            hint={t('signOff.noteHint')}
            error={errors.fields.note}
            value={note}
            dir="auto"
            rows={3}
            maxLength={1000}
            onChange={(event) => setNote(event.target.value)}
          />
          <TextField
            id={fieldId('validMonths')}
            label={t('signOff.validMonths')}
            error={errors.fields.validMonths}
            type="number"
            inputMode="numeric"
            min={1}
            max={60}
            value={months}
            onChange={(event) => setMonths(event.target.value)}
          />
          <SubmitButton
            busy={busy || !progress.readyForSignOff}
            label={t('signOff.submit', { name: isolate(progress.displayName) })}
          />
        </form>
      ) : null}
    </section>
  );
}
