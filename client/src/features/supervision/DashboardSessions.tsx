import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DashboardSession } from '../../../../server/protocol/supervision.ts';
import { joinable } from '../../../../server/protocol/sessionState.ts';
import { useFormat } from '../../lib/format.ts';
import { useSessionState } from '../groups/useSessionState.ts';
import { LocalText } from '../groups/groupText.tsx';
import { useSupervisionWords } from './supervisionWords.ts';

/** Live sessions first, marked as such, then the coming ones: each with the way in. */
export function DashboardSessions({ sessions }: { sessions: readonly DashboardSession[] }) {
  const { t } = useTranslation('supervision');
  const stateOf = useSessionState();
  const live = sessions.filter((s) => s.live);
  // One that ended while the page was open leaves at once (the server no longer lists it).
  const upcoming = sessions.filter((s) => !s.live && stateOf(s) !== 'ended');
  return (
    <>
      <section className="section" aria-labelledby="live-heading">
        <h2 id="live-heading">{t('sessions.liveTitle')}</h2>
        {live.length === 0 ? (
          <p className="meta">{t('sessions.noneLive')}</p>
        ) : (
          <ul className="plain-list">
            {live.map((s) => (
              <SessionItem key={s.sessionId} session={s} />
            ))}
          </ul>
        )}
      </section>
      <section className="section" aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">{t('sessions.upcomingTitle')}</h2>
        {upcoming.length === 0 ? (
          <p className="meta">{t('sessions.noneUpcoming')}</p>
        ) : (
          <ul className="plain-list">
            {upcoming.map((s) => (
              <SessionItem key={s.sessionId} session={s} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function SessionItem({ session: s }: { session: DashboardSession }) {
  const { t } = useTranslation('supervision');
  const format = useFormat();
  const words = useSupervisionWords();
  const titleId = `session-${s.sessionId}`;
  const kind = s.groupKind === 'family' ? '' : words.groupKind(s.groupKind);
  return (
    <li
      className={`card dashboard-session${s.live ? ' live' : ''}`}
      data-testid="dashboard-session"
      data-session-id={s.sessionId}
      data-live={s.live}
      aria-labelledby={titleId}
    >
      <div className="dashboard-session-head">
        <h3 id={titleId}>
          <LocalText texts={s.groupTitle} />
        </h3>
        {s.live ? (
          <span className="live-badge" data-testid="live-badge">
            <span className="live-dot" aria-hidden="true" />
            {t('sessions.live')}
          </span>
        ) : null}
        {kind ? <span className="tag">{kind}</span> : null}
      </div>
      <p className="meta">
        {s.live ? (
          <>
            <span data-testid="participant-count" data-count={s.participants}>
              {t('sessions.participants', { count: s.participants })}
            </span>
            {' · '}
            {t('sessions.liveSince', {
              start: format.time(s.startsAt),
              end: format.time(s.endsAt),
            })}
          </>
        ) : (
          <time dateTime={s.startsAt}>
            {t('sessions.when', {
              start: format.sessionTime(s.startsAt),
              end: format.time(s.endsAt),
            })}
          </time>
        )}
      </p>
      <p>
        {s.facilitators.length > 0
          ? t('sessions.facilitators', {
              names: format.names(s.facilitators.map((f) => f.displayName)),
            })
          : t('sessions.noFacilitators')}
      </p>
      <SessionActions session={s} titleId={titleId} />
    </li>
  );
}

/**
 * Observing is one click away when families were told (the observer page asks nothing more
 * than a confirmation); a meeting for facilitators is joined openly; a family group whose
 * families were not told offers neither.
 */
function SessionActions({ session: s, titleId }: { session: DashboardSession; titleId: string }) {
  const { t } = useTranslation('supervision');
  const stateOf = useSessionState();
  const open = s.live || joinable(stateOf(s));
  const family = s.groupKind === 'family';
  const path = `/sessions/${s.sessionId}`;
  return (
    <div className="actions">
      {open && s.canObserve ? (
        <Link
          className="button"
          to={`${path}?mode=observer`}
          data-testid="observe-button"
          aria-describedby={titleId}
        >
          {t('sessions.observe')}
        </Link>
      ) : null}
      {open && !family ? (
        <Link className="button" to={path} data-testid="dashboard-join" aria-describedby={titleId}>
          {t('sessions.join')}
        </Link>
      ) : null}
      {family && !s.canObserve ? <span className="meta">{t('sessions.noObservation')}</span> : null}
      {!open && family && s.canObserve ? (
        <span className="meta">{t('sessions.observeLater')}</span>
      ) : null}
      {s.reportId ? (
        <Link to={`/reports/${s.reportId}`} aria-describedby={titleId}>
          {t('sessions.report')}
        </Link>
      ) : null}
    </div>
  );
}
