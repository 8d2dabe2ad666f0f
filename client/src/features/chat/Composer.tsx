// Writing a message: Enter sends, Shift+Enter starts a new line, a counter shows the length
// against the limit, and members may ask for the facilitators' attention ("@ facilitator").
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_MESSAGE_LENGTH } from '../../../../server/protocol/chat.ts';
import { useFormat } from '../../lib/format.ts';
import { sendOnEnter } from '../../lib/sendOnEnter.ts';
import type { ChatClient } from './chatClient.ts';

/** Below this many characters left, the counter is also read out. */
const WARN_LEFT = 100;

export function Composer({
  client,
  channelId,
  offerMention,
}: {
  client: ChatClient;
  channelId: string;
  offerMention: boolean;
}) {
  const { t } = useTranslation('chat');
  const format = useFormat();
  const id = useId();
  const [text, setText] = useState('');
  const [mention, setMention] = useState(false);
  const length = text.trim().length;
  const left = MAX_MESSAGE_LENGTH - length;

  const send = (event?: FormEvent) => {
    event?.preventDefault();
    const trimmed = text.trim();
    if (!trimmed || left < 0) return;
    client.send(channelId, trimmed, offerMention && mention);
    setText('');
    setMention(false);
  };

  return (
    <form className="chat-composer" onSubmit={send} data-testid="chat-composer">
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {t('composer.label')}
      </label>
      <p id={`${id}-hint`} className="visually-hidden">
        {t('composer.hint', {
          count: MAX_MESSAGE_LENGTH,
          max: format.number(MAX_MESSAGE_LENGTH),
        })}
      </p>
      <textarea
        id={`${id}-text`}
        data-testid="chat-input"
        dir="auto"
        rows={2}
        value={text}
        aria-describedby={`${id}-hint ${id}-count`}
        aria-invalid={left < 0 ? true : undefined}
        placeholder={t('composer.placeholder')}
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value.trim()) client.typing(channelId);
        }}
        onKeyDown={sendOnEnter(send)}
      />
      <div className="chat-composer-row">
        {offerMention ? (
          <label className="chat-mention-toggle">
            <input
              type="checkbox"
              data-testid="chat-mention"
              checked={mention}
              onChange={(event) => setMention(event.target.checked)}
            />
            <span>{t('composer.mention')}</span>
            <span className="visually-hidden"> {t('composer.mentionHint')}</span>
          </label>
        ) : null}
        <span
          id={`${id}-count`}
          className={`chat-counter${left < 0 ? ' chat-counter-over' : ''}`}
          aria-live={left < WARN_LEFT ? 'polite' : 'off'}
        >
          {left < 0
            ? t('composer.tooLong', { count: -left })
            : t('composer.counter', {
                length: format.number(length),
                max: format.number(MAX_MESSAGE_LENGTH),
              })}
        </span>
        <button type="submit" data-testid="chat-send" disabled={length === 0 || left < 0}>
          {t('composer.send')}
        </button>
      </div>
    </form>
  );
}
