// The scrolling list of a channel's messages, newest at the bottom. It stays at the bottom when
// new messages come (if one was there already, or just sent something), keeps its place when
// earlier messages are loaded above, and marks what is on screen as read.
import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelView, ChatClient } from './chatClient.ts';
import { MessageItem } from './MessageItem.tsx';
import { PendingItem } from './PendingItem.tsx';
import { useReadMarker } from './useReadMarker.ts';

/** Closer to the bottom than this counts as "at the bottom". */
const NEAR_BOTTOM_PX = 48;

export function MessageLog({
  client,
  view,
  labelledBy,
}: {
  client: ChatClient;
  view: ChannelView;
  labelledBy: string;
}) {
  const { t } = useTranslation('chat');
  const log = useRef<HTMLDivElement>(null);
  const bottom = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const pendingBefore = useRef(view.pending.length);
  /** Where the list stood before loading earlier messages (restored once they are in). */
  const anchor = useRef<{ firstSeq: number; height: number; top: number } | null>(null);
  const firstSeq = view.messages[0]?.seq ?? 0;
  const lastSeq = view.messages.at(-1)?.seq ?? 0;
  const myKey = view.state?.myKey;
  const canPost = view.state?.canPost ?? false;
  const canModerate = view.state?.canModerate ?? false;
  useReadMarker(client, view, bottom);

  useLayoutEffect(() => {
    const element = log.current;
    if (!element) return;
    const held = anchor.current;
    if (held && held.firstSeq !== firstSeq) {
      element.scrollTop = element.scrollHeight - held.height + held.top;
      anchor.current = null;
      return;
    }
    // Something I just wrote: show it, wherever I was.
    if (view.pending.length > pendingBefore.current) atBottom.current = true;
    pendingBefore.current = view.pending.length;
    if (atBottom.current) element.scrollTop = element.scrollHeight;
  }, [firstSeq, lastSeq, view.pending.length, view.typing.length]);

  const loadEarlier = () => {
    const element = log.current;
    if (element) {
      anchor.current = { firstSeq, height: element.scrollHeight, top: element.scrollTop };
    }
    client.loadEarlier(view.channelId).catch(() => {
      anchor.current = null;
    });
  };

  return (
    // aria-live is off: new messages are announced once, by the panel's own live region.
    <div
      ref={log}
      className="chat-log"
      role="log"
      aria-live="off"
      aria-labelledby={labelledBy}
      tabIndex={0}
      data-testid="chat-log"
      onScroll={(event) => {
        const element = event.currentTarget;
        atBottom.current =
          element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
      }}
    >
      {view.hasMore ? (
        <p className="chat-earlier">
          <button
            type="button"
            className="secondary chat-small"
            data-testid="load-earlier"
            disabled={view.loadingEarlier}
            onClick={loadEarlier}
          >
            {view.loadingEarlier ? t('panel.loadingEarlier') : t('panel.loadEarlier')}
          </button>
        </p>
      ) : null}
      {view.status === 'loading' ? (
        <p className="chat-empty" role="status">
          {t('panel.loading')}
        </p>
      ) : view.messages.length === 0 && view.pending.length === 0 ? (
        <p className="chat-empty">{canPost ? t('panel.empty') : t('panel.emptyReadOnly')}</p>
      ) : null}
      <ol className="plain-list chat-messages">
        {view.messages.map((message) => (
          <MessageItem
            key={message.seq}
            client={client}
            message={message}
            may={{ own: message.senderKey === myKey, canPost, canModerate }}
          />
        ))}
        {view.pending.map((entry) => (
          <PendingItem key={entry.clientId} client={client} entry={entry} />
        ))}
      </ol>
      <div ref={bottom} className="chat-bottom" aria-hidden="true" />
    </div>
  );
}
