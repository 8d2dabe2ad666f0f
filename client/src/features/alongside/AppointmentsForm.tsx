// Adding or changing one of the family's appointments: what, when (Finnish time), where, and a
// clear switch for whether their volunteer sees it — off unless the family turns it on.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { alongsideSchemas, type AppointmentInfo } from '../../../../server/protocol/alongside.ts';
import { patch, post } from '../../lib/api.ts';
import { helsinkiDate } from '../../lib/format.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { TextField } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { dateTimeFormat } from '../../lib/intl.ts';

/** The Helsinki wall-clock time of an instant, as HH:mm (what the time field holds). */
const helsinkiTime = (iso: string) =>
  dateTimeFormat('sv-SE', {
    timeZone: 'Europe/Helsinki',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));

export function AppointmentsForm({
  appointment,
  onSaved,
  onCancel,
}: {
  /** The one to change; a new one when absent. */
  appointment?: AppointmentInfo;
  onSaved: (saved: AppointmentInfo) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('appointments');
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [what, setWhat] = useState(appointment?.what ?? '');
  const [date, setDate] = useState(appointment ? helsinkiDate(appointment.startsAt) : '');
  const [time, setTime] = useState(appointment ? helsinkiTime(appointment.startsAt) : '');
  const [where, setWhere] = useState(appointment?.where ?? '');
  const [shared, setShared] = useState(appointment?.shared ?? false);

  const labels = {
    what: t('fields.what'),
    date: t('fields.date'),
    time: t('fields.time'),
    where: t('fields.where'),
    shared: t('fields.shared'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = { what, date, time, shared, ...(where.trim() ? { where } : { where: '' }) };
    void submit(validate(alongsideSchemas.appointment, body, t), async (data) => {
      const saved = appointment
        ? await patch<AppointmentInfo>(`/alongside/appointments/${appointment.id}`, data)
        : await post<AppointmentInfo>('/alongside/appointments', data);
      if (!appointment) {
        setWhat('');
        setDate('');
        setTime('');
        setWhere('');
        setShared(false);
      }
      onSaved(saved);
    });
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      <TextField
        id={fieldId('what')}
        label={labels.what}
        hint={t('fields.whatHint')}
        error={errors.fields.what}
        value={what}
        onChange={(event) => setWhat(event.target.value)}
        maxLength={200}
        autoComplete="off"
        required
      />
      <div className="appointment-when-fields">
        <TextField
          id={fieldId('date')}
          label={labels.date}
          error={errors.fields.date}
          type="date"
          value={date}
          onChange={(event) => setDate(event.target.value)}
          required
        />
        <TextField
          id={fieldId('time')}
          label={labels.time}
          hint={t('fields.timeHint')}
          error={errors.fields.time}
          type="time"
          value={time}
          onChange={(event) => setTime(event.target.value)}
          required
        />
      </div>
      <TextField
        id={fieldId('where')}
        label={labels.where}
        error={errors.fields.where}
        value={where}
        onChange={(event) => setWhere(event.target.value)}
        maxLength={200}
        autoComplete="off"
      />
      <div className="field">
        <label className="appointment-switch" htmlFor={fieldId('shared')}>
          <input
            id={fieldId('shared')}
            type="checkbox"
            role="switch"
            checked={shared}
            aria-describedby={`${fieldId('shared')}-hint`}
            onChange={(event) => setShared(event.target.checked)}
          />
          <span>{labels.shared}</span>
        </label>
        <p id={`${fieldId('shared')}-hint`} className="field-hint">
          {t('fields.sharedHint')}
        </p>
      </div>
      <SubmitButton busy={busy} label={appointment ? t('save') : t('add')}>
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('cancel')}
          </button>
        ) : null}
      </SubmitButton>
    </form>
  );
}
