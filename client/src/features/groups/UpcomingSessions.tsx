import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyGroups } from '../../../../server/protocol/groups.ts';
import { useFormat } from '../../lib/format.ts';
import { LocalText } from './groupText.tsx';

/** My next sessions; the one open for joining now has a big "Join" button. */
export function UpcomingSessions({ sessions }: { sessions: MyGroups['upcoming'] }) {
  const { t } = useTranslation('groups');
  const format = useFormat();
  if (sessions.length === 0) return <p>{t('myGroups.noUpcoming')}</p>;
  return (
    <>
      <p className="meta">{t('sessions.finnishTime')}</p>
      <ul className="plain-list">
        {sessions.map((session) => (
          <li key={session.id} className="card upcoming-session" data-group-id={session.groupId}>
            <h3>
              <Link to={`/groups/${session.groupId}`}>
                <LocalText texts={session.title} />
              </Link>
            </h3>
            <p>
              {session.status === 'moved' ? (
                <strong className="session-flag">{t('sessions.moved')} </strong>
              ) : null}
              <time dateTime={session.startsAt}>{format.sessionTime(session.startsAt)}</time>
              {session.reason ? ` ${t('sessions.reason', { reason: session.reason })}` : null}
            </p>
            {session.canJoinNow ? (
              <p>
                <Link className="button join-button" to={`/sessions/${session.id}`}>
                  {t('sessions.join')}
                  <span className="visually-hidden">
                    {' '}
                    <LocalText texts={session.title} />
                  </span>
                </Link>
              </p>
            ) : (
              <p className="meta">
                {t('sessions.joinOpens', { time: format.dateTime(session.joinOpensAt) })}
              </p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
