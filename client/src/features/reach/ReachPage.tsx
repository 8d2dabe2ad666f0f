import { useEffect, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { groupSchemas, type ReachFigures } from '../../../../server/protocol/groups.ts';
import { csvSeparator } from '../../../../server/protocol/csv.ts';
import { groupLabels } from '../../../../server/protocol/reachNames.ts';
import { helsinkiDate, useFormat } from '../../lib/format.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { errorsFrom, useFormErrors, validate } from '../../lib/forms/errors.ts';
import { PeriodForm } from '../../lib/forms/PeriodForm.tsx';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { AdminNav } from '../admin/AdminNav.tsx';
import { useGroupWords } from '../groups/groupText.tsx';
import { ReachChart } from './ReachChart.tsx';
import { ReachTable } from './ReachTable.tsx';

const UPDATE_POLL_MS = 3_000;

/** Reach figures for funders: a period (this year so far unless chosen), totals, breakdowns. */
export function ReachPage() {
  const { t } = useTranslation('groups');
  usePageTitle(t('reach.title'));
  const format = useFormat();
  const words = useGroupWords();
  const today = helsinkiDate(new Date());
  const { errors, setErrors, fieldId, clear } = useFormErrors();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [period, setPeriod] = useState({ from, to });
  const query = new URLSearchParams(period).toString();
  const figures = useResource<ReachFigures>(`/reach?${query}`);
  const labels = { from: t('reach.from'), to: t('reach.to') };
  // The server's answer about the period shows like the form's own errors, at its fields.
  const loadError = figures.error;
  const serverErrors = useMemo(
    () => (loadError && Object.keys(loadError.fields).length ? errorsFrom(loadError, t) : null),
    [loadError, t],
  );
  const shown = serverErrors ?? errors;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(groupSchemas.reachPeriod, { from, to }, t);
    if (checked.errors) return setErrors(checked.errors);
    if (checked.data.from > checked.data.to)
      return setErrors({
        message: t('errors:invalid'),
        fields: { to: t('errors:groups.periodReversed') },
      });
    clear();
    setPeriod(checked.data);
  };
  const data = figures.data;
  // Groups by title in the UI language; two of one title told apart by region and start date.
  const groupNames = useMemo(
    () =>
      data
        ? groupLabels(data.groups ?? {}, format.language, t, {
            region: words.region,
            date: format.localDate,
          })
        : {},
    // eslint-disable-next-line react-hooks/exhaustive-deps -- format and words follow language
    [data, format.language, t],
  );
  // Figures counted before a change come at once while they are counted again: ask again soon.
  const { reload } = figures;
  useEffect(() => {
    if (!data?.updating) return;
    const timer = setTimeout(reload, UPDATE_POLL_MS);
    return () => clearTimeout(timer);
  }, [data, reload]);

  return (
    <section className="page">
      <AdminNav />
      <h1>{t('reach.title')}</h1>
      <p>{t('reach.intro')}</p>
      <ErrorSummary errors={shown} fieldId={fieldId} labels={labels} />
      <PeriodForm
        fieldId={fieldId}
        labels={labels}
        errors={shown.fields}
        from={from}
        to={to}
        onFrom={setFrom}
        onTo={setTo}
        onSubmit={onSubmit}
        submitLabel={t('reach.show')}
      />
      {figures.error && !serverErrors ? (
        <p className="error-summary" role="alert">
          {figures.error.message}
        </p>
      ) : null}
      <p role="status">
        {figures.loading && !data?.updating
          ? t('common:loading')
          : data
            ? t('reach.period', {
                from: format.localDate(data.from),
                to: format.localDate(data.to),
              })
            : null}
      </p>
      {data ? (
        <p className="meta" data-testid="reach-counted">
          {t(data.updating ? 'reach.updating' : 'reach.countedAt', {
            time: format.sessionTime(data.countedAt),
          })}
        </p>
      ) : null}
      {data ? (
        <>
          <p>
            <a
              className="button secondary"
              href={`/api/reach.csv?${query}&lang=${encodeURIComponent(format.language)}`}
              download
              aria-describedby="reach-csv-hint"
            >
              {t('reach.csv')}
            </a>
          </p>
          <p className="meta" id="reach-csv-hint">
            {t('reach.csvHint', { separator: csvSeparator(format.language) })}
          </p>
          <dl className="totals">
            <div>
              <dt>{t('reach.sessionsHeld')}</dt>
              <dd>{format.number(data.totals.sessionsHeld)}</dd>
            </div>
            <div>
              <dt>{t('reach.attendances')}</dt>
              <dd>{format.number(data.totals.attendances)}</dd>
            </div>
            <div>
              <dt>{t('reach.uniqueFamilies')}</dt>
              <dd>{format.number(data.totals.uniqueFamilies)}</dd>
            </div>
          </dl>
          <p className="meta">{t('reach.definitions')}</p>
          <ReachChart from={data.from} to={data.to} rows={data.byWeek} />
          <ReachTable
            caption={t('reach.byGroup')}
            keyHeading={t('reach.group')}
            rows={data.byGroup}
            name={(id) => groupNames[id] ?? ''}
          />
          <ReachTable
            caption={t('reach.byLanguage')}
            keyHeading={t('reach.language')}
            rows={data.byLanguage}
            name={format.languageName}
          />
          <ReachTable
            caption={t('reach.byRegion')}
            keyHeading={t('reach.region')}
            rows={data.byRegion}
            name={words.region}
          />
          <ReachTable
            caption={t('reach.byTopic')}
            keyHeading={t('reach.topic')}
            rows={data.byTopic}
            name={words.topic}
          />
        </>
      ) : null}
    </section>
  );
}
