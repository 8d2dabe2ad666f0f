import { useTranslation } from 'react-i18next';
import type { UpcomingSession } from '../../../../server/protocol/groups.ts';
import { useFormat } from '../../lib/format.ts';

/** Upcoming sessions; a cancelled or moved one says so in words, not by colour alone. */
export function SessionList({ sessions }: { sessions: readonly UpcomingSession[] }) {
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
        </li>
      ))}
    </ul>
  );
}
