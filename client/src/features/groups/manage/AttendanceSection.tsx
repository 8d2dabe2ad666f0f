import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AttendanceInfo, UpcomingSession } from '../../../../../server/protocol/groups.ts';
import { put } from '../../../lib/api.ts';
import { useFormat } from '../../../lib/format.ts';
import { errorsFrom } from '../../../lib/forms/errors.ts';
import { SelectField } from '../../../lib/forms/fields.tsx';
import { useResource } from '../../../lib/useResource.ts';
import { PersonName } from '../../../lib/bidi.tsx';

/** Who was present in a session that took place: recorded from the video, corrected here. */
export function AttendanceSection({
  sessions,
  readOnly,
  canReport = false,
}: {
  sessions: readonly UpcomingSession[];
  readOnly: boolean;
  /** The group's facilitators write a report after each session (features/supervision). */
  canReport?: boolean;
}) {
  const { t } = useTranslation('groups');
  const format = useFormat();
  const id = useId();
  const now = Date.now();
  // Held (its room opened, perhaps early in the join window) or its time has come.
  const begun = sessions
    .filter((s) => s.status !== 'cancelled' && (s.startedAt || Date.parse(s.startsAt) <= now))
    .reverse(); // the latest first
  const [chosen, setChosen] = useState<string | null>(null);
  const sessionId = chosen ?? begun[0]?.id ?? null;

  return (
    <section className="section" aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">{t('attendance.title')}</h2>
      {begun.length === 0 ? (
        <p>{t('attendance.noneYet')}</p>
      ) : (
        <div className="form">
          <SelectField
            id={`${id}-session`}
            label={t('attendance.session')}
            value={sessionId ?? ''}
            onChange={(event) => setChosen(event.target.value)}
          >
            {begun.map((s) => (
              <option key={s.id} value={s.id}>
                {format.sessionTime(s.startsAt)}
              </option>
            ))}
          </SelectField>
          {sessionId && canReport ? (
            <p>
              <Link to={`/sessions/${sessionId}/report`} data-testid="write-report">
                {t('supervision:report.write')}
              </Link>
            </p>
          ) : null}
          {sessionId ? (
            <AttendanceForm key={sessionId} sessionId={sessionId} readOnly={readOnly} />
          ) : null}
        </div>
      )}
    </section>
  );
}

function AttendanceForm({ sessionId, readOnly }: { sessionId: string; readOnly: boolean }) {
  const { t } = useTranslation('groups');
  const format = useFormat();
  const id = useId();
  const loaded = useResource<AttendanceInfo[]>(`/sessions/${sessionId}/attendance`);
  const [edits, setEdits] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rows = loaded.data ?? [];
  const present = (row: AttendanceInfo) => edits[row.personId] ?? row.present;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      await put<AttendanceInfo[]>(`/sessions/${sessionId}/attendance`, {
        entries: rows.map((row) => ({ personId: row.personId, present: present(row) })),
      });
      setEdits({});
      loaded.reload();
      setError(null);
      setMessage(t('attendance.saved'));
    } catch (e) {
      setError(errorsFrom(e, t).message);
    } finally {
      setBusy(false);
    }
  };

  if (loaded.error) return <p role="alert">{loaded.error.message}</p>;
  if (!loaded.data) return <p role="status">{t('common:loading')}</p>;
  if (rows.length === 0) return <p>{t('attendance.nobody')}</p>;
  return (
    <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
      {error ? (
        <p className="error-summary" role="alert">
          {error}
        </p>
      ) : null}
      <fieldset className="field checkbox-group" disabled={readOnly}>
        <legend>{t('attendance.present')}</legend>
        {rows.map((row) => (
          <div className="check" key={row.personId}>
            <input
              id={`${id}-${row.personId}`}
              type="checkbox"
              checked={present(row)}
              onChange={(event) => setEdits({ ...edits, [row.personId]: event.target.checked })}
            />
            <label htmlFor={`${id}-${row.personId}`}>
              <PersonName name={row.displayName} />
              {row.source === 'video' && row.joinedAt ? (
                <span className="meta">
                  {' '}
                  {t('attendance.joinedAt', { time: format.time(row.joinedAt) })}
                </span>
              ) : null}
            </label>
          </div>
        ))}
      </fieldset>
      {readOnly ? null : (
        <div className="actions">
          <button type="submit" disabled={busy}>
            {t('attendance.save')}
          </button>
          <span role="status">{message}</span>
        </div>
      )}
    </form>
  );
}
