import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../../lib/api.ts';
import { errorsFrom } from '../../lib/forms/errors.ts';
import { useResource } from '../../lib/useResource.ts';

/** The private calendar feed: copy it into a calendar app; a new address stops the old one. */
export function CalendarFeedSection() {
  const { t } = useTranslation('groups');
  const feed = useResource<{ url: string }>('/me/calendar');
  const [url, setUrl] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const shown = url ?? feed.data?.url ?? '';

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(shown);
      setMessage(t('calendar.copied'));
    } catch {
      input.current?.select();
      setMessage(t('calendar.copyByHand'));
    }
  };
  const rotate = async () => {
    setBusy(true);
    try {
      setUrl((await post<{ url: string }>('/me/calendar')).url);
      setMessage(t('calendar.rotated'));
      setConfirming(false);
    } catch (error) {
      setMessage(errorsFrom(error, t).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="section" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">{t('calendar.title')}</h2>
      <p>{t('calendar.intro')}</p>
      <p className="field-hint">{t('calendar.private')}</p>
      {feed.error ? <p role="alert">{feed.error.message}</p> : null}
      <label htmlFor={id}>{t('calendar.address')}</label>
      <div className="copy-row field">
        <input
          ref={input}
          id={id}
          readOnly
          value={shown}
          dir="ltr"
          onFocus={(event) => event.target.select()}
        />
        <button type="button" disabled={!shown} onClick={() => void copy()}>
          {t('calendar.copy')}
        </button>
      </div>
      {confirming ? (
        <div className="notice">
          <p>{t('calendar.rotateWarning')}</p>
          <div className="actions">
            <button type="button" className="danger" disabled={busy} onClick={() => void rotate()}>
              {t('calendar.rotateYes')}
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t('calendar.rotateNo')}
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => setConfirming(true)}>
            {t('calendar.rotate')}
          </button>
        </div>
      )}
      <p role="status">{message}</p>
    </section>
  );
}
