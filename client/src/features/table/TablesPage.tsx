import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TableSummary } from '../../../../server/protocol/partnership.ts';
import { PersonName } from '../../lib/bidi.tsx';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { hasAnyRole, useSession } from '../account/session.tsx';
import { LocalText } from '../groups/groupText.tsx';
import { SessionList } from '../groups/SessionList.tsx';
import './table.css';

/** /tables: the partnership tables one sits at (a coordinator: all of them). */
export function TablesPage() {
  const { t } = useTranslation('table');
  usePageTitle(t('title'));
  const { person } = useSession();
  const tables = useResource<TableSummary[]>('/tables');
  const list = tables.data;
  return (
    <section className="page tables-page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      {hasAnyRole(person, ['coordinator']) ? (
        <p>
          <Link className="button" to="/tables/new">
            {t('newLink')}
          </Link>
        </p>
      ) : null}
      {tables.error ? (
        <p className="error-summary" role="alert">
          {t('loadFailed')} {tables.error.message}
        </p>
      ) : null}
      {!list && !tables.error ? <p role="status">{t('common:loading')}</p> : null}
      {list?.length === 0 ? <p>{t('none')}</p> : null}
      <ul className="plain-list table-list">
        {(list ?? []).map((table) => (
          <li key={table.id}>
            <article className="card table-card" aria-labelledby={`table-${table.id}`}>
              <h2 id={`table-${table.id}`}>
                <Link to={`/tables/${table.id}`}>
                  <LocalText texts={table.title} />
                </Link>
              </h2>
              <dl className="details">
                <dt>{t('host')}</dt>
                <dd>
                  <PersonName name={table.host.displayName} />
                </dd>
                <dt>{t('members')}</dt>
                <dd>{t('memberCount', { count: table.memberCount })}</dd>
                <dt>{t('actions.openCount')}</dt>
                <dd>{t('actions.open', { count: table.openActionItems })}</dd>
              </dl>
              <h3>{t('nextMeeting')}</h3>
              <SessionList sessions={table.nextSessions.slice(0, 1)} />
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}
