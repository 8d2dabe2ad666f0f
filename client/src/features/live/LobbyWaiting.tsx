import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError, useAction } from './useAction.tsx';
import type { LiveActions } from './liveState.ts';

/** Waiting to be let in: a calm word, the facilitator's message when there is one, a way out. */
export function LobbyWaiting({
  message,
  actions,
}: {
  message: string | null;
  actions: LiveActions;
}) {
  const { t } = useTranslation('live');
  const { error, busy, run } = useAction();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <section
      className="page live-waiting"
      data-testid="lobby-waiting"
      aria-labelledby="live-waiting-h"
    >
      <h1 id="live-waiting-h" ref={heading} tabIndex={-1}>
        {t('waiting.heading')}
      </h1>
      <p className="lead">
        <span className="live-waiting-dots" aria-hidden="true" /> {t('waiting.text')}
      </p>
      {/* Present from the start, so a message that arrives later is read out. */}
      <div aria-live="polite">
        {message ? (
          <div className="notice">
            <p className="notice-title">{t('waiting.message')}</p>
            <p className="message-text" data-testid="lobby-message" dir="auto">
              {message}
            </p>
          </div>
        ) : null}
      </div>
      <p className="actions">
        <button
          type="button"
          className="secondary"
          disabled={busy}
          onClick={() => void run(() => actions.leave())}
        >
          {t('waiting.leave')}
        </button>
      </p>
      <ActionError error={error} />
    </section>
  );
}
