import type { TFunction } from 'i18next';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReminderPreferences } from '../../../../server/protocol/groups.ts';
import { put } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { CheckboxField, CheckboxGroup } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { useResource } from '../../lib/useResource.ts';

/** Minutes before a session: a week, a day, 3 hours, an hour, 15 minutes. */
const OFFSETS = ['10080', '1440', '180', '60', '15'] as const;
const MAX_REMINDERS = 4; // the server's limit

export function RemindersSection() {
  const { t } = useTranslation('groups');
  const saved = useResource<ReminderPreferences>('/me/reminders');
  return (
    <section className="section" aria-labelledby="reminders-heading">
      <h2 id="reminders-heading">{t('reminders.title')}</h2>
      {saved.data ? (
        <RemindersForm saved={saved.data} />
      ) : (
        <p role="status">{saved.error ? saved.error.message : t('common:loading')}</p>
      )}
    </section>
  );
}

function RemindersForm({ saved }: { saved: ReminderPreferences }) {
  const { t } = useTranslation('groups');
  const { errors, setErrors, fieldId, busy, submit } = useFormSubmit();
  const [offsets, setOffsets] = useState(saved.offsetsMinutes.map(String));
  const [email, setEmail] = useState(saved.email);
  const [done, setDone] = useState(false);
  // An offset set elsewhere (not one of ours) stays a choice rather than vanishing.
  const choices = [...new Set([...OFFSETS, ...saved.offsetsMinutes.map(String)])]
    .sort((a, b) => Number(b) - Number(a))
    .map((value) => ({ value, label: offsetLabel(Number(value), t) }));
  const labels = { offsetsMinutes: t('reminders.when'), email: t('reminders.email') };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    if (offsets.length > MAX_REMINDERS) {
      setErrors({
        message: t('errors:invalid'),
        fields: { offsetsMinutes: t('reminders.tooMany', { count: MAX_REMINDERS }) },
      });
      return;
    }
    const body = { offsetsMinutes: offsets.map(Number), email };
    void submit({ data: body, errors: null }, async (data) => {
      const result = await put<ReminderPreferences>('/me/reminders', data);
      setOffsets(result.offsetsMinutes.map(String));
      setEmail(result.email);
      setDone(true);
    });
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      <CheckboxGroup
        id={fieldId('offsetsMinutes')}
        label={labels.offsetsMinutes}
        hint={t('reminders.hint', { count: MAX_REMINDERS })}
        error={errors.fields.offsetsMinutes}
        choices={choices}
        value={offsets}
        onChange={setOffsets}
      />
      <CheckboxField
        id={fieldId('email')}
        label={labels.email}
        hint={t('reminders.emailHint')}
        error={errors.fields.email}
        checked={email}
        onChange={(event) => setEmail(event.target.checked)}
      />
      <SubmitButton busy={busy} label={t('reminders.save')}>
        <span role="status">{done ? t('reminders.saved') : null}</span>
      </SubmitButton>
    </form>
  );
}

function offsetLabel(minutes: number, t: TFunction): string {
  if (minutes % 10080 === 0) return t('reminders.weeksBefore', { count: minutes / 10080 });
  if (minutes % 1440 === 0) return t('reminders.daysBefore', { count: minutes / 1440 });
  if (minutes % 60 === 0) return t('reminders.hoursBefore', { count: minutes / 60 });
  return t('reminders.minutesBefore', { count: minutes });
}
