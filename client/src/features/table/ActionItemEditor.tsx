// Changing who owns an action item and by when: folded under the item until asked for.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  tableSchemas,
  type ActionItemInfo,
  type TableDetail,
} from '../../../../server/protocol/partnership.ts';
import { put } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { SelectField, TextField } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { isolate } from '../../lib/bidi.tsx';

export function ActionItemEditor({
  item,
  table,
  onChange,
}: {
  item: ActionItemInfo;
  table: TableDetail;
  onChange: () => void;
}) {
  const { t } = useTranslation('table');
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [ownerId, setOwnerId] = useState(item.owner.id);
  const [dueDate, setDueDate] = useState(item.dueDate);
  const labels = { ownerId: t('actions.owner'), dueDate: t('actions.due') };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(validate(tableSchemas.actionUpdate, { ownerId, dueDate }, t), async (data) => {
      await put(`/tables/${table.id}/actions/${item.id}`, data);
      onChange();
    });
  };

  return (
    <details className="action-editor">
      <summary>
        {t('actions.change')}
        <span className="visually-hidden">: {item.text}</span>
      </summary>
      <form className="form" noValidate onSubmit={onSubmit}>
        <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
        <SelectField
          id={fieldId('ownerId')}
          label={labels.ownerId}
          error={errors.fields.ownerId}
          value={ownerId}
          onChange={(event) => setOwnerId(event.target.value)}
        >
          {[table.host, ...table.members].map((p) => (
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
          value={dueDate}
          onChange={(event) => setDueDate(event.target.value)}
        />
        <SubmitButton busy={busy} label={t('actions.save')} />
      </form>
    </details>
  );
}
