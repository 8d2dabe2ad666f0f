import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MOOD_SCALE,
  REPORT_THEMES,
  supervisionSchemas,
  type ReportDraft,
  type ReportInfo,
  type ReportInput,
  type ReportTheme,
} from '../../../../server/protocol/supervision.ts';
import { post } from '../../lib/api.ts';
import { validate } from '../../lib/forms/errors.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { CheckboxField, CheckboxGroup, TextAreaField } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { useSupervisionWords } from './supervisionWords.ts';
import { RoomToolsRecord } from './RoomToolsRecord.tsx';

/** The facilitator's short report after a session; attendance comes pre-filled from the video. */
export function ReportForm({
  draft,
  onFiled,
}: {
  draft: ReportDraft;
  onFiled: (report: ReportInfo) => void;
}) {
  const { t } = useTranslation('supervision');
  const words = useSupervisionWords();
  const [present, setPresent] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(draft.attendance.map((a) => [a.personId, a.present])),
  );
  const [themes, setThemes] = useState<ReportTheme[]>([]);
  const [howItWent, setHowItWent] = useState<number | undefined>(undefined);
  const [notes, setNotes] = useState('');
  const [concern, setConcern] = useState('');
  const [safeguarding, setSafeguarding] = useState(false);
  const { errors, fieldId, busy, submit } = useFormSubmit();

  const labels = {
    attendance: t('form.attendance'),
    themes: t('form.themes'),
    howItWent: t('form.howItWent'),
    notes: t('form.notes'),
    concern: t('form.concern'),
    safeguarding: t('form.safeguarding'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const input: Partial<ReportInput> = {
      attendance: draft.attendance.map((a) => ({
        personId: a.personId,
        present: present[a.personId] ?? false,
      })),
      themes,
      howItWent,
      notes,
      concern,
      safeguarding,
    };
    const checked = validate(supervisionSchemas.reportInput, input, t);
    // The one rule a field cannot say alone: a safeguarding concern needs its description.
    if (checked.errors?.fields.concern && safeguarding && !concern.trim()) {
      checked.errors.fields.concern = t('form.concernRequired');
    }
    void submit(
      checked,
      async (data) => {
        onFiled(await post<ReportInfo>(`/sessions/${draft.sessionId}/report`, data));
      },
      { leaves: true },
    );
  };

  return (
    <form className="form report-form" noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      <fieldset
        id={fieldId('attendance')}
        className="field checkbox-group"
        aria-describedby={`${fieldId('attendance')}-hint`}
      >
        <legend>{labels.attendance}</legend>
        <p id={`${fieldId('attendance')}-hint`} className="field-hint">
          {draft.attendance.length === 0 ? t('form.noFamilies') : t('form.attendanceHint')}
        </p>
        {draft.attendance.map((a) => (
          <div className="check" key={a.personId}>
            <input
              id={`${fieldId('attendance')}-${a.personId}`}
              type="checkbox"
              data-testid="attendance-check"
              checked={present[a.personId] ?? false}
              onChange={(event) => setPresent({ ...present, [a.personId]: event.target.checked })}
            />
            <label htmlFor={`${fieldId('attendance')}-${a.personId}`} dir="auto">
              {a.displayName}
            </label>
          </div>
        ))}
      </fieldset>
      <RoomToolsRecord record={draft} />
      <CheckboxGroup
        id={fieldId('themes')}
        label={labels.themes}
        hint={t('form.themesHint')}
        error={errors.fields.themes}
        choices={REPORT_THEMES.map((theme) => ({ value: theme, label: words.theme(theme) }))}
        value={themes}
        onChange={setThemes}
      />
      <fieldset
        id={fieldId('howItWent')}
        className="field checkbox-group mood-scale"
        aria-describedby={errors.fields.howItWent ? `${fieldId('howItWent')}-error` : undefined}
      >
        <legend>{labels.howItWent}</legend>
        {errors.fields.howItWent ? (
          <p id={`${fieldId('howItWent')}-error`} className="field-error">
            {errors.fields.howItWent}
          </p>
        ) : null}
        {MOOD_SCALE.map((value) => (
          <div className="check" key={value}>
            <input
              id={`${fieldId('howItWent')}-${value}`}
              type="radio"
              name="howItWent"
              value={value}
              checked={howItWent === value}
              aria-invalid={errors.fields.howItWent ? true : undefined}
              onChange={() => setHowItWent(value)}
            />
            <label htmlFor={`${fieldId('howItWent')}-${value}`}>{words.mood(value)}</label>
          </div>
        ))}
      </fieldset>
      <TextAreaField
        id={fieldId('notes')}
        label={labels.notes}
        hint={t('form.notesHint')}
        error={errors.fields.notes}
        rows={4}
        maxLength={3000}
        value={notes}
        onChange={(event) => setNotes(event.target.value)}
      />
      <TextAreaField
        id={fieldId('concern')}
        label={labels.concern}
        hint={t('form.concernHint')}
        error={errors.fields.concern}
        rows={3}
        maxLength={3000}
        value={concern}
        onChange={(event) => setConcern(event.target.value)}
      />
      <div className="safeguarding-box">
        <CheckboxField
          id={fieldId('safeguarding')}
          label={<strong>{labels.safeguarding}</strong>}
          hint={t('form.safeguardingHint')}
          error={errors.fields.safeguarding}
          checked={safeguarding}
          data-testid="safeguarding-check"
          onChange={(event) => setSafeguarding(event.target.checked)}
        />
        {safeguarding ? (
          <p className="notice" role="status">
            {concern.trim() ? t('form.safeguardingWillAlert') : t('form.concernRequired')}
          </p>
        ) : null}
      </div>
      <SubmitButton busy={busy} label={t('form.submit')} />
    </form>
  );
}
