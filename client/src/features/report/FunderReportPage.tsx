import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  reportRows,
  reportSchemas,
  type ReportFigures,
  type ReportRow,
} from '../../../../server/protocol/report.ts';
import { helsinkiDate, useFormat } from '../../lib/format.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { errorsFrom, useFormErrors, validate } from '../../lib/forms/errors.ts';
import { PeriodForm } from '../../lib/forms/PeriodForm.tsx';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { AdminNav } from '../admin/AdminNav.tsx';
import { useGroupWords } from '../groups/groupText.tsx';
import { ReportBreakdown } from './ReportBreakdown.tsx';
import { ReportChart } from './ReportChart.tsx';
import { ReportValue } from './ReportValue.tsx';
import './report.css';

const SECTIONS = [
  'families',
  'sessions',
  'alongside',
  'volunteers',
  'training',
  'referrals',
] as const;
const FOOTNOTES = [
  'period',
  'families',
  'parents',
  'newReturning',
  'participantHours',
  'groups',
  'alongside',
  'volunteers',
  'volunteerHours',
  'training',
  'referrals',
  'suppression',
] as const;

const yearOf = (year: string) => ({ from: `${year}-01-01`, to: `${year}-12-31` });

/**
 * The funder's report: a period (the calendar year unless chosen, kept in the address), the
 * figures by section, a chart, the CSV and a print layout (report.css) for a PDF.
 */
export function FunderReportPage() {
  const { t } = useTranslation(['report', 'partners', 'errors']);
  usePageTitle(t('title'));
  const format = useFormat();
  const words = useGroupWords();
  const [params, setParams] = useSearchParams();
  const year = helsinkiDate(new Date()).slice(0, 4);
  const period = {
    from: params.get('from') ?? yearOf(year).from,
    to: params.get('to') ?? yearOf(year).to,
  };
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  const { errors, setErrors, fieldId, clear } = useFormErrors();
  const query = new URLSearchParams(period).toString();
  const report = useResource<ReportFigures>(`/report?${query}`);
  const labels = { from: t('from'), to: t('to') };
  const loadError = report.error;
  const serverErrors = useMemo(
    () => (loadError && Object.keys(loadError.fields).length ? errorsFrom(loadError, t) : null),
    [loadError, t],
  );
  const shown = serverErrors ?? errors;

  const choose = (next: { from: string; to: string }) => {
    setFrom(next.from);
    setTo(next.to);
    clear();
    setParams(next);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(reportSchemas.period, { from, to }, t);
    if (checked.errors) return setErrors(checked.errors);
    if (checked.data.from > checked.data.to)
      return setErrors({
        message: t('errors:invalid'),
        fields: { to: t('errors:groups.periodReversed') },
      });
    choose(checked.data);
  };
  const data = report.data;
  const rows = data ? reportRows(data) : [];
  const figure = (row: ReportRow) => (
    <div key={row.figure} data-testid={`figure-${row.figure}`}>
      <dt>{t(`figure.${row.figure}`)}</dt>
      <dd>
        <ReportValue value={row.value} unit={row.unit} />
      </dd>
    </div>
  );
  const groupColumns = [
    { key: 'groups', people: false },
    { key: 'sessionsHeld', people: false },
    { key: 'families', people: true },
  ] as const;

  return (
    <section className="page report-page">
      <AdminNav />
      <h1>{t('title')}</h1>
      <div className="report-controls">
        <p>{t('intro')}</p>
        <ErrorSummary errors={shown} fieldId={fieldId} labels={labels} />
        <div className="quick-picks">
          <button type="button" className="secondary" onClick={() => choose(yearOf(year))}>
            {t('thisYear')}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => choose(yearOf(String(Number(year) - 1)))}
          >
            {t('lastYear')}
          </button>
        </div>
        <PeriodForm
          fieldId={fieldId}
          labels={labels}
          errors={shown.fields}
          from={from}
          to={to}
          onFrom={setFrom}
          onTo={setTo}
          onSubmit={onSubmit}
          submitLabel={t('show')}
        />
        {report.error && !serverErrors ? (
          <p className="error-summary" role="alert">
            {report.error.message}
          </p>
        ) : null}
        <p role="status">{report.loading ? t('loading') : null}</p>
        {data ? (
          <p className="report-actions">
            <a
              className="button secondary"
              href={`/api/report.csv?${query}&lang=${encodeURIComponent(format.language)}`}
              download
            >
              {t('downloadCsv')}
            </a>
            <button type="button" onClick={() => window.print()}>
              {t('print')}
            </button>
          </p>
        ) : null}
      </div>
      {data ? (
        <div data-testid="report-figures">
          <header className="report-print-header" data-testid="report-print-header">
            <p className="report-organisation">{data.organisationName}</p>
            <p>
              {t('period', { from: format.localDate(data.from), to: format.localDate(data.to) })}
            </p>
            <p className="meta">{t('madeAt', { date: format.dateTime(data.madeAt) })}</p>
          </header>
          <p className="meta report-screen-note">{t('screenNote')}</p>
          {SECTIONS.map((section) => (
            <section key={section} className="report-section">
              <h2>{t(`section.${section}`)}</h2>
              <dl className="report-figures">
                {rows.filter((r) => r.section === section && !r.key).map(figure)}
              </dl>
              {section === 'sessions' ? (
                <>
                  <h2>{t('section.chart')}</h2>
                  <ReportChart months={data.byMonth} />
                  <h2>{t('section.groups')}</h2>
                  <dl className="report-figures">
                    {rows.filter((r) => r.section === 'groups' && !r.key).map(figure)}
                  </dl>
                  <ReportBreakdown
                    caption={t('by.language')}
                    rows={data.groups.byLanguage}
                    name={format.languageName}
                    columns={[...groupColumns]}
                  />
                  <ReportBreakdown
                    caption={t('by.region')}
                    rows={data.groups.byRegion}
                    name={words.region}
                    columns={[...groupColumns]}
                  />
                  <ReportBreakdown
                    caption={t('by.topic')}
                    rows={data.groups.byTopic}
                    name={words.topic}
                    columns={[...groupColumns]}
                  />
                </>
              ) : null}
              {section === 'referrals' ? (
                <ReportBreakdown
                  caption={t('by.partnerKind')}
                  rows={data.referrals.byPartnerKind}
                  name={(key) => t(`partners:kind.${key}`)}
                  columns={[
                    { key: 'referred', people: true },
                    { key: 'signedUp', people: true },
                  ]}
                />
              ) : null}
            </section>
          ))}
          <section className="report-footnotes">
            <h2>{t('footnotes.title')}</h2>
            <ol>
              {FOOTNOTES.map((key) => (
                <li key={key}>{t(`footnotes.${key}`)}</li>
              ))}
            </ol>
          </section>
        </div>
      ) : null}
    </section>
  );
}
