// For a partner: how many families the peer groups of their region reached this year, as
// aggregates. A cell counting fewer than 5 people reads "fewer than 5", never a number.
import { useTranslation } from 'react-i18next';
import type { PartnerReach, SuppressedRow } from '../../../../server/protocol/partners.ts';
import { helsinkiDate, useFormat } from '../../lib/format.ts';
import { useResource } from '../../lib/useResource.ts';

function Rows({
  caption,
  rows,
  label,
}: {
  caption: string;
  rows: SuppressedRow[];
  label: (key: string) => string;
}) {
  const { t } = useTranslation('partners');
  const format = useFormat();
  const count = (value: number | null) =>
    value === null ? t('reach.fewer') : format.number(value);
  if (rows.length === 0) return null;
  return (
    // Wider than a phone: the box scrolls, so the keyboard must reach it too.
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('reach.key')}</th>
            <th scope="col">{t('reach.sessions')}</th>
            <th scope="col">{t('reach.attendances')}</th>
            <th scope="col">{t('reach.families')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{label(row.key)}</th>
              <td>{format.number(row.sessionsHeld)}</td>
              <td>{count(row.attendances)}</td>
              <td>{count(row.uniqueFamilies)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RegionReach() {
  const { t } = useTranslation('partners');
  const groupsT = useTranslation('groups').t;
  const format = useFormat();
  const today = helsinkiDate(new Date());
  const query = new URLSearchParams({ from: `${today.slice(0, 4)}-01-01`, to: today });
  const reach = useResource<PartnerReach>(`/partners/reach?${query.toString()}`);
  const data = reach.data;
  return (
    <section className="section" aria-labelledby="region-reach-heading">
      <h2 id="region-reach-heading">{t('reach.title')}</h2>
      {reach.error ? <p role="alert">{reach.error.message}</p> : null}
      {data ? (
        <>
          <p>
            {t('reach.intro', {
              region: groupsT(`regions.${data.region}`),
              from: format.localDate(data.from),
              to: format.localDate(data.to),
            })}
          </p>
          <Rows caption={t('reach.total')} rows={[data.totals]} label={() => t('reach.total')} />
          <Rows
            caption={t('reach.byLanguage')}
            rows={data.byLanguage}
            label={(code) => format.languageName(code)}
          />
          <Rows
            caption={t('reach.byTopic')}
            rows={data.byTopic}
            label={(topic) => groupsT(`topics.${topic}`)}
          />
          <p className="meta">{t('reach.suppressionNote')}</p>
        </>
      ) : null}
    </section>
  );
}
