import { useTranslation } from 'react-i18next';
import type { ReportInfo } from '../../../../server/protocol/supervision.ts';
import { useFormat } from '../../lib/format.ts';
import { useSupervisionWords } from './supervisionWords.ts';
import { isolate } from '../../lib/bidi.tsx';
import { RoomToolsRecord } from './RoomToolsRecord.tsx';

/** A filed report as its readers see it: the facilitator who wrote it and the trainer. */
export function ReportView({ report }: { report: ReportInfo }) {
  const { t } = useTranslation('supervision');
  const format = useFormat();
  const words = useSupervisionWords();
  const present = report.attendance.filter((a) => a.present);
  const absent = report.attendance.filter((a) => !a.present);
  return (
    <div className="report-view" data-testid="report-view">
      <p className="meta">
        {t('report.by', { name: isolate(report.authorName) })} ·{' '}
        {t('report.filed', { time: format.dateTime(report.createdAt) })}
      </p>
      {report.safeguarding ? (
        <div className="notice alert-notice" data-testid="report-safeguarding">
          <p className="notice-title">{t('report.safeguardingTag')}</p>
          <p className="message-text" dir="auto">
            {report.concern}
          </p>
        </div>
      ) : null}
      <dl className="details report-details">
        <dt>{t('report.howItWent')}</dt>
        <dd>{words.mood(report.howItWent)}</dd>
        <dt>{t('report.themes')}</dt>
        <dd>
          {report.themes.length === 0
            ? t('report.noThemes')
            : report.themes.map((theme) => (
                <span className="tag" key={theme}>
                  {words.theme(theme)}
                </span>
              ))}
        </dd>
        <dt>{t('report.present', { count: present.length })}</dt>
        <dd>
          {present.length ? format.names(present.map((a) => a.displayName)) : t('report.nobody')}
        </dd>
        {absent.length > 0 ? (
          <>
            <dt>{t('report.absent', { count: absent.length })}</dt>
            <dd>{format.names(absent.map((a) => a.displayName))}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t('report.notes')}</h2>
      <p className="message-text" dir="auto">
        {report.notes || t('report.noNotes')}
      </p>
      <RoomToolsRecord record={report} />
      {!report.safeguarding ? (
        <>
          <h2>{t('report.concern')}</h2>
          <p className="message-text" dir="auto">
            {report.concern || t('report.noConcern')}
          </p>
        </>
      ) : null}
    </div>
  );
}
