import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LocalizedText, UpcomingSession } from '../../../../server/protocol/groups.ts';
import { joinable } from '../../../../server/protocol/sessionState.ts';
import { useFormat } from '../../lib/format.ts';
import { LocalText } from './groupText.tsx';
import { useSessionState } from './useSessionState.ts';

/**
 * For those who may join a group's sessions: a "Join" button while one can be joined (its window
 * is open or its facilitator has started it; "Start" for the host before that), otherwise when
 * joining opens next. Nothing for a session that is over.
 */
export function JoinNow({
  sessions,
  title,
  hosting = false,
}: {
  sessions: readonly UpcomingSession[];
  title: readonly LocalizedText[];
  hosting?: boolean;
}) {
  const { t } = useTranslation('groups');
  const format = useFormat();
  const stateOf = useSessionState();
  const coming = sessions.filter((s) => !['ended', 'cancelled'].includes(stateOf(s)));
  const open = coming.find((s) => joinable(stateOf(s)));
  if (open?.removed) return <p className="notice">{t('errors:live.removed')}</p>;
  if (open) {
    const state = stateOf(open);
    return (
      <div className="join-now" data-state={state}>
        {state === 'live' ? (
          <p className="session-flag live-now">{t('sessions.inProgress')}</p>
        ) : null}
        <p>
          <Link className="button join-button" to={`/sessions/${open.id}`}>
            {hosting && state === 'open' ? t('sessions.start') : t('sessions.join')}
            <span className="visually-hidden">
              {' '}
              <LocalText texts={title} />
            </span>
          </Link>
        </p>
      </div>
    );
  }
  const next = coming[0];
  return next ? (
    <p className="meta">{t('sessions.joinOpens', { time: format.dateTime(next.joinOpensAt) })}</p>
  ) : null;
}
