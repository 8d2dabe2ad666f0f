// A coordinator's announcement: to one group's channel (on the group page) or to every
// facilitator and trainer (on /messages). One client id per announcement, kept until it is
// acknowledged, so pressing Send again after a timeout never announces twice.
import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_MESSAGE_LENGTH } from '../../../../server/protocol/chat.ts';
import { useFormat } from '../../lib/format.ts';
import { useChatClient } from './ChatProvider.tsx';
import { newClientId } from './outbox.ts';
import { useChatAction } from './useChatAction.ts';
import './chat.css';

export function AnnouncementForm({
  to,
  heading,
}: {
  to: { groupId: string } | { facilitators: true };
  heading: string;
}) {
  const { t } = useTranslation('chat');
  const format = useFormat();
  const client = useChatClient();
  const id = useId();
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const clientId = useRef(newClientId());
  const { error, busy, run } = useChatAction();
  if (!client) return null;
  const length = text.trim().length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!length || length > MAX_MESSAGE_LENGTH) return;
    setSent(false);
    if (await run(() => client.announce(to, text.trim(), clientId.current))) {
      clientId.current = newClientId();
      setText('');
      setSent(true);
    }
  };

  return (
    <section className="card chat-announce" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{heading}</h2>
      <form noValidate onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor={`${id}-text`}>{t('announce.label')}</label>
          <p id={`${id}-hint`} className="field-hint">
            {t('announce.hint')}
          </p>
          <textarea
            id={`${id}-text`}
            data-testid="announce-text"
            dir="auto"
            rows={3}
            value={text}
            aria-describedby={`${id}-hint ${id}-count`}
            aria-invalid={length > MAX_MESSAGE_LENGTH ? true : undefined}
            onChange={(event) => {
              setText(event.target.value);
              setSent(false);
            }}
          />
          <p
            id={`${id}-count`}
            className={`chat-counter${length > MAX_MESSAGE_LENGTH ? ' chat-counter-over' : ''}`}
          >
            {t('composer.counter', {
              length: format.number(length),
              max: format.number(MAX_MESSAGE_LENGTH),
            })}
          </p>
        </div>
        {error ? (
          <p role="alert" className="chat-error">
            {error}
          </p>
        ) : null}
        <p role="status">{sent ? t('announce.sent') : null}</p>
        <button
          type="submit"
          data-testid="announce-send"
          disabled={busy || !length || length > MAX_MESSAGE_LENGTH}
        >
          {t('announce.send')}
        </button>
      </form>
    </section>
  );
}
