import { useCallback } from 'react';
import {
  sessionState,
  type SessionState,
  type SessionTimes,
} from '../../../../server/protocol/sessionState.ts';
import { useNow } from '../live/useNow.ts';

/**
 * What sessions are now, by the rule the server uses (server/protocol/sessionState.ts), with the
 * clock moving: "Join" appears when the window opens and goes when the session is over.
 */
export function useSessionState(): (session: SessionTimes) => SessionState {
  const now = useNow(15_000);
  return useCallback((session: SessionTimes) => sessionState(session, now), [now]);
}

/** The next session that still takes place (not cancelled, not over): what a card names. */
export function nextSession<T extends SessionTimes>(sessions: readonly T[]): T | undefined {
  const now = Date.now();
  return sessions.find((s) => !['cancelled', 'ended'].includes(sessionState(s, now)));
}
