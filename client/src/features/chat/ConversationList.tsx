// Every conversation I can read, newest activity first, each with its last message, time and an
// unread badge (read out with the link: "Arki kahdessa kulttuurissa, 2 unread").
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ConversationSummary } from '../../../../server/protocol/chat.ts';
import { helsinkiDate, useFormat } from '../../lib/format.ts';
import { channelPath, useConversationText } from './conversationText.ts';

export function ConversationList({
  conversations,
  current,
}: {
  conversations: readonly ConversationSummary[];
  current: string | null;
}) {
  const { t } = useTranslation('chat');
  const format = useFormat();
  const text = useConversationText();
  const today = helsinkiDate(new Date());

  return (
    <ul className="plain-list chat-conversations" data-testid="conversation-list">
      {conversations.map((c) => {
        const sentAt = c.lastMessage?.sentAt;
        return (
          <li
            key={c.channelId}
            className={`chat-conversation${c.unread > 0 ? ' chat-unread' : ''}`}
            data-testid="conversation"
            data-channel={c.channelId}
            data-unread={c.unread}
          >
            <Link
              to={channelPath(c.channelId)}
              aria-current={c.channelId === current ? 'page' : undefined}
            >
              <span className="chat-conversation-title" dir="auto">
                {text.title(c)}
              </span>
              {c.unread > 0 ? (
                <span className="badge" data-testid="conversation-unread">
                  <span aria-hidden="true">{format.number(c.unread)}</span>
                  <span className="visually-hidden">
                    {t('conversations.unread', { count: c.unread })}
                  </span>
                </span>
              ) : null}
            </Link>
            <p className="chat-conversation-kind meta">{text.subtitle(c)}</p>
            <Preview {...text.preview(c)} />
            {sentAt ? (
              <p className="meta">
                <time dateTime={sentAt}>
                  {helsinkiDate(sentAt) === today ? format.time(sentAt) : format.date(sentAt)}
                </time>
              </p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** "Anna: …" with the name and the text isolated: an Arabic message in a Finnish list reads right. */
function Preview({ name, text }: { name: string | null; text: string }) {
  const { t } = useTranslation('chat');
  if (!name) return <p className="chat-conversation-preview">{text}</p>;
  // The translation decides the order; each value goes into its own <bdi>.
  const template = t('conversations.preview', { name: '{{name}}', text: '{{text}}' });
  return (
    <p className="chat-conversation-preview">
      {template
        .split(/(\{\{name\}\}|\{\{text\}\})/)
        .map((part, i) =>
          part === '{{name}}' ? (
            <bdi key={i}>{name}</bdi>
          ) : part === '{{text}}' ? (
            <bdi key={i}>{text}</bdi>
          ) : (
            part
          ),
        )}
    </p>
  );
}
