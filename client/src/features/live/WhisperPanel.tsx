import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.ts';
import type { LiveActions, LiveViewState } from './liveState.ts';
import { sendOnEnter } from '../../lib/sendOnEnter.ts';
import { ActionError, useAction } from './useAction.tsx';

const MAX_WHISPER = 500;

/** The trainer and the facilitators talk here; families never see it. */
export function WhisperPanel({ state, actions }: { state: LiveViewState; actions: LiveActions }) {
  const { t } = useTranslation('live');
  const format = useFormat();
  const id = useId();
  const [text, setText] = useState('');
  const { error, busy, run } = useAction();
  const observer = state.admitted?.self.observer ?? false;
  const selfId = state.admitted?.self.peerId;

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    const message = text.trim();
    if (!message || busy) return;
    if (await run(() => actions.whisper(message))) setText('');
  };

  return (
    <section className="live-panel live-whispers" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('whispers.heading')}</h2>
      <p className="meta">{t('whispers.intro')}</p>
      {/* A log: new whispers are read out as they arrive. */}
      <div role="log" aria-labelledby={`${id}-h`} className="live-whisper-log">
        {state.whispers.length === 0 ? <p className="meta">{t('whispers.none')}</p> : null}
        <ol className="plain-list">
          {state.whispers.map((whisper, index) => (
            <li key={`${whisper.at}-${index}`} data-testid="whisper" className="live-whisper">
              <p className="live-whisper-meta">
                <strong dir="auto">
                  {whisper.fromPeerId === selfId ? t('whispers.you') : whisper.from}
                </strong>{' '}
                <time dateTime={whisper.at} className="meta">
                  {format.time(whisper.at)}
                </time>
              </p>
              <p className="message-text" dir="auto">
                {whisper.text}
              </p>
            </li>
          ))}
        </ol>
      </div>
      <form className="live-whisper-form" onSubmit={(event) => void send(event)}>
        <label htmlFor={`${id}-input`}>
          {observer ? t('whispers.toHosts') : t('whispers.toTrainer')}
        </label>
        <p id={`${id}-hint`} className="visually-hidden">
          {t('whispers.hint')}
        </p>
        <textarea
          id={`${id}-input`}
          data-testid="whisper-input"
          dir="auto"
          rows={2}
          maxLength={MAX_WHISPER}
          value={text}
          aria-describedby={`${id}-hint`}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={sendOnEnter(() => void send())}
        />
        <button type="submit" data-testid="whisper-send" disabled={busy}>
          {t('whispers.send')}
        </button>
      </form>
      <ActionError error={error} />
    </section>
  );
}
