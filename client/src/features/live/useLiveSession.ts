// The session page's one handle on a live session: state to render and actions to call.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { LiveClient } from './liveClient.ts';
import type { LiveActions, LiveViewState } from './liveState.ts';

export function useLiveSession(sessionId: string): { state: LiveViewState; actions: LiveActions } {
  const { i18n } = useTranslation();
  // One client per page: the page is keyed by session id. The language is read when (re)joining,
  // so switching it mid-session does not drop anyone out.
  const [client] = useState(() => new LiveClient(sessionId, () => i18n.language));
  useEffect(() => client.retain(), [client]);
  const state = useSyncExternalStore(client.subscribe, client.getState);
  return { state, actions: client };
}
