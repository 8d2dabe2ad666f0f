// The session page's one handle on a live session: state to render and actions to call.
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { LiveClient } from './liveClient.ts';
import type { LiveActions, LiveViewState } from './liveState.ts';

export function useLiveSession(sessionId: string): { state: LiveViewState; actions: LiveActions } {
  const { i18n } = useTranslation();
  const client = useMemo(() => new LiveClient(sessionId, i18n.language), [sessionId, i18n.language]);
  useEffect(() => () => client.dispose(), [client]);
  const state = useSyncExternalStore(client.subscribe, client.getState);
  return { state, actions: client };
}
