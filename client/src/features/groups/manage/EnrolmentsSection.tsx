import { useState } from 'react';
import type { FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { PersonName } from '../../../lib/bidi.tsx';
import {
  groupSchemas,
  type EnrolmentInfo,
  type GroupDetail,
} from '../../../../../server/protocol/groups.ts';
import { post } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import { ErrorSummary } from '../../../lib/forms/ErrorSummary.tsx';
import { errorsFrom, useFormErrors, validate } from '../../../lib/forms/errors.ts';
import { TextField } from '../../../lib/forms/fields.tsx';
import { useResource } from '../../../lib/useResource.ts';
import { EnrolmentStatusText } from '../EnrolmentStatus.tsx';
import { useGroupChanges } from '../useGroupChanges.ts';

const GROUPS = [
  ['pending', 'enrolments.pending'],
  ['confirmed', 'enrolments.confirmed'],
  ['waitlisted', 'enrolments.waitlisted'],
] as const;

/** The roster: approve those waiting for approval, remove (with a reason) anyone active. */
export function EnrolmentsSection({
  group,
  readOnly,
  onChange,
}: {
  group: GroupDetail;
  readOnly: boolean;
  onChange: () => void;
}) {
  const { t } = useTranslation('groups');
  const format = useFormat();
  const list = useResource<EnrolmentInfo[]>(`/groups/${group.id}/enrolments`);
  useGroupChanges([group.id], list.reload);
  const [message, setMessage] = useState<string | null>(null);
  const all = list.data ?? [];
  const ended = all.filter((e) => e.status === 'cancelled' || e.status === 'removed');
  const changed = (text: string) => {
    setMessage(text);
    list.reload();
    onChange();
  };

  return (
    <section className="section" aria-labelledby="enrolments-heading">
      <h2 id="enrolments-heading">{t('enrolments.title')}</h2>
      <p>
        {t('enrolments.summary', {
          taken: group.capacity - group.freePlaces,
          capacity: group.capacity,
          waitlist: group.waitlistLength,
        })}
      </p>
      {list.error ? (
        <p className="error-summary" role="alert">
          {list.error.message}
        </p>
      ) : null}
      <p role="status">{list.loading && !list.data ? t('common:loading') : message}</p>
      {GROUPS.map(([status, heading]) => {
        const rows = all
          .filter((e) => e.status === status)
          .sort((a, b) => (a.waitlistPosition ?? 0) - (b.waitlistPosition ?? 0));
        return (
          <div key={status}>
            <h3>
              {t('enrolments.headingCount', {
                heading: t(heading),
                number: format.number(rows.length),
              })}
            </h3>
            {rows.length === 0 ? <p className="meta">{t('enrolments.nobody')}</p> : null}
            <ul className="plain-list">
              {rows.map((enrolment) => (
                <EnrolmentRow
                  key={enrolment.id}
                  group={group}
                  enrolment={enrolment}
                  readOnly={readOnly}
                  onChanged={changed}
                />
              ))}
            </ul>
          </div>
        );
      })}
      {ended.length > 0 ? (
        <details>
          <summary>{t('enrolments.endedCount', { number: format.number(ended.length) })}</summary>
          <ul>
            {ended.map((e) => (
              <li key={e.id}>
                <Trans
                  t={t}
                  i18nKey="enrolments.endedLine"
                  components={{
                    name: <PersonName name={e.displayName} />,
                    status: <EnrolmentStatusText enrolment={e} short />,
                  }}
                />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function EnrolmentRow({
  group,
  enrolment,
  readOnly,
  onChanged,
}: {
  group: GroupDetail;
  enrolment: EnrolmentInfo;
  readOnly: boolean;
  onChanged: (message: string) => void;
}) {
  const { t } = useTranslation('groups');
  const format = useFormat();
  const { errors, setErrors, fieldId, clear } = useFormErrors();
  const [removing, setRemoving] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const base = `/groups/${group.id}/enrolments/${enrolment.id}`;
  const name = enrolment.displayName;

  const act = async (work: () => Promise<unknown>, done: string) => {
    clear();
    setBusy(true);
    try {
      await work();
      onChanged(done);
    } catch (error) {
      setErrors(errorsFrom(error, t));
      setBusy(false);
    }
  };
  const onRemove = (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(groupSchemas.removeEnrolment, { reason }, t);
    if (checked.errors) return setErrors(checked.errors);
    void act(() => post(`${base}/remove`, checked.data), t('enrolments.removed', { name }));
  };

  return (
    <li className="card roster-row">
      <p>
        <strong>{name}</strong> · <EnrolmentStatusText enrolment={enrolment} short />
      </p>
      <p className="meta">{t('enrolments.since', { date: format.date(enrolment.createdAt) })}</p>
      {readOnly ? null : (
        <>
          <ErrorSummary
            errors={errors}
            fieldId={fieldId}
            labels={{ reason: t('enrolments.reason') }}
          />
          {removing ? (
            <form className="form" noValidate onSubmit={onRemove}>
              <TextField
                id={fieldId('reason')}
                label={t('enrolments.reason')}
                hint={t('enrolments.reasonHint')}
                error={errors.fields.reason}
                value={reason}
                maxLength={300}
                onChange={(event) => setReason(event.target.value)}
                required
              />
              <div className="actions">
                <button type="submit" className="danger" disabled={busy}>
                  {t('enrolments.removeConfirm', { name })}
                </button>
                <button type="button" className="secondary" onClick={() => setRemoving(false)}>
                  {t('enrolments.keep')}
                </button>
              </div>
            </form>
          ) : (
            <div className="actions">
              {enrolment.status === 'pending' ? (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    void act(() => post(`${base}/approve`), t('enrolments.approved', { name }))
                  }
                >
                  {t('enrolments.approve')}
                  <span className="visually-hidden"> {name}</span>
                </button>
              ) : null}
              <button type="button" className="secondary" onClick={() => setRemoving(true)}>
                {t('enrolments.remove')}
                <span className="visually-hidden"> {name}</span>
              </button>
            </div>
          )}
        </>
      )}
    </li>
  );
}
