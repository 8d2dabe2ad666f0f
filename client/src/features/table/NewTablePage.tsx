import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { LocalizedText } from '../../../../server/protocol/groups.ts';
import {
  tableSchemas,
  type TableDetail,
  type TableInput,
} from '../../../../server/protocol/partnership.ts';
import { post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { CheckboxGroup, SelectField } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { useFormat } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useSession } from '../account/session.tsx';
import { SpokenLanguages } from '../account/SpokenLanguages.tsx';
import { emptySchedule, scheduleFrom, type ScheduleState } from '../groups/setup/formState.ts';
import { LocalizedRows } from '../groups/setup/LocalizedRows.tsx';
import { ScheduleFields } from '../groups/setup/ScheduleFields.tsx';
import { useTableCandidates } from './candidates.ts';
import './table.css';

const EVERY_MONTHS = ['1', '2', '3', '4', '6'] as const;

/** /tables/new: a coordinator sets up a table, hosted by themself, meeting a few times a year. */
export function NewTablePage() {
  const { t } = useTranslation('table');
  usePageTitle(t('form.title'));
  const format = useFormat();
  const navigate = useNavigate();
  const { person } = useSession();
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [title, setTitle] = useState<LocalizedText[]>([{ lang: format.language, text: '' }]);
  const [sessionLanguages, setLanguages] = useState<string[]>([]);
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const [everyMonths, setEveryMonths] = useState('3');
  const [schedule, setSchedule] = useState<ScheduleState>(() => ({
    ...emptySchedule(),
    frequency: 'monthly',
    startTime: '13:00',
    durationMinutes: '120',
    count: '4',
  }));
  const candidates = useTableCandidates(person?.id ?? '', t);
  const e = errors.fields;
  const labels: Record<string, string> = {
    title: t('form.tableTitle'),
    ...Object.fromEntries(title.map((_, i) => [`title.${i}.text`, t('form.tableTitle')])),
    sessionLanguages: t('form.languages'),
    memberIds: t('form.members'),
    'schedule.startDate': t('groups:setup.startDate'),
    'schedule.startTime': t('groups:setup.startTime'),
    'schedule.durationMinutes': t('groups:setup.duration'),
    'schedule.until': t('groups:setup.until'),
    'schedule.count': t('groups:setup.count'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const base = scheduleFrom(schedule);
    const body: TableInput = {
      title,
      memberIds,
      sessionLanguages,
      schedule:
        base.frequency === 'monthly' && everyMonths !== '1'
          ? { ...base, everyMonths: Number(everyMonths) }
          : base,
    };
    void submit(
      validate(tableSchemas.tableInput, body, t),
      async (data) => {
        const created = await post<TableDetail>('/tables', data);
        void navigate(`/tables/${created.id}`);
      },
      { leaves: true },
    );
  };

  return (
    <section className="page">
      <p>
        <Link to="/tables">{t('back')}</Link>
      </p>
      <h1>{t('form.title')}</h1>
      <p>{t('form.intro')}</p>
      <form className="form table-form" noValidate onSubmit={onSubmit}>
        <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
        <LocalizedRows
          name="title"
          legend={t('form.tableTitle')}
          hint={t('form.titleHint')}
          value={title}
          onChange={setTitle}
          fieldId={fieldId}
          errors={e}
        />
        <SpokenLanguages
          id={fieldId('sessionLanguages')}
          legend={t('form.languages')}
          max={4}
          value={sessionLanguages}
          onChange={setLanguages}
          error={e.sessionLanguages}
        />
        {candidates.error ? <p className="field-error">{candidates.error.message}</p> : null}
        <CheckboxGroup
          id={fieldId('memberIds')}
          label={t('form.members')}
          hint={t('form.membersHint')}
          error={e.memberIds}
          choices={candidates.choices}
          value={memberIds}
          onChange={setMemberIds}
        />
        <ScheduleFields value={schedule} onChange={setSchedule} fieldId={fieldId} errors={e} />
        {schedule.frequency === 'monthly' ? (
          <SelectField
            id={fieldId('schedule.everyMonths')}
            label={t('form.everyMonths')}
            hint={t('form.everyMonthsHint')}
            value={everyMonths}
            onChange={(ev) => setEveryMonths(ev.target.value)}
          >
            {EVERY_MONTHS.map((n) => (
              <option key={n} value={n}>
                {t('form.everyMonthsChoice', { count: Number(n) })}
              </option>
            ))}
          </SelectField>
        ) : null}
        <SubmitButton busy={busy} label={t('form.create')} />
      </form>
    </section>
  );
}
