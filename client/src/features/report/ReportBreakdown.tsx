import { useTranslation } from 'react-i18next';
import type { ReportGroupRow, ReportReferralRow } from '../../../../server/protocol/report.ts';
import { ReportValue } from './ReportValue.tsx';

type Row = ReportGroupRow | ReportReferralRow;

/** A breakdown as a table that scrolls sideways on its own on a narrow screen. */
export function ReportBreakdown<R extends Row>({
  caption,
  rows,
  name,
  columns,
}: {
  caption: string;
  rows: readonly R[];
  name: (key: string) => string;
  columns: { key: Exclude<keyof R & string, 'key'>; people: boolean }[];
}) {
  const { t } = useTranslation('report');
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="figures">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('col.key')}</th>
            {columns.map((c) => (
              <th scope="col" key={c.key}>
                {t(`col.${c.key}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length + 1}>{t('noRows')}</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{name(row.key)}</th>
                {columns.map((c) => (
                  <td key={c.key}>
                    <ReportValue value={Number(row[c.key])} unit={c.people ? 'people' : 'count'} />
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
