import { useTranslation } from 'react-i18next';
import { WEEKDAYS, type Weekday } from '../../../../../server/protocol/groups.ts';
import { useFormat } from '../../../lib/format.ts';
import { SelectField, TextField } from '../../../lib/forms/fields.tsx';
import { useGroupWords } from '../groupText.tsx';
import type { ScheduleState } from './formState.ts';
import { agreeing, firstMeeting, fullLocalDate } from './scheduleDates.ts';

const NTHS = ['1', '2', '3', '4', '-1'] as const;

/**
 * When the group meets, in Finnish wall-clock time. The first date leads: the weekday follows
 * it, and choosing another weekday moves the first date (see agreeing); a line says the result.
 */
export function ScheduleFields({
  value,
  onChange,
  fieldId,
  errors,
}: {
  value: ScheduleState;
  onChange: (value: ScheduleState) => void;
  fieldId: (name: string) => string;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation('groups');
  const words = useGroupWords();
  const format = useFormat();
  const set = (change: Partial<ScheduleState>) => onChange(agreeing(value, change));
  const first = firstMeeting(value);
  const id = (name: string) => fieldId(`schedule.${name}`);
  const error = (name: string) => errors[`schedule.${name}`];

  return (
    <fieldset className="field">
      <legend>{t('setup.schedule')}</legend>
      <p className="field-hint">{t('setup.scheduleHint')}</p>
      <SelectField
        id={id('frequency')}
        label={t('setup.frequency')}
        error={error('frequency')}
        value={value.frequency}
        onChange={(event) => set({ frequency: event.target.value as ScheduleState['frequency'] })}
      >
        {(['weekly', 'biweekly', 'monthly'] as const).map((f) => (
          <option key={f} value={f}>
            {t(`setup.frequencies.${f}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        id={id('startDate')}
        label={t('setup.startDate')}
        error={error('startDate')}
        type="date"
        value={value.startDate}
        onChange={(event) => set({ startDate: event.target.value })}
        required
      />
      {value.frequency === 'monthly' ? (
        <SelectField
          id={id('monthlyNth')}
          label={t('setup.monthlyNth')}
          error={error('monthlyNth')}
          value={value.monthlyNth}
          onChange={(event) => set({ monthlyNth: event.target.value })}
        >
          {NTHS.map((n) => (
            <option key={n} value={n}>
              {t(`when.nth.${n}`)}
            </option>
          ))}
        </SelectField>
      ) : null}
      <SelectField
        id={id('weekday')}
        label={t('setup.weekday')}
        hint={t(value.frequency === 'monthly' ? 'setup.weekdayHintMonthly' : 'setup.weekdayHint')}
        error={error('weekday')}
        value={value.weekday}
        onChange={(event) => set({ weekday: event.target.value as Weekday })}
      >
        {WEEKDAYS.map((d) => (
          <option key={d} value={d}>
            {words.weekday(d)}
          </option>
        ))}
      </SelectField>
      <TextField
        id={id('startTime')}
        label={t('setup.startTime')}
        hint={t('sessions.finnishTime')}
        error={error('startTime')}
        type="time"
        value={value.startTime}
        onChange={(event) => set({ startTime: event.target.value })}
        required
      />
      {/* Read out when it changes: choosing a weekday moves the first date. */}
      <p className={first && value.startTime ? 'notice' : undefined} role="status">
        {first && value.startTime
          ? t('setup.firstSession', {
              date: fullLocalDate(format.language, first),
              time: format.wallClock(value.startTime),
            })
          : null}
      </p>
      <TextField
        id={id('durationMinutes')}
        label={t('setup.duration')}
        error={error('durationMinutes')}
        type="number"
        inputMode="numeric"
        min={15}
        max={240}
        step={5}
        value={value.durationMinutes}
        onChange={(event) => set({ durationMinutes: event.target.value })}
        required
      />
      <SelectField
        id={id('ends')}
        label={t('setup.ends')}
        value={value.ends}
        onChange={(event) => set({ ends: event.target.value === 'until' ? 'until' : 'count' })}
      >
        <option value="count">{t('setup.endsCount')}</option>
        <option value="until">{t('setup.endsUntil')}</option>
      </SelectField>
      {value.ends === 'until' ? (
        <TextField
          id={id('until')}
          label={t('setup.until')}
          error={error('until')}
          type="date"
          value={value.until}
          onChange={(event) => set({ until: event.target.value })}
          required
        />
      ) : (
        <TextField
          id={id('count')}
          label={t('setup.count')}
          error={error('count') ?? error('until')}
          type="number"
          inputMode="numeric"
          min={1}
          max={100}
          value={value.count}
          onChange={(event) => set({ count: event.target.value })}
          required
        />
      )}
    </fieldset>
  );
}
