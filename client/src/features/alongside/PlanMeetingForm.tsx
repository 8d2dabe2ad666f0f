// Either of the pair plans their next video meeting (Helsinki time); planning again replaces a
// meeting not yet held.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { alongsideSchemas, type PairingInfo } from '../../../../server/protocol/alongside.ts';
import { post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { SelectField, TextField } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';

export function PlanMeetingForm({
  pairingId,
  onPlanned,
  onCancel,
}: {
  pairingId: string;
  onPlanned: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('alongside');
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [date, setDate] = useState('');
  const [time, setTime] = useState('17:00');
  const [minutes, setMinutes] = useState(45);
  const labels = {
    date: t('meeting.date'),
    time: t('meeting.time'),
    minutes: t('meeting.minutes'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(
      validate(alongsideSchemas.planMeeting, { date, time, minutes }, t),
      async (data) => {
        await post<PairingInfo>(`/alongside/pairings/${pairingId}/meeting`, data);
        onPlanned();
      },
    );
  };

  return (
    <form className="form compact" noValidate onSubmit={onSubmit} aria-label={t('meeting.plan')}>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      <div className="field-row">
        <TextField
          id={fieldId('date')}
          label={labels.date}
          type="date"
          error={errors.fields.date}
          value={date}
          onChange={(event) => setDate(event.target.value)}
          required
        />
        <TextField
          id={fieldId('time')}
          label={labels.time}
          hint={t('meeting.helsinkiTime')}
          type="time"
          error={errors.fields.time}
          value={time}
          onChange={(event) => setTime(event.target.value)}
          required
        />
        <SelectField
          id={fieldId('minutes')}
          label={labels.minutes}
          value={minutes}
          onChange={(event) => setMinutes(Number(event.target.value))}
        >
          {[30, 45, 60, 90].map((m) => (
            <option key={m} value={m}>
              {t('meeting.minutesValue', { count: m })}
            </option>
          ))}
        </SelectField>
      </div>
      <SubmitButton busy={busy} label={t('meeting.plan')}>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('meeting.cancel')}
        </button>
      </SubmitButton>
    </form>
  );
}
