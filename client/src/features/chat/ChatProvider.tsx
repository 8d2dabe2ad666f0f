// Makes the app-wide chat connection while someone who may chat is signed in, and closes it on
// sign-out (or when another person signs in), forgetting their unsent messages. The client code (and socket.io-client with it) is
// loaded only then: a visitor browsing the catalogue never downloads it.
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { hasAnyRole, useSession } from '../account/session.tsx';
import type { ChatClient } from './chatClient.ts';
import { discardOutbox } from './outbox.ts';

const ChatContext = createContext<ChatClient | null>(null);

export function ChatProvider({ children }: { children: ReactNode }) {
  const { person } = useSession();
  const { i18n } = useTranslation();
  const [client, setClient] = useState<ChatClient | null>(null);
  const personId = person?.id ?? null;
  // Partners chat only at the partnership tables they sit at (the server decides per channel).
  const chats = hasAnyRole(person, ['family', 'facilitator', 'trainer', 'coordinator', 'partner']);

  // Someone signed out (or another person signed in): their unsent messages go.
  const previous = useRef(personId);
  useEffect(() => {
    if (previous.current && previous.current !== personId) discardOutbox(previous.current);
    previous.current = personId;
  }, [personId]);

  useEffect(() => {
    if (!personId || !chats) return;
    let current = true;
    let made: ChatClient | null = null;
    void import('./chatClient.ts').then(({ ChatClient }) => {
      if (!current) return;
      made = new ChatClient(personId, () => i18n.resolvedLanguage ?? i18n.language);
      setClient(made);
    });
    return () => {
      current = false;
      made?.close();
      setClient(null);
    };
  }, [personId, chats, i18n]);

  return <ChatContext.Provider value={client}>{children}</ChatContext.Provider>;
}

/** The chat connection, or null (signed out, not a chat role, or still loading). */
export function useChatClient(): ChatClient | null {
  return useContext(ChatContext);
}
