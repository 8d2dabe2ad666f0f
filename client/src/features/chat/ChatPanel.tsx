// A channel's chat: the messages, who is typing, and the composer (or a note when one may only
// read). Used beside a group's page, in a live session's side panel and on /messages. New
// messages from others are announced once, politely, by a visually hidden live region (also
// while a live room's chat panel is closed).
import { memo, useEffect, useId, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelView } from './chatClient.ts';
import { Composer } from './Composer.tsx';
import { MessageLog } from './MessageLog.tsx';
import { TypingLine } from './TypingLine.tsx';
import { useChatClient } from './ChatProvider.tsx';
import { useChannel, useChatOnline } from './useChat.ts';
import './chat.css';
import { isolate } from '../../lib/bidi.tsx';

/** Memoised: a live room re-renders on every join and media change; its chat needs not. */
export const ChatPanel = memo(function ChatPanel({
  channelId,
  title,
  level = 2,
  id,
  hidden = false,
  onClose,
  headingRef,
  mentions = true,
}: {
  channelId: string;
  title: string;
  level?: 2 | 3;
  id?: string;
  hidden?: boolean;
  onClose?: () => void;
  headingRef?: RefObject<HTMLHeadingElement | null>;
  /** False where nobody facilitates (a partnership table): no "ask the facilitators" box. */
  mentions?: boolean;
}) {
  const { t } = useTranslation('chat');
  const client = useChatClient();
  const view = useChannel(channelId);
  const online = useChatOnline();
  const headingId = useId();
  const news = useNewMessageNews(view);
  if (!client || !view) return null;
  const Heading = level === 2 ? 'h2' : 'h3';
  const kind = channelId.split(':')[0];
  const state = view.state;

  return (
    <>
      <section
        id={id}
        className="chat-panel"
        aria-labelledby={headingId}
        hidden={hidden}
        data-testid="chat-panel"
        data-channel={channelId}
      >
        <div className="chat-head">
          <Heading id={headingId} ref={headingRef} tabIndex={-1} dir="auto">
            {title}
          </Heading>
          {onClose ? (
            <button type="button" className="secondary chat-small" onClick={onClose}>
              {t('panel.close')}
            </button>
          ) : null}
        </div>
        {online ? null : (
          <p className="chat-offline" role="status">
            {t('panel.offline')}
          </p>
        )}
        {view.status === 'error' ? (
          <p role="alert" className="chat-error">
            {view.error || t('panel.loadFailed')}
          </p>
        ) : (
          <MessageLog client={client} view={view} labelledBy={headingId} />
        )}
        <TypingLine names={view.typing} />
        {state && !state.canPost ? (
          <p className="chat-readonly" data-testid="chat-readonly">
            {t('panel.readOnly')}
          </p>
        ) : state && view.status === 'ready' ? (
          <Composer
            client={client}
            channelId={channelId}
            // Members ask for the facilitators' attention; the facilitators need not.
            offerMention={
              mentions && !state.canModerate && (kind === 'group' || kind === 'session')
            }
          />
        ) : null}
      </section>
      {/* Beside the panel, not in it: a live room's closed (hidden) chat still says what came. */}
      <div
        className="visually-hidden"
        aria-live="polite"
        aria-atomic="true"
        data-testid="chat-news"
      >
        {news ? <p key={news.seq}>{news.text}</p> : null}
      </div>
    </>
  );
});

/** What the live region says about messages from others that arrived while open. */
function useNewMessageNews(view: ChannelView | null) {
  const { t } = useTranslation('chat');
  const [news, setNews] = useState<{ seq: number; text: string } | null>(null);
  // Whatever was there when the panel opened is not news.
  const seen = useRef<number | null>(null);
  const ready = view?.status === 'ready';
  const liveSeq = view?.liveSeq ?? 0;
  const messages = view?.messages;
  const myKey = view?.state?.myKey;

  useEffect(() => {
    if (!ready || !messages) return;
    if (seen.current === null) {
      seen.current = liveSeq;
      return;
    }
    const since = seen.current;
    if (liveSeq <= since) return;
    seen.current = liveSeq;
    const fresh = messages.filter(
      (m) => m.seq > since && m.seq <= liveSeq && m.senderKey !== myKey && m.text && !m.deleted,
    );
    const last = fresh.at(-1);
    if (!last) return;
    const text = t('panel.newMessage', {
      name: isolate(last.senderName),
      text: isolate(last.text.slice(0, 300)),
    });
    setNews({
      seq: last.seq,
      text: fresh.length > 1 ? `${t('panel.newMessages', { count: fresh.length })} ${text}` : text,
    });
  }, [ready, liveSeq, messages, myKey, t]);

  return news;
}
