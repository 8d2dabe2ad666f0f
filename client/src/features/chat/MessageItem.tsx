// One message in the list: who (with a role badge for staff), when in Finnish time, the text as
// plain text with links, and its state (edited, deleted, hidden, announcement).
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_MESSAGE_LENGTH, type ChatMessage } from '../../../../server/protocol/chat.ts';
import { helsinkiDate, useFormat } from '../../lib/format.ts';
import type { ChatClient } from './chatClient.ts';
import { MessageActions, type MessagePermissions } from './MessageActions.tsx';
import { MessageText } from './MessageText.tsx';
import { SharedEntry } from '../directory/SharedEntry.tsx';
import { useChatAction } from './useChatAction.ts';

export function MessageItem({
  client,
  message,
  may,
}: {
  client: ChatClient;
  message: ChatMessage;
  may: MessagePermissions;
}) {
  const { t } = useTranslation('chat');
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const announcement = message.kind === 'announcement';
  // Today's messages need only the time; older ones the date too.
  const today = helsinkiDate(new Date()) === helsinkiDate(message.sentAt);
  const classes = [
    'chat-message',
    may.own ? 'chat-own' : '',
    announcement ? 'chat-announcement' : '',
    message.hidden ? 'chat-is-hidden' : '',
    message.deleted ? 'chat-is-deleted' : '',
  ].filter(Boolean);

  let body;
  if (message.deleted) {
    body = <p className="chat-text chat-placeholder">{t('message.deleted')}</p>;
  } else if (message.hidden && !message.text) {
    body = <p className="chat-text chat-placeholder">{t('message.hidden')}</p>;
  } else if (message.entry && !editing) {
    // A shared service: its card; the plain text is the card's stand-in, shown once edited.
    body = (
      <>
        {message.hidden ? (
          <span className="chat-label chat-label-hidden">{t('message.hiddenForModerators')}</span>
        ) : null}
        {message.editedAt ? (
          <p className="chat-text" dir="auto" lang={message.lang}>
            <MessageText text={message.text} />
          </p>
        ) : null}
        <SharedEntry card={message.entry} />
      </>
    );
  } else if (editing) {
    body = <EditForm client={client} message={message} onDone={() => setEditing(false)} />;
  } else {
    // The writer's words carry the writer's language (a screen reader switches voice; older
    // messages have none and keep dir="auto"); the label in the reader's stays outside them.
    body = (
      <>
        {message.hidden ? (
          <span className="chat-label chat-label-hidden">{t('message.hiddenForModerators')}</span>
        ) : null}
        <p className="chat-text" dir="auto" lang={message.lang}>
          <MessageText text={message.text} />
        </p>
      </>
    );
  }

  return (
    <li
      className={classes.join(' ')}
      data-testid="chat-message"
      data-seq={message.seq}
      data-own={may.own}
      data-state={message.deleted ? 'deleted' : message.hidden ? 'hidden' : 'shown'}
    >
      <p className="chat-meta">
        {announcement ? (
          <span className="chat-label chat-label-announcement">{t('message.announcement')}</span>
        ) : null}
        <span className="chat-sender" dir="auto">
          {may.own ? t('message.you') : message.senderName}
        </span>
        {message.senderRole === 'family' ? null : (
          <span className="chat-role">{t(`roles.${message.senderRole}`)}</span>
        )}
        <time dateTime={message.sentAt} className="chat-time">
          {today ? format.time(message.sentAt) : format.dateTime(message.sentAt)}
        </time>
        {message.editedAt && !message.deleted ? (
          <span className="chat-edited">{t('message.edited')}</span>
        ) : null}
        {message.mentionsFacilitators && !message.deleted ? (
          <span className="chat-mention">{t('message.mentionsFacilitators')}</span>
        ) : null}
      </p>
      {body}
      {editing ? null : (
        <MessageActions
          client={client}
          message={message}
          may={may}
          onEdit={() => setEditing(true)}
        />
      )}
    </li>
  );
}

function EditForm({
  client,
  message,
  onDone,
}: {
  client: ChatClient;
  message: ChatMessage;
  onDone: () => void;
}) {
  const { t } = useTranslation('chat');
  const id = useId();
  const [text, setText] = useState(message.text);
  const field = useRef<HTMLTextAreaElement>(null);
  const { error, busy, run } = useChatAction();
  useEffect(() => field.current?.focus(), []);

  const save = async (event?: FormEvent) => {
    event?.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || trimmed.length > MAX_MESSAGE_LENGTH) return;
    if (
      trimmed === message.text ||
      (await run(() => client.edit(message.channelId, message.seq, trimmed)))
    )
      onDone();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onDone();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void save();
    }
  };

  return (
    <form className="chat-edit" onSubmit={(event) => void save(event)}>
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {t('message.editLabel')}
      </label>
      <textarea
        id={`${id}-text`}
        ref={field}
        dir="auto"
        rows={2}
        maxLength={MAX_MESSAGE_LENGTH}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {error ? (
        <p role="alert" className="chat-error">
          {error}
        </p>
      ) : null}
      <div className="chat-edit-actions">
        <button type="submit" className="chat-small" disabled={busy || !text.trim()}>
          {t('message.save')}
        </button>
        <button type="button" className="secondary chat-small" onClick={onDone}>
          {t('dialog.cancel')}
        </button>
      </div>
    </form>
  );
}
