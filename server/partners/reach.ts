// A partner's view of reach: their region's figures as aggregates only. Any cell counting fewer
// than 5 people is suppressed (and, where one cell alone is hidden in a breakdown, the next
// smallest too, so it cannot be worked out from the others). No group, no family, no id.
import { keptFigures } from '../reach/cache.ts';
import { reachFigures } from '../reach/figures.ts';
import type { ReachRow } from '../protocol/groups.ts';
import type { PartnerReach, SuppressedRow } from '../protocol/partners.ts';

export const SMALLEST_CELL = 5;

function suppress(row: ReachRow): SuppressedRow {
  const small = row.uniqueFamilies < SMALLEST_CELL || row.attendances < SMALLEST_CELL;
  return {
    key: row.key,
    sessionsHeld: row.sessionsHeld,
    attendances: small ? null : row.attendances,
    uniqueFamilies: small ? null : row.uniqueFamilies,
    suppressed: small,
  };
}

const hide = (row: SuppressedRow): SuppressedRow => ({
  ...row,
  attendances: null,
  uniqueFamilies: null,
  suppressed: true,
});

/** Suppresses small cells, then one more when a single hidden cell could be derived. */
export function suppressed(rows: ReachRow[]): SuppressedRow[] {
  const out = rows.map(suppress);
  if (out.filter((r) => r.suppressed).length !== 1) return out;
  const shown = out.filter((r) => !r.suppressed);
  if (shown.length === 0) return out;
  const smallest = shown.reduce((a, b) =>
    (a.uniqueFamilies ?? 0) <= (b.uniqueFamilies ?? 0) ? a : b,
  );
  return out.map((r) => (r === smallest ? hide(r) : r));
}

export async function regionReach(region: string, from: string, to: string): Promise<PartnerReach> {
  const figures = await keptFigures(from, to, () => reachFigures(from, to, region), {
    scope: `region:${region}`,
  });
  const [totals] = suppressed([{ key: 'total', ...figures.totals }]);
  return {
    region,
    from,
    to,
    countedAt: figures.countedAt,
    totals: totals!,
    byLanguage: suppressed(figures.byLanguage),
    byTopic: suppressed(figures.byTopic),
  };
}
