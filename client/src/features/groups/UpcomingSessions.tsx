import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyGroups } from '../../../../server/protocol/groups.ts';
import { joinable } from '../../../../server/protocol/sessionState.ts';
import { useFormat } from '../../lib/format.ts';
import { LocalText } from './groupText.tsx';
import { useSessionState } from './useSessionState.ts';

/**
 * My next sessions; one that can be joined now has a big "Join" button ("Start" for its
 * facilitators), one already under way says so.
 */
export function UpcomingSessions({ sessions }: { sessions: MyGroups['upcoming'] }) {
  const { t } = useTranslation('groups');
  const format = useFormat();
  const stateOf = useSessionState();
  const coming = sessions.filter((s) => stateOf(s) !== 'ended');
  if (coming.length === 0) return <p>{t('myGroups.noUpcoming')}</p>;
  return (
    <>
      <p className="meta">{t('sessions.finnishTime')}</p>
      <ul className="plain-list">
        {coming.map((session) => {
          const state = stateOf(session);
          return (
            <li
              key={session.id}
              className="card upcoming-session"
              data-group-id={session.groupId}
              data-state={state}
            >
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
              {state === 'live' ? (
                <p className="session-flag live-now">{t('sessions.inProgress')}</p>
              ) : null}
              {joinable(state) && session.removed ? (
                <p className="notice">{t('errors:live.removed')}</p>
              ) : joinable(state) ? (
                <p>
                  <Link className="button join-button" to={`/sessions/${session.id}`}>
                    {session.hosting && state === 'open' ? t('sessions.start') : t('sessions.join')}
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
          );
        })}
      </ul>
    </>
  );
}
