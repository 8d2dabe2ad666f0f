import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { supervisionSchemas, type PauseInfo } from '../../../../server/protocol/supervision.ts';
import { del, put } from '../../lib/api.ts';
import { helsinkiDate, useFormat } from '../../lib/format.ts';
import { errorsFrom, validate } from '../../lib/forms/errors.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { TextAreaField, TextField } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { useResource } from '../../lib/useResource.ts';

/** On a facilitator's profile: take a break from facilitating, and come back. */
export function PauseSection() {
  const { t } = useTranslation('supervision');
  const loaded = useResource<PauseInfo>('/me/pause');
  const [changed, setChanged] = useState<PauseInfo | null>(null);
  const pause = changed ?? loaded.data;

  return (
    <section className="section" aria-labelledby="pause-heading" data-testid="pause-section">
      <h2 id="pause-heading">{t('pause.title')}</h2>
      {loaded.error ? (
        <p className="error-summary" role="alert">
          {loaded.error.message}
        </p>
      ) : !pause ? (
        <p role="status">{t('common:loading')}</p>
      ) : pause.paused ? (
        <Paused pause={pause} onChange={setChanged} />
      ) : (
        <PauseForm onChange={setChanged} />
      )}
    </section>
  );
}

function Paused({ pause, onChange }: { pause: PauseInfo; onChange: (p: PauseInfo) => void }) {
  const { t } = useTranslation('supervision');
  const format = useFormat();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const back = async () => {
    setBusy(true);
    try {
      onChange(await del<PauseInfo>('/me/pause'));
    } catch (e) {
      setError(errorsFrom(e, t).message);
      setBusy(false);
    }
  };
  return (
    <>
      <div className="notice">
        <p>
          {pause.since ? t('pause.pausedSince', { date: format.date(pause.since) }) : null}{' '}
          {pause.until ? t('pause.until', { date: format.localDate(pause.until) }) : null}
        </p>
        {pause.note ? (
          <p className="message-text" dir="auto">
            {pause.note}
          </p>
        ) : null}
      </div>
      {error ? (
        <p className="error-summary" role="alert">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void back()}>
          {t('pause.back')}
        </button>
      </div>
    </>
  );
}

function PauseForm({ onChange }: { onChange: (p: PauseInfo) => void }) {
  const { t } = useTranslation('supervision');
  const [until, setUntil] = useState('');
  const [note, setNote] = useState('');
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const today = helsinkiDate(new Date());

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const input = { until: until || null, note };
    void submit(validate(supervisionSchemas.pause, input, t), async (data) => {
      onChange(await put<PauseInfo>('/me/pause', data));
    });
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <p>{t('pause.intro')}</p>
      <ErrorSummary
        errors={errors}
        fieldId={fieldId}
        labels={{ until: t('pause.untilLabel'), note: t('pause.note') }}
      />
      <TextField
        id={fieldId('until')}
        type="date"
        label={t('pause.untilLabel')}
        hint={t('pause.untilHint')}
        error={errors.fields.until}
        min={today}
        value={until}
        onChange={(event) => setUntil(event.target.value)}
      />
      <TextAreaField
        id={fieldId('note')}
        label={t('pause.note')}
        hint={t('pause.noteHint')}
        error={errors.fields.note}
        rows={2}
        maxLength={500}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <SubmitButton busy={busy} label={t('pause.submit')} />
    </form>
  );
}
