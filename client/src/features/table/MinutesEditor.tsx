import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MinutesInfo, TableDetail } from '../../../../server/protocol/partnership.ts';
import { ApiError, put } from '../../lib/api.ts';
import { PersonName } from '../../lib/bidi.tsx';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { TextAreaField } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { useFormat } from '../../lib/format.ts';

/** Minutes open with the join window (15 minutes before the start), as on the server. */
const OPENS_BEFORE_MS = 15 * 60_000;

/**
 * The meeting's minutes, written by any member. A save names the version it started from; when
 * someone else saved first the server refuses it, and both texts are shown to choose from.
 */
export function MinutesEditor({ table, onChange }: { table: TableDetail; onChange: () => void }) {
  const { t } = useTranslation('table');
  const format = useFormat();
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const saved = table.minutes;
  const sessionId = table.meeting?.id ?? '';
  const [text, setText] = useState(saved?.text ?? '');
  const [base, setBase] = useState(saved?.version ?? 0);
  const [done, setDone] = useState(false);
  // Another meeting chosen: start from its minutes.
  useEffect(() => {
    setText(saved?.text ?? '');
    setBase(saved?.version ?? 0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sessionId]);

  const opens = Date.parse(table.meeting?.startsAt ?? '') - OPENS_BEFORE_MS;
  if (!table.meeting || table.meeting.status === 'cancelled') return null;
  const newer = saved && saved.version !== base ? saved : null;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    void submit(
      { data: { sessionId, text, baseVersion: base }, errors: null },
      async (body) => {
        const result = await put<MinutesInfo>(`/tables/${table.id}/minutes`, body);
        setBase(result.version);
        setDone(true);
        onChange();
      },
      {
        // Someone saved first: fetch their version, keep this text.
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) onChange();
        },
      },
    );
  };

  return (
    <section className="table-part" aria-labelledby="table-minutes">
      <h3 id="table-minutes">{t('minutes.title')}</h3>
      {saved?.updatedBy && saved.updatedAt ? (
        <p className="meta">
          {t('minutes.savedBy', { when: format.dateTime(saved.updatedAt) })}{' '}
          <PersonName name={saved.updatedBy.displayName} />
        </p>
      ) : null}
      {Date.now() < opens ? (
        <p className="meta">{t('minutes.notYet')}</p>
      ) : (
        <form className="form" noValidate onSubmit={onSubmit}>
          <ErrorSummary errors={errors} fieldId={fieldId} labels={{ text: t('minutes.label') }} />
          {newer ? (
            <div className="notice table-newer" role="status">
              <p>{t('minutes.newer')}</p>
              <pre className="table-minutes-text" dir="auto">
                {newer.text}
              </pre>
              <div className="button-row">
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    setText(newer.text);
                    setBase(newer.version);
                  }}
                >
                  {t('minutes.useTheirs')}
                </button>
                <button type="button" className="secondary" onClick={() => setBase(newer.version)}>
                  {t('minutes.keepMine')}
                </button>
              </div>
            </div>
          ) : null}
          <TextAreaField
            id={fieldId('text')}
            label={t('minutes.label')}
            hint={t('minutes.hint')}
            error={errors.fields.text}
            rows={10}
            maxLength={50_000}
            value={text}
            onChange={(ev) => {
              setDone(false);
              setText(ev.target.value);
            }}
          />
          <SubmitButton busy={busy} label={t('minutes.save')}>
            <p role="status" className="meta">
              {done ? t('minutes.saved') : null}
            </p>
          </SubmitButton>
        </form>
      )}
    </section>
  );
}
