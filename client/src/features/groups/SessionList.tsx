import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { UpcomingSession } from '../../../../server/protocol/groups.ts';
import { joinable } from '../../../../server/protocol/sessionState.ts';
import { useFormat } from '../../lib/format.ts';
import { useSessionState } from './useSessionState.ts';

/**
 * Upcoming sessions; a cancelled or moved one says so in words, not by colour alone. The group's
 * trainer (`observe`) gets a link to watch a session as a hidden observer while it can be joined.
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
  const stateOf = useSessionState();
  const coming = sessions.filter((s) => stateOf(s) !== 'ended');
  if (coming.length === 0) return <p>{t('group.noUpcoming')}</p>;
  return (
    <ul className="plain-list session-list">
      {coming.map((session, index) => (
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
          {observe && joinable(stateOf(session)) ? (
            <>
              {' '}
              <Link className="session-observe" to={`/sessions/${session.id}?mode=observer`}>
                {t('sessions.observe')}
                <span className="visually-hidden"> {format.sessionTime(session.startsAt)}</span>
              </Link>
            </>
          ) : observe && index === 0 && stateOf(session) === 'scheduled' ? (
            <span className="meta">
              {' '}
              {t('sessions.observeOpens', { time: format.dateTime(session.joinOpensAt) })}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
