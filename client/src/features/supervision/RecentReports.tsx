import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReportSummary } from '../../../../server/protocol/supervision.ts';
import { useFormat } from '../../lib/format.ts';
import { LocalText } from '../groups/groupText.tsx';
import { useSupervisionWords } from './supervisionWords.ts';
import { isolate } from '../../lib/bidi.tsx';

/** Reports after sessions, newest first: each opens the report and its feedback. */
export function RecentReports({ reports }: { reports: readonly ReportSummary[] }) {
  const { t } = useTranslation('supervision');
  const format = useFormat();
  const words = useSupervisionWords();
  return (
    <section className="section" aria-labelledby="reports-heading">
      <h2 id="reports-heading">{t('dashboard.reportsTitle')}</h2>
      {reports.length === 0 ? (
        <p className="meta">{t('dashboard.noReports')}</p>
      ) : (
        <ul className="plain-list">
          {reports.map((r) => {
            return (
              <li key={r.id} className="card report-summary" data-testid="report-summary">
                <h3>
                  <Link to={`/reports/${r.id}`}>
                    <Trans
                      t={t}
                      i18nKey="report.linkText"
                      values={{ date: format.date(r.sessionStartsAt) }}
                      components={{ group: <LocalText texts={r.groupTitle} /> }}
                    />
                  </Link>
                </h3>
                <p className="meta">
                  {t('report.by', { name: isolate(r.authorName) })} · {words.mood(r.howItWent)}
                  {r.feedbackCount > 0
                    ? ` · ${t('report.feedbackCount', { count: r.feedbackCount })}`
                    : ''}
                </p>
                {r.safeguarding || r.hasConcern ? (
                  <p>
                    <span className={r.safeguarding ? 'tag tag-danger' : 'tag tag-warning'}>
                      {r.safeguarding ? t('report.safeguardingTag') : t('report.concernTag')}
                    </span>
                  </p>
                ) : null}
                {r.themes.length > 0 ? (
                  <ul className="chips" aria-label={t('report.themes')}>
                    {r.themes.map((theme) => (
                      <li key={theme}>{words.theme(theme)}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
