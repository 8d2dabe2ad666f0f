import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  tableSchemas,
  type ActionItemInfo,
  type TableDetail,
} from '../../../../server/protocol/partnership.ts';
import { ApiError, post, put } from '../../lib/api.ts';
import { PersonName, isolate } from '../../lib/bidi.tsx';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { SelectField, TextField } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { helsinkiDate, useFormat } from '../../lib/format.ts';
import { ActionItemEditor } from './ActionItemEditor.tsx';

/** Action items: the open ones from earlier meetings first, then those raised at this one. */
export function ActionItems({ table, onChange }: { table: TableDetail; onChange: () => void }) {
  const { t } = useTranslation('table');
  return (
    <section className="table-part" aria-labelledby="table-actions">
      <h3 id="table-actions">{t('actions.title')}</h3>
      <h4>{t('actions.carried')}</h4>
      <ItemList
        items={table.carriedOver}
        table={table}
        onChange={onChange}
        empty={t('actions.noneCarried')}
      />
      <h4>{t('actions.raisedHere')}</h4>
      <ItemList
        items={table.actionItems}
        table={table}
        onChange={onChange}
        empty={t('actions.none')}
      />
      {table.meeting?.status === 'cancelled' ? null : <NewItem table={table} onChange={onChange} />}
    </section>
  );
}

function ItemList({
  items,
  table,
  onChange,
  empty,
}: {
  items: ActionItemInfo[];
  table: TableDetail;
  onChange: () => void;
  empty: string;
}) {
  const { t } = useTranslation('table');
  const format = useFormat();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (items.length === 0) return <p>{empty}</p>;
  const setStatus = async (item: ActionItemInfo, status: 'open' | 'done') => {
    setBusy(true);
    setError(null);
    try {
      await put(`/tables/${table.id}/actions/${item.id}`, { status });
      onChange();
    } catch (failure) {
      setError(failure instanceof ApiError ? failure.message : t('actions.failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
      <ul className="plain-list table-actions">
        {items.map((item) => (
          <li key={item.id} className="card table-action" data-status={item.status}>
            <p className="message-text" dir="auto">
              {item.text}
            </p>
            <dl className="details">
              <dt>{t('actions.owner')}</dt>
              <dd>
                <PersonName name={item.owner.displayName} />
                {item.handedOverFrom ? (
                  <span className="meta">
                    {' '}
                    ({t('actions.handedOverFrom')} <PersonName name={item.handedOverFrom} />)
                  </span>
                ) : null}
              </dd>
              <dt>{t('actions.due')}</dt>
              <dd>{format.localDate(item.dueDate)}</dd>
              <dt>{t('actions.status')}</dt>
              <dd>
                <strong>{t(`actions.statuses.${item.status}`)}</strong>
              </dd>
              <dt>{t('actions.raisedOn')}</dt>
              <dd>{format.localDate(item.raisedOn)}</dd>
            </dl>
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => void setStatus(item, item.status === 'open' ? 'done' : 'open')}
            >
              {item.status === 'open' ? t('actions.markDone') : t('actions.reopen')}
              <span className="visually-hidden">: {item.text}</span>
            </button>
            <ActionItemEditor item={item} table={table} onChange={onChange} />
          </li>
        ))}
      </ul>
    </>
  );
}

function NewItem({ table, onChange }: { table: TableDetail; onChange: () => void }) {
  const { t } = useTranslation('table');
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [text, setText] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [dueDate, setDueDate] = useState('');
  const people = [table.host, ...table.members];
  const labels = {
    text: t('actions.text'),
    ownerId: t('actions.owner'),
    dueDate: t('actions.due'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = { sessionId: table.meeting?.id ?? '', text, ownerId, dueDate };
    void submit(validate(tableSchemas.actionInput, body, t), async (data) => {
      await post(`/tables/${table.id}/actions`, data);
      setText('');
      onChange();
    });
  };

  return (
    <form className="form table-new-action" noValidate onSubmit={onSubmit}>
      <h4>{t('actions.add')}</h4>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      <TextField
        id={fieldId('text')}
        label={labels.text}
        error={errors.fields.text}
        maxLength={1000}
        value={text}
        onChange={(ev) => setText(ev.target.value)}
      />
      <SelectField
        id={fieldId('ownerId')}
        label={labels.ownerId}
        error={errors.fields.ownerId}
        value={ownerId}
        onChange={(ev) => setOwnerId(ev.target.value)}
      >
        <option value="">{t('actions.chooseOwner')}</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {isolate(p.displayName)}
          </option>
        ))}
      </SelectField>
      <TextField
        id={fieldId('dueDate')}
        label={labels.dueDate}
        error={errors.fields.dueDate}
        type="date"
        min={helsinkiDate(new Date())}
        value={dueDate}
        onChange={(ev) => setDueDate(ev.target.value)}
      />
      <SubmitButton busy={busy} label={t('actions.submit')} />
    </form>
  );
}
