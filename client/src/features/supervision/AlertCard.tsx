import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { supervisionSchemas, type AlertInfo } from '../../../../server/protocol/supervision.ts';
import { post } from '../../lib/api.ts';
import { useFormat } from '../../lib/format.ts';
import { validate } from '../../lib/forms/errors.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { TextAreaField } from '../../lib/forms/fields.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { LocalText } from '../groups/groupText.tsx';
import { isolate } from '../../lib/bidi.tsx';

/**
 * A safeguarding alert: what the facilitator wrote, where, and — while open — the trainer's
 * acknowledgement with an optional note. Marked by its frame and heading, not by role="alert":
 * it is read in turn, not shouted over the page.
 */
export function AlertCard({
  alert,
  onAcknowledged,
  heading: Heading = 'h3',
}: {
  alert: AlertInfo;
  onAcknowledged: (alert: AlertInfo) => void;
  heading?: 'h2' | 'h3';
}) {
  const { t } = useTranslation('supervision');
  const format = useFormat();
  const open = alert.acknowledgedAt === null;
  return (
    <article
      className={`card alert-card${open ? ' open' : ''}`}
      data-testid="safeguarding-alert"
      data-state={open ? 'open' : 'acknowledged'}
      aria-labelledby={`alert-${alert.id}`}
    >
      <Heading id={`alert-${alert.id}`} className="alert-heading">
        <span className="alert-mark">{t('alerts.kind')}</span>{' '}
        <LocalText texts={alert.groupTitle} />
      </Heading>
      <p className="meta">
        {t('alerts.from', { name: isolate(alert.facilitatorName) })} ·{' '}
        {t('alerts.session', { time: format.sessionTime(alert.sessionStartsAt) })} ·{' '}
        {t('alerts.opened', { time: format.dateTime(alert.openedAt) })}
      </p>
      <blockquote className="message-text alert-concern" dir="auto">
        {alert.concern}
      </blockquote>
      <p>
        <Link to={`/reports/${alert.reportId}`}>{t('alerts.readReport')}</Link>
      </p>
      {open ? (
        <AcknowledgeForm alert={alert} onAcknowledged={onAcknowledged} />
      ) : (
        <div className="notice">
          <p>{t('alerts.acknowledged', { time: format.dateTime(alert.acknowledgedAt ?? '') })}</p>
          {alert.note ? (
            <p className="message-text" dir="auto">
              {alert.note}
            </p>
          ) : null}
        </div>
      )}
    </article>
  );
}

function AcknowledgeForm({
  alert,
  onAcknowledged,
}: {
  alert: AlertInfo;
  onAcknowledged: (alert: AlertInfo) => void;
}) {
  const { t } = useTranslation('supervision');
  const [note, setNote] = useState('');
  const { errors, fieldId, busy, submit } = useFormSubmit();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(validate(supervisionSchemas.acknowledge, { note }, t), async (data) => {
      onAcknowledged(await post<AlertInfo>(`/alerts/${alert.id}/acknowledge`, data));
    });
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={{ note: t('alerts.note') }} />
      <TextAreaField
        id={fieldId('note')}
        label={t('alerts.note')}
        hint={t('alerts.noteHint')}
        error={errors.fields.note}
        rows={2}
        maxLength={1000}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <div className="actions">
        <button type="submit" disabled={busy} data-testid="acknowledge-button">
          {t('alerts.acknowledge')}
        </button>
      </div>
    </form>
  );
}
