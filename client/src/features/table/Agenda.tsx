import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { tableSchemas, type TableDetail } from '../../../../server/protocol/partnership.ts';
import { PersonName } from '../../lib/bidi.tsx';
import { ApiError, del, post } from '../../lib/api.ts';
import { useSession } from '../account/session.tsx';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { TextAreaField } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';

/** The meeting's agenda: every member adds items until the meeting is over. */
export function Agenda({ table, onChange }: { table: TableDetail; onChange: () => void }) {
  const { t } = useTranslation('table');
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [text, setText] = useState('');
  const sessionId = table.meeting?.id ?? '';
  const { person } = useSession();
  const [removeError, setRemoveError] = useState<string | null>(null);
  const mayRemove = (authorId: string) =>
    table.agendaOpen && (authorId === person?.id || !!person?.roles.includes('coordinator'));
  const remove = async (itemId: string) => {
    setRemoveError(null);
    try {
      await del(`/tables/${table.id}/agenda/${itemId}`);
      onChange();
    } catch (failure) {
      setRemoveError(failure instanceof ApiError ? failure.message : t('actions.failed'));
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(validate(tableSchemas.agendaInput, { sessionId, text }, t), async (body) => {
      await post(`/tables/${table.id}/agenda`, body);
      setText('');
      onChange();
    });
  };

  return (
    <section className="table-part" aria-labelledby="table-agenda">
      <h3 id="table-agenda">{t('agenda.title')}</h3>
      {table.agenda.length === 0 ? <p>{t('agenda.none')}</p> : null}
      <ol className="table-agenda">
        {table.agenda.map((item) => (
          <li key={item.id}>
            <span className="message-text" dir="auto">
              {item.text}
            </span>{' '}
            <span className="meta">
              — <PersonName name={item.author.displayName} />
            </span>
            {mayRemove(item.author.id) ? (
              <button type="button" className="link-button" onClick={() => void remove(item.id)}>
                {t('agenda.remove')}
                <span className="visually-hidden">: {item.text}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {removeError ? (
        <p role="alert" className="field-error">
          {removeError}
        </p>
      ) : null}
      {table.agendaOpen ? (
        <form className="form" noValidate onSubmit={onSubmit}>
          <ErrorSummary errors={errors} fieldId={fieldId} labels={{ text: t('agenda.add') }} />
          <TextAreaField
            id={fieldId('text')}
            label={t('agenda.add')}
            hint={t('agenda.hint')}
            error={errors.fields.text}
            rows={2}
            maxLength={1000}
            value={text}
            onChange={(ev) => setText(ev.target.value)}
          />
          <SubmitButton busy={busy} label={t('agenda.submit')} />
        </form>
      ) : (
        <p className="meta">{t('agenda.closed')}</p>
      )}
    </section>
  );
}
