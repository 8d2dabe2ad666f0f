// For coordinators: where families come from — counts per partner organisation, no family.
import { useTranslation } from 'react-i18next';
import type { ReferralSourceRow } from '../../../../server/protocol/referrals.ts';
import { useFormat } from '../../lib/format.ts';
import { useResource } from '../../lib/useResource.ts';

export function ReferralSources() {
  const { t } = useTranslation('partners');
  const format = useFormat();
  const sources = useResource<ReferralSourceRow[]>('/referrals/sources');
  const columns = ['referred', 'consented', 'signedUp', 'withdrawn'] as const;
  return (
    <section className="section" aria-labelledby="referral-sources-heading">
      <h2 id="referral-sources-heading">{t('sources.title')}</h2>
      <p>{t('sources.intro')}</p>
      {sources.data?.length === 0 ? <p>{t('sources.none')}</p> : null}
      {sources.data?.length ? (
        // Wider than a phone: the box scrolls, so the keyboard must reach it too.
        <div
          className="table-scroll"
          role="region"
          aria-labelledby="referral-sources-heading"
          tabIndex={0}
        >
          <table>
            <thead>
              <tr>
                <th scope="col">{t('sources.organisation')}</th>
                {columns.map((c) => (
                  <th scope="col" key={c}>
                    {t(`sources.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {sources.data.map((row) => (
                <tr key={row.organisationId}>
                  <th scope="row">
                    {row.organisationName}
                    <span className="meta"> · {t(`kind.${row.partnerKind}`)}</span>
                  </th>
                  {columns.map((c) => (
                    <td key={c}>{format.number(row[c])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
