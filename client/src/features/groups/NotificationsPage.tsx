import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NotificationInfo } from '../../../../server/protocol/groups.ts';
import { post } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';

/** The link's words say where it leads (a report, an alert, the group…), never a guess. */
const DESTINATIONS: [prefix: string, key: string][] = [
  ['/reports/', 'notifications.openReport'],
  ['/supervision/alerts/', 'notifications.openAlert'],
  ['/training', 'notifications.openTraining'],
  ['/messages', 'notifications.openConversation'],
  ['/groups/', 'notifications.openGroup'],
];
const openLabel = (link: string) =>
  DESTINATIONS.find(([prefix]) => link.startsWith(prefix))?.[1] ?? 'notifications.open';

/** Reminders and notices about my groups, newest first (texts come translated). */
export function NotificationsPage() {
  const { t } = useTranslation('groups');
  usePageTitle(t('notifications.title'));
  const format = useFormat();
  const list = useResource<NotificationInfo[]>('/notifications');
  const unread = list.data?.some((n) => n.readAt === null) ?? false;
  // Seen now: marked read on the server, while this page still shows which ones were new.
  useEffect(() => {
    if (unread) void post('/notifications/read').catch(() => undefined);
  }, [unread]);
  return (
    <section className="page">
      <h1>{t('notifications.title')}</h1>
      {list.error ? (
        <p className="error-summary" role="alert">
          {list.error.message}
        </p>
      ) : null}
      <p role="status">
        {list.loading && !list.data
          ? t('common:loading')
          : list.data?.length === 0
            ? t('notifications.none')
            : null}
      </p>
      <ul className="plain-list">
        {list.data?.map((notification) => (
          <li
            key={notification.id}
            className={`card notification${notification.readAt ? '' : ' unread'}`}
          >
            <p className="meta">
              {t(`notifications.kinds.${notification.kind}`)} ·{' '}
              <time dateTime={notification.createdAt}>
                {format.dateTime(notification.createdAt)}
              </time>
              {notification.readAt ? null : (
                <>
                  {' · '}
                  <strong>{t('notifications.new')}</strong>
                </>
              )}
            </p>
            <p className="message-text">{notification.text}</p>
            <p>
              <Link to={notification.link}>{t(openLabel(notification.link))}</Link>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
