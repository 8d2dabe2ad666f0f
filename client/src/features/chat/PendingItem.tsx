// One of my messages not yet acknowledged: "sending…", "not sent yet, trying again…", or refused
// by the server (with its reason), then to try again or discard.
import { useTranslation } from 'react-i18next';
import type { ChatClient } from './chatClient.ts';
import { MessageText } from './MessageText.tsx';
import type { OutboxEntry } from './outbox.ts';

export function PendingItem({ client, entry }: { client: ChatClient; entry: OutboxEntry }) {
  const { t } = useTranslation('chat');
  return (
    <li
      className="chat-message chat-own chat-pending"
      data-testid="chat-pending"
      data-status={entry.status}
    >
      <p className="chat-meta">
        <span className="chat-sender">{t('message.you')}</span>
        <span className={`chat-status chat-status-${entry.status}`}>
          {entry.status === 'sending' ? (
            <>
              <span className="chat-spinner" aria-hidden="true" /> {t('message.sending')}
            </>
          ) : entry.status === 'retrying' ? (
            t('message.retrying')
          ) : (
            t('message.notSent')
          )}
        </span>
      </p>
      <p className="chat-text" dir="auto">
        <MessageText text={entry.text} />
      </p>
      {entry.status === 'failed' ? (
        <>
          {entry.error ? <p className="chat-error">{entry.error}</p> : null}
          <div className="chat-edit-actions">
            <button
              type="button"
              className="secondary chat-small"
              onClick={() => client.retry(entry.clientId)}
            >
              {t('message.retry')}
            </button>
            <button
              type="button"
              className="secondary chat-small"
              onClick={() => client.discard(entry.clientId)}
            >
              {t('message.discard')}
            </button>
          </div>
        </>
      ) : null}
    </li>
  );
}
