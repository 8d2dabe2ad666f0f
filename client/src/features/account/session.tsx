// Who is signed in: loaded once at start, refreshed after sign-in, sign-out and invitations.
// It also keeps the UI language and the person's profile language in step: the profile wins
// when a session starts, and a language chosen in the UI afterwards is saved to the profile.
import i18next from 'i18next';
import {
  createContext,
  startTransition,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { ReactNode } from 'react';
import type { Me, Role, SessionInfo } from '../../../../server/protocol/api.ts';
import { isLanguage } from '../../../../server/protocol/languages.ts';
import { chooseLanguage } from '../../app/i18n.ts';
import { get, onSessionLost, patch, setCsrfToken } from '../../lib/api.ts';

export interface Session {
  loading: boolean;
  person: Me | null;
  csrfToken: string | null;
  /** Reloads the session from the server. */
  refresh(): Promise<void>;
  /** Takes a SessionInfo a route already answered with (sign-in, accepting an invitation). */
  apply(info: SessionInfo): void;
  /** Takes the profile PATCH /api/me answered with. */
  updatePerson(person: Me): void;
  /**
   * Forgets the person after the server ended the session (sign-out, erasure). Call it right
   * after navigate(): both then land in one render, so no guarded page sees the person vanish.
   */
  signedOut(): void;
}

const SessionContext = createContext<Session | null>(null);

const uiLanguage = () => i18next.resolvedLanguage ?? i18next.language;

export function SessionProvider({ children }: { children: ReactNode }) {
  const [loading, setLoading] = useState(true);
  const [info, setInfo] = useState<SessionInfo>({ person: null, csrfToken: null });
  // The language listener needs the current person without re-subscribing.
  const personRef = useRef<Me | null>(null);

  const applyPerson = useCallback((person: Me | null) => {
    personRef.current = person;
    if (person && person.language !== uiLanguage()) void chooseLanguage(person.language);
  }, []);

  const apply = useCallback(
    (next: SessionInfo) => {
      setCsrfToken(next.csrfToken);
      setInfo(next);
      setLoading(false);
      applyPerson(next.person);
    },
    [applyPerson],
  );

  const refresh = useCallback(async () => {
    try {
      apply(await get<SessionInfo>('/auth/session'));
    } catch {
      // Offline or server down: carry on signed out; the next refresh tries again.
      apply({ person: null, csrfToken: null });
    }
  }, [apply]);

  const updatePerson = useCallback(
    (person: Me) => {
      setInfo((current) => ({ ...current, person }));
      applyPerson(person);
    },
    [applyPerson],
  );

  const signedOut = useCallback(() => {
    // The router navigates in a transition; clearing in one too keeps them together.
    startTransition(() => apply({ person: null, csrfToken: null }));
  }, [apply]);

  useEffect(() => {
    void refresh();
    return onSessionLost(() => void refresh());
  }, [refresh]);

  useEffect(() => {
    const saveLanguage = (language: string) => {
      const person = personRef.current;
      if (!person || !isLanguage(language) || language === person.language) return;
      personRef.current = { ...person, language };
      patch<Me>('/me', { language }).then(
        (saved) => setInfo((current) => ({ ...current, person: saved })),
        () => undefined, // the UI has changed anyway; the profile keeps its language
      );
    };
    i18next.on('languageChanged', saveLanguage);
    return () => i18next.off('languageChanged', saveLanguage);
  }, []);

  const value = useMemo<Session>(
    () => ({ loading, ...info, refresh, apply, updatePerson, signedOut }),
    [loading, info, refresh, apply, updatePerson, signedOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside <SessionProvider>');
  return session;
}

export function hasAnyRole(person: Me | null, roles: readonly Role[]): boolean {
  return !!person && person.roles.some((role) => roles.includes(role));
}
