// The chat of my breakout room, shown in place of the group's chat while I am in one. It is not
// stored: only those in the room now read it, and it is gone when the rooms close.
import { useId, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.ts';
import { sendOnEnter } from '../../lib/sendOnEnter.ts';
import type { LiveActions, LiveViewState } from './liveState.ts';
import { ActionError, useAction } from './useAction.tsx';

export function BreakoutChat({
  id,
  state,
  actions,
  hidden,
  headingRef,
  onClose,
}: {
  id: string;
  state: LiveViewState;
  actions: LiveActions;
  hidden: boolean;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onClose: () => void;
}) {
  const { t } = useTranslation('live');
  const format = useFormat();
  const uid = useId();
  const [text, setText] = useState('');
  const { error, busy, run } = useAction();
  const self = state.admitted?.self.peerId;
  const number = state.breakout?.room?.number ?? 0;

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    const message = text.trim();
    if (!message || busy) return;
    if (await run(() => actions.sayInBreakout(message))) setText('');
  };

  return (
    <section
      id={id}
      className="live-panel live-whispers"
      hidden={hidden}
      aria-labelledby={`${uid}-h`}
    >
      <div className="live-panel-head">
        <h2 id={`${uid}-h`} ref={headingRef} tabIndex={-1}>
          {t('breakout.chatTitle', { number })}
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('breakout.closeChat')}
        </button>
      </div>
      <p className="meta">{t('breakout.chatIntro')}</p>
      <div role="log" aria-labelledby={`${uid}-h`} className="live-whisper-log">
        <ol className="plain-list">
          {state.breakoutChat.map((m, index) => (
            <li key={`${m.at}-${index}`} className="live-whisper" data-testid="breakout-message">
              <p className="live-whisper-meta">
                <strong dir="auto">{m.fromPeerId === self ? t('whispers.you') : m.from}</strong>{' '}
                {m.broadcast ? <span className="meta">{t('breakout.toAllRooms')}</span> : null}{' '}
                <time dateTime={m.at} className="meta">
                  {format.time(m.at)}
                </time>
              </p>
              <p className="message-text" dir="auto">
                {m.text}
              </p>
            </li>
          ))}
        </ol>
      </div>
      <form className="live-whisper-form" onSubmit={(event) => void send(event)}>
        <label htmlFor={`${uid}-input`}>{t('breakout.message')}</label>
        <textarea
          id={`${uid}-input`}
          data-testid="breakout-input"
          dir="auto"
          rows={2}
          maxLength={1000}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={sendOnEnter(() => void send())}
        />
        <button type="submit" disabled={busy}>
          {t('breakout.send')}
        </button>
      </form>
      <ActionError error={error} />
    </section>
  );
}
