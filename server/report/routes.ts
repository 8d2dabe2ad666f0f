// The funder's report: coordinators only. The figures are counted on each request (the file
// must hold them as they are now); a year reads ~365 ledger days by key (figures.ts).
import { DateTime } from 'luxon';
import { signedIn, type ApiRouter } from '../http/api.ts';
import { RequestError } from '../errors.ts';
import { translator } from '../i18n/index.ts';
import { isLanguage } from '../protocol/languages.ts';
import { MAX_REPORT_DAYS, reportSchemas } from '../protocol/report.ts';
import { systemClock, type Clock } from '../reminders/runner.ts';
import { reportCsv } from './csv.ts';
import { reportFigures } from './figures.ts';

function checkPeriod(from: string, to: string, t: (key: string) => string): void {
  if (!DateTime.fromISO(from).isValid || !DateTime.fromISO(to).isValid)
    throw new RequestError('invalid', 400, { from: t('funderReport.badDate') });
  if (from > to) throw new RequestError('invalid', 400, { to: t('groups.periodReversed') });
  if (Date.parse(to) - Date.parse(from) > MAX_REPORT_DAYS * 86_400_000)
    throw new RequestError('invalid', 400, { to: t('groups.periodTooLong') });
}

export function reportRoutes(api: ApiRouter, clock: Clock = systemClock): void {
  api.get(
    '/report',
    { action: 'funderReport.read', query: reportSchemas.period },
    async ({ actor, query, t }) => {
      checkPeriod(query.from, query.to, t);
      return reportFigures(query.from, query.to, signedIn(actor).personId, clock.now());
    },
  );

  api.get(
    '/report.csv',
    { action: 'funderReport.read', query: reportSchemas.period },
    async ({ actor, query, res, t }) => {
      checkPeriod(query.from, query.to, t);
      const figures = await reportFigures(
        query.from,
        query.to,
        signedIn(actor).personId,
        clock.now(),
      );
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="rinnalla-report-${query.from}-${query.to}.csv"`,
      );
      const lang = isLanguage(query.lang) ? query.lang : actor.lang;
      res.send(reportCsv(figures, translator(lang), lang));
      return undefined;
    },
  );
}
