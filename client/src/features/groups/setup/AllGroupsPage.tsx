import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AllGroupsPage as Page } from '../../../../../server/protocol/groups.ts';
import { useFormat } from '../../../lib/format.ts';
import { usePageTitle } from '../../../lib/usePageTitle.ts';
import { usePages } from '../../../lib/usePages.ts';
import { AdminNav } from '../../admin/AdminNav.tsx';
import { LocalText } from '../groupText.tsx';
import { nextSession } from '../useSessionState.ts';
import { MoreButton } from '../../../lib/MoreButton.tsx';

/**
 * The coordinator's overview: every group, drafts and invitation-only ones too. Newest first, a
 * page at a time; older groups come from the "show more" button.
 */
export function AllGroupsPage() {
  const { t } = useTranslation('groups');
  usePageTitle(t('admin.title'));
  const format = useFormat();
  const list = usePages('/groups/all', (page: Page) => page.groups);
  const groups = list.items;
  // After "show more", continue from the first new group.
  useEffect(() => {
    if (list.firstNew) document.getElementById(`all-group-link-${list.firstNew.id}`)?.focus();
  }, [list.firstNew]);

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
      {list.error ? (
        <p className="error-summary" role="alert">
          {list.error.message}
        </p>
      ) : null}
      {groups?.length === 0 ? <p>{t('admin.none')}</p> : null}
      <ul className="plain-list">
        {groups?.map((group) => {
          const next = nextSession(group.nextSessions);
          return (
            <li key={group.id} className="card">
              <h2>
                <Link id={`all-group-link-${group.id}`} to={`/groups/${group.id}`}>
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
      <MoreButton pages={list} label={t('admin.more')} />
    </section>
  );
}
