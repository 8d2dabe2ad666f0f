import { Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useFormat } from '../../lib/format.ts';
import { RequestFailed } from '../../lib/socketRequest.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useResource } from '../../lib/useResource.ts';
import { EndScreen } from './EndScreen.tsx';
import type { JoinOptions } from './liveState.ts';
import { LobbyWaiting } from './LobbyWaiting.tsx';
import { ObserverPrejoin } from './ObserverPrejoin.tsx';
import { PrejoinCheck } from './PrejoinCheck.tsx';
import { useLiveSession } from './useLiveSession.ts';
import type { SessionEntry } from '../../../../server/protocol/live.ts';
import { page } from '../../app/page.ts';
import './live.css';

// The room (its panels, the chat) loads while the person checks their camera: the check shows
// first ([reach-bundle]).
const LiveRoom = page(() => import('./LiveRoom.tsx'), 'LiveRoom');

/** /sessions/:id — a group's live video session, from the device check to its end. */
export function SessionPage() {
  const { t } = useTranslation('live');
  const format = useFormat();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const observer = params.get('mode') === 'observer';
  const { state, actions } = useLiveSession(id);
  const entry = useResource<SessionEntry>(
    `/sessions/${encodeURIComponent(id)}/entry${observer ? '?mode=observer' : ''}`,
  );
  const capabilities = entry.data?.routerRtpCapabilities;
  useEffect(() => {
    if (capabilities) actions.preload(capabilities);
  }, [actions, capabilities]);
  // Kept here: a failed join may pass through 'joining' and remount the check.
  const [joinError, setJoinError] = useState<string | null>(null);

  // A facilitator in another tab sees who is waiting from the tab's title: "(2) …".
  const waiting = state.admitted?.canModerate ? state.lobby.length : 0;
  const title = state.admitted?.session.groupTitle ?? t('title');
  usePageTitle(waiting > 0 ? `(${format.number(waiting)}) ${title}` : title);

  const join = useCallback(
    async (options: JoinOptions) => {
      setJoinError(null);
      try {
        await actions.join(options);
        return true;
      } catch (error) {
        setJoinError(error instanceof RequestFailed ? error.message : t('actionFailed'));
        return false;
      }
    },
    [actions, t],
  );

  switch (state.phase) {
    case 'prejoin': {
      // Asked before the device check: nobody tests a camera for a session they cannot enter.
      if (entry.error) return <EntryRefused message={entry.error.message} />;
      if (!entry.data)
        return (
          <section className="page">
            <h1>{t('title')}</h1>
            <p role="status">{t('common:loading')}</p>
          </section>
        );
      const error = joinError ?? state.error;
      return observer ? (
        <ObserverPrejoin error={error} onJoin={join} />
      ) : (
        <PrejoinCheck error={error} onJoin={join} />
      );
    }
    case 'joining':
      return (
        <section className="page">
          <h1>{t('title')}</h1>
          {joinError ? (
            <>
              <p role="alert" className="error-summary">
                {joinError}
              </p>
              <p>
                <Link to="/my-groups">{t('end.back')}</Link>
              </p>
            </>
          ) : (
            <p role="status" className="lead">
              {t('joining')}
            </p>
          )}
        </section>
      );
    case 'lobby':
      return <LobbyWaiting message={state.lobbyMessage} actions={actions} />;
    case 'live':
    case 'reconnecting':
      return (
        <Suspense fallback={<p role="status">{t('common:loading')}</p>}>
          <LiveRoom state={state} actions={actions} />
        </Suspense>
      );
    default:
      return <EndScreen state={state} phase={state.phase} />;
  }
}

/** Why one cannot go in now (ended, removed, not open yet…), and the way back. */
function EntryRefused({ message }: { message: string }) {
  const { t } = useTranslation('live');
  return (
    <section className="page">
      <h1>{t('end.refused')}</h1>
      <p role="alert" className="notice" data-testid="live-refused">
        {message}
      </p>
      <p>
        <Link className="button" to="/">
          {t('end.back')}
        </Link>
      </p>
    </section>
  );
}
