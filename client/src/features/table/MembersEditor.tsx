import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { tableSchemas, type TableDetail } from '../../../../server/protocol/partnership.ts';
import { put } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { CheckboxGroup } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { useTableCandidates } from './candidates.ts';

/** A coordinator changes who sits at the table (those left out lose it and its channel). */
export function MembersEditor({ table, onSaved }: { table: TableDetail; onSaved: () => void }) {
  const { t } = useTranslation('table');
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [memberIds, setMemberIds] = useState(() => table.members.map((m) => m.id));
  const [saved, setSaved] = useState(false);
  const candidates = useTableCandidates(table.host.id, t, table.members);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void submit(validate(tableSchemas.tableMembers, { memberIds }, t), async (body) => {
      const updated = await put<TableDetail>(`/tables/${table.id}/members`, body);
      setMemberIds(updated.members.map((m) => m.id));
      setSaved(true);
      onSaved();
    });
  };

  return (
    <details className="members-editor">
      <summary>{t('membersEdit.title')}</summary>
      <form className="form" noValidate onSubmit={onSubmit}>
        <ErrorSummary errors={errors} fieldId={fieldId} labels={{ memberIds: t('members') }} />
        <CheckboxGroup
          id={fieldId('memberIds')}
          label={t('members')}
          hint={t('form.membersHint')}
          error={errors.fields.memberIds}
          choices={candidates.choices}
          value={memberIds}
          onChange={(ids) => {
            setSaved(false);
            setMemberIds(ids);
          }}
        />
        <SubmitButton busy={busy} label={t('membersEdit.save')}>
          <p role="status" className="meta">
            {saved ? t('membersEdit.saved') : null}
          </p>
        </SubmitButton>
      </form>
    </details>
  );
}
