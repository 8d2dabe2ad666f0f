import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JoinOptions } from './liveState.ts';

/** The trainer's way in: no camera or microphone, only what observing means for others. */
export function ObserverPrejoin({
  error,
  onJoin,
}: {
  error: string | null;
  onJoin: (options: JoinOptions) => Promise<boolean>;
}) {
  const { t } = useTranslation('live');
  const id = useId();
  const [busy, setBusy] = useState(false);

  const observe = async () => {
    setBusy(true);
    if (!(await onJoin({ mode: 'observer', micOn: false, cameraOn: false }))) setBusy(false);
  };

  return (
    <section className="page live-prejoin" data-testid="prejoin" aria-labelledby={`${id}-h`}>
      <h1 id={`${id}-h`}>{t('observe.heading')}</h1>
      <div className="notice">
        <p className="lead">{t('observe.text')}</p>
        <p>{t('observe.facilitators')}</p>
      </div>
      {error ? (
        <p role="alert" className="error-summary">
          {error}
        </p>
      ) : null}
      <p className="actions">
        <button
          type="button"
          className="join-button"
          data-testid="join-button"
          disabled={busy}
          onClick={() => void observe()}
        >
          {t('observe.button')}
        </button>
      </p>
    </section>
  );
}
