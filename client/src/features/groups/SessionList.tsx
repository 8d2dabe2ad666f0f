import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UpcomingSession } from '../../../../server/protocol/groups.ts';
import { useFormat } from '../../lib/format.ts';

/**
 * Upcoming sessions; a cancelled or moved one says so in words, not by colour alone. The group's
 * trainer (`observe`) gets a link to watch each session as a hidden observer.
 */
export function SessionList({
  sessions,
  observe = false,
}: {
  sessions: readonly UpcomingSession[];
  observe?: boolean;
}) {
  const { t } = useTranslation('groups');
  const format = useFormat();
  if (sessions.length === 0) return <p>{t('group.noUpcoming')}</p>;
  return (
    <ul className="plain-list session-list">
      {sessions.map((session) => (
        <li key={session.id} className={`session session-${session.status}`}>
          {session.status === 'cancelled' ? (
            <>
              <strong className="session-flag">{t('sessions.cancelled')}</strong>{' '}
              <del>
                <time dateTime={session.startsAt}>{format.sessionTime(session.startsAt)}</time>
              </del>
            </>
          ) : session.status === 'moved' ? (
            <>
              <strong className="session-flag">{t('sessions.moved')}</strong>{' '}
              {t('sessions.newTime')}{' '}
              <time dateTime={session.startsAt}>{format.sessionTime(session.startsAt)}</time>
            </>
          ) : (
            <time dateTime={session.startsAt}>{format.sessionTime(session.startsAt)}</time>
          )}
          {session.reason ? (
            <span className="session-reason">
              {' '}
              {t('sessions.reason', { reason: session.reason })}
            </span>
          ) : null}
          {/* Whether joining is open yet is the server's to say: it answers on the session page. */}
          {observe && session.status !== 'cancelled' ? (
            <>
              {' '}
              <Link className="session-observe" to={`/sessions/${session.id}?mode=observer`}>
                {t('sessions.observe')}
                <span className="visually-hidden"> {format.sessionTime(session.startsAt)}</span>
              </Link>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
