import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  groupSchemas,
  type GroupDetail,
  type UpcomingSession,
} from '../../../../../server/protocol/groups.ts';
import { post } from '../../../lib/api.ts';
import { helsinkiDate, useFormat } from '../../../lib/format.ts';
import { ErrorSummary } from '../../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../../lib/forms/errors.ts';
import { SelectField, TextAreaField, TextField } from '../../../lib/forms/fields.tsx';
import { SubmitButton } from '../../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../../lib/forms/useFormSubmit.ts';

/**
 * Cancel one date, or move it to another date and time (Finnish time), with a reason the
 * families see. A session is named by its original date: for a scheduled or cancelled session
 * that is its own date; a moved one no longer shows it, so it is not offered again here.
 */
export function ScheduleChangeForm({
  group,
  sessions,
  onChanged,
}: {
  group: GroupDetail;
  sessions: readonly UpcomingSession[];
  onChanged: () => void;
}) {
  const { t } = useTranslation('groups');
  const format = useFormat();
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [date, setDate] = useState('');
  const [action, setAction] = useState<'cancel' | 'move'>('cancel');
  const [newDate, setNewDate] = useState('');
  const [newTime, setNewTime] = useState(group.schedule.startTime);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const now = Date.now();
  const choices = sessions.filter(
    (s) => s.status !== 'moved' && new Date(s.startsAt).getTime() > now,
  );
  const labels = {
    date: t('changes.session'),
    action: t('changes.action'),
    newDate: t('changes.newDate'),
    newTime: t('changes.newTime'),
    reason: t('changes.reason'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const body = {
      date,
      action,
      ...(action === 'move' ? { newDate, newTime } : {}),
      reason,
    };
    void submit(validate(groupSchemas.scheduleChange, body, t), async (data) => {
      await post(`/groups/${group.id}/schedule/changes`, data);
      setDone(action === 'move' ? t('changes.moved') : t('changes.cancelled'));
      setDate('');
      setReason('');
      onChanged();
    });
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <p>{t('changes.intro')}</p>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      <SelectField
        id={fieldId('date')}
        label={labels.date}
        error={errors.fields.date}
        value={date}
        onChange={(event) => setDate(event.target.value)}
        required
      >
        <option value="">{t('changes.chooseSession')}</option>
        {choices.map((s) => (
          <option key={s.id} value={helsinkiDate(s.startsAt)}>
            {format.sessionTime(s.startsAt)}
            {s.status === 'cancelled' ? ` (${t('sessions.cancelled')})` : ''}
          </option>
        ))}
      </SelectField>
      <SelectField
        id={fieldId('action')}
        label={labels.action}
        error={errors.fields.action}
        value={action}
        onChange={(event) => setAction(event.target.value === 'move' ? 'move' : 'cancel')}
      >
        <option value="cancel">{t('changes.cancel')}</option>
        <option value="move">{t('changes.move')}</option>
      </SelectField>
      {action === 'move' ? (
        <>
          <TextField
            id={fieldId('newDate')}
            label={labels.newDate}
            error={errors.fields.newDate}
            type="date"
            value={newDate}
            onChange={(event) => setNewDate(event.target.value)}
            required
          />
          <TextField
            id={fieldId('newTime')}
            label={labels.newTime}
            hint={t('sessions.finnishTime')}
            error={errors.fields.newTime}
            type="time"
            value={newTime}
            onChange={(event) => setNewTime(event.target.value)}
            required
          />
        </>
      ) : null}
      <TextAreaField
        id={fieldId('reason')}
        label={labels.reason}
        hint={t('changes.reasonHint')}
        error={errors.fields.reason}
        value={reason}
        maxLength={300}
        rows={3}
        onChange={(event) => setReason(event.target.value)}
        required
      />
      <SubmitButton busy={busy} label={t('changes.submit')}>
        <span role="status">{done}</span>
      </SubmitButton>
    </form>
  );
}
