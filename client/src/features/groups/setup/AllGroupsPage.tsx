import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { GroupCard } from '../../../../../server/protocol/groups.ts';
import { useFormat } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/usePageTitle.ts';
import { useResource } from '../../../lib/useResource.ts';
import { AdminNav } from '../../admin/AdminNav.tsx';
import { LocalText } from '../groupText.tsx';
import { nextSession } from '../useSessionState.ts';

/** The coordinator's overview: every group, drafts and invitation-only ones too. */
export function AllGroupsPage() {
  const { t } = useTranslation('groups');
  usePageTitle(t('admin.title'));
  const format = useFormat();
  const groups = useResource<GroupCard[]>('/groups/all');
  return (
    <section className="page">
      <AdminNav />
      <h1>{t('admin.title')}</h1>
      <p>{t('admin.intro')}</p>
      <p>
        <Link className="button" to="/admin/groups/new">
          {t('admin.new')}
        </Link>
      </p>
      {groups.error ? (
        <p className="error-summary" role="alert">
          {groups.error.message}
        </p>
      ) : null}
      {groups.data?.length === 0 ? <p>{t('admin.none')}</p> : null}
      <ul className="plain-list">
        {groups.data?.map((group) => {
          const next = nextSession(group.nextSessions);
          return (
            <li key={group.id} className="card">
              <h2>
                <Link to={`/groups/${group.id}`}>
                  <LocalText texts={group.title} />
                </Link>
              </h2>
              <dl className="details">
                <dt>{t('admin.status')}</dt>
                <dd>{t(`statuses.${group.status}`)}</dd>
                <dt>{t('admin.places')}</dt>
                <dd>
                  {t('admin.confirmed', {
                    confirmed: group.capacity - group.freePlaces,
                    capacity: group.capacity,
                  })}
                </dd>
                <dt>{t('group.nextSession')}</dt>
                <dd>
                  {next ? (
                    <time dateTime={next.startsAt}>{format.sessionTime(next.startsAt)}</time>
                  ) : (
                    t('group.noUpcoming')
                  )}
                </dd>
              </dl>
              <p className="actions">
                <Link to={`/groups/${group.id}/edit`}>{t('admin.edit')}</Link>
                <Link to={`/groups/${group.id}/manage`}>{t('admin.manage')}</Link>
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
