import { useTranslation } from 'react-i18next';
import type { ReachRow } from '../../../../server/protocol/groups.ts';
import { useFormat } from '../../lib/format.ts';

/** One breakdown of the figures; scrolls sideways on its own on a narrow screen. */
export function ReachTable({
  caption,
  keyHeading,
  rows,
  name = (key) => key,
}: {
  caption: string;
  keyHeading: string;
  rows: readonly ReachRow[];
  name?: (key: string) => string;
}) {
  const { t } = useTranslation('groups');
  const format = useFormat();
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="figures">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{keyHeading}</th>
            <th scope="col">{t('reach.sessionsHeld')}</th>
            <th scope="col">{t('reach.attendances')}</th>
            <th scope="col">{t('reach.uniqueFamilies')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={4}>{t('reach.noRows')}</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{name(row.key)}</th>
                <td>{format.number(row.sessionsHeld)}</td>
                <td>{format.number(row.attendances)}</td>
                <td>{format.number(row.uniqueFamilies)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
