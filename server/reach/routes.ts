import { RequestError } from '../errors.ts';
import type { ApiRouter } from '../http/api.ts';
import { groupSchemas } from '../protocol/groups.ts';
import { isLanguage } from '../protocol/languages.ts';
import { translator } from '../i18n/index.ts';
import { keptFigures } from './cache.ts';
import { reachCsv } from './csv.ts';
import { reachFigures } from './figures.ts';

/** Three years: a funder's period is one; every day of it is read when counted. */
const MAX_PERIOD_DAYS = 3 * 366;

export function reachRoutes(api: ApiRouter): void {
  const period = (from: string, to: string, t: (k: string) => string, fresh = false) => {
    if (from > to) throw new RequestError('invalid', 400, { to: t('groups.periodReversed') });
    if (Date.parse(to) - Date.parse(from) > MAX_PERIOD_DAYS * 86_400_000)
      throw new RequestError('invalid', 400, { to: t('groups.periodTooLong') });
    return keptFigures(from, to, () => reachFigures(from, to), { fresh });
  };

  api.get(
    '/reach',
    { action: 'reach.read', query: groupSchemas.reachPeriod },
    async ({ query, t }) => period(query.from, query.to, t),
  );

  api.get(
    '/reach.csv',
    { action: 'reach.read', query: groupSchemas.reachPeriod },
    async ({ actor, query, res, t }) => {
      const lang = isLanguage(query.lang) ? query.lang : actor.lang;
      const csv = reachCsv(await period(query.from, query.to, t, true), translator(lang), lang);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="rinnalla-reach-${query.from}-${query.to}.csv"`,
      );
      res.send(csv);
      return undefined;
    },
  );
}
