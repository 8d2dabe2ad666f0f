import { RequestError } from '../errors.ts';
import type { ApiRouter } from '../http/api.ts';
import { groupSchemas } from '../protocol/groups.ts';
import { keptFigures } from './cache.ts';
import { reachCsv, reachFigures } from './figures.ts';

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
    async ({ query, res, t }) => {
      const csv = reachCsv(await period(query.from, query.to, t, true));
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="rinnalla-reach-${query.from}-${query.to}.csv"`,
      );
      res.send(`\uFEFF${csv}`); // BOM: Excel then reads UTF-8 (ä, ö, Arabic) correctly
      return undefined;
    },
  );
}
