// "Who is around" in a group: a dot and a word for each state (never colour alone). Shown only
// when the server answered; presence is a hint, its absence is not an error.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PresenceEntry } from '../../../../server/protocol/chat.ts';
import { usePresence } from './useChat.ts';
import { isolate } from '../../lib/bidi.tsx';

const ORDER: Record<PresenceEntry['state'], number> = {
  inSession: 0,
  online: 1,
  away: 2,
  offline: 3,
};

export function PresenceList({ groupId, myKey }: { groupId: string; myKey: string | null }) {
  const { t } = useTranslation('chat');
  const id = useId();
  const members = usePresence(groupId);
  if (!members) return null;
  const around = members
    .filter((m) => m.state !== 'offline')
    .sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.name.localeCompare(b.name));

  return (
    <section className="chat-presence" aria-labelledby={`${id}-h`} data-testid="presence">
      <h2 id={`${id}-h`}>{t('presence.title')}</h2>
      {around.length === 0 ? (
        <p className="meta">{t('presence.nobody')}</p>
      ) : (
        <ul className="plain-list">
          {around.map((m) => (
            <li key={m.key} data-state={m.state}>
              <span className={`chat-dot chat-dot-${m.state}`} aria-hidden="true" />
              <span dir="auto">
                {m.key === myKey ? t('presence.you', { name: isolate(m.name) }) : m.name}
              </span>
              {m.role === 'family' ? null : (
                <span className="chat-role">{t(`roles.${m.role}`)}</span>
              )}
              <span className="chat-presence-state">{t(`presence.states.${m.state}`)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
