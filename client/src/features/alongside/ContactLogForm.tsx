// The volunteer logs a contact with the family: the date, how long, how — and a short note that
// only their supervising trainer reads.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { alongsideSchemas, CONTACT_KINDS } from '../../../../server/protocol/alongside.ts';
import { post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { SelectField, TextAreaField, TextField } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { helsinkiDate } from '../../lib/format.ts';

const helsinkiToday = () => helsinkiDate(new Date());

export function ContactLogForm({
  pairingId,
  onLogged,
}: {
  pairingId: string;
  onLogged: () => void;
}) {
  const { t } = useTranslation('alongside');
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [date, setDate] = useState(helsinkiToday);
  const [minutes, setMinutes] = useState('30');
  const [kind, setKind] = useState<(typeof CONTACT_KINDS)[number]>('call');
  const [note, setNote] = useState('');
  const labels = {
    date: t('log.date'),
    minutes: t('log.minutes'),
    kind: t('log.kind'),
    note: t('log.note'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = { date, minutes: Number(minutes), kind, ...(note.trim() ? { note } : {}) };
    void submit(validate(alongsideSchemas.logContact, body, t), async (data) => {
      await post(`/alongside/pairings/${pairingId}/contacts`, data);
      setNote('');
      onLogged();
    });
  };

  return (
    <form className="form compact" noValidate onSubmit={onSubmit} aria-label={t('log.title')}>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      <div className="field-row">
        <TextField
          id={fieldId('date')}
          label={labels.date}
          type="date"
          max={helsinkiToday()}
          error={errors.fields.date}
          value={date}
          onChange={(event) => setDate(event.target.value)}
          required
        />
        <TextField
          id={fieldId('minutes')}
          label={labels.minutes}
          type="number"
          inputMode="numeric"
          min={1}
          max={600}
          error={errors.fields.minutes}
          value={minutes}
          onChange={(event) => setMinutes(event.target.value)}
          required
        />
        <SelectField
          id={fieldId('kind')}
          label={labels.kind}
          value={kind}
          onChange={(event) => setKind(event.target.value as typeof kind)}
        >
          {CONTACT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`log.kinds.${k}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        id={fieldId('note')}
        label={labels.note}
        hint={t('log.noteHint')}
        error={errors.fields.note}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        maxLength={500}
        rows={2}
      />
      <SubmitButton busy={busy} label={t('log.submit')} />
    </form>
  );
}
