import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { groupSchemas, type MeetingInfo } from '../../../../server/protocol/groups.ts';
import { put } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { CheckboxGroup } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { withCurrent, type Choice } from './memberChoices.ts';

/** The host's (or a coordinator's) change of who takes part in a meeting. */
export function MembersEditor({
  meeting,
  choices,
  onSaved,
}: {
  meeting: MeetingInfo;
  choices: readonly Choice[];
  onSaved: (meeting: MeetingInfo) => void;
}) {
  const { t } = useTranslation('meetings');
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [memberIds, setMemberIds] = useState(() => meeting.members.map((m) => m.id));
  const [saved, setSaved] = useState(false);
  const people = withCurrent(choices, meeting.members, meeting.host.id);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void submit(validate(groupSchemas.meetingMembers, { memberIds }, t), async (body) => {
      const updated = await put<MeetingInfo>(`/meetings/${meeting.id}/members`, body);
      setMemberIds(updated.members.map((m) => m.id));
      setSaved(true);
      onSaved(updated);
    });
  };

  return (
    <details className="members-editor">
      <summary>{t('members.edit')}</summary>
      <form className="form" noValidate onSubmit={onSubmit}>
        <ErrorSummary
          errors={errors}
          fieldId={fieldId}
          labels={{ memberIds: t('members.legend') }}
        />
        {people.length === 0 ? <p>{t('members.noChoices')}</p> : null}
        <CheckboxGroup
          id={fieldId('memberIds')}
          label={t('members.legend')}
          hint={t('members.hint')}
          error={errors.fields.memberIds}
          choices={people.map((p) => ({ value: p.id, label: p.label }))}
          value={memberIds}
          onChange={(ids) => {
            setSaved(false);
            setMemberIds(ids);
          }}
        />
        <SubmitButton busy={busy} label={t('members.save')}>
          <p role="status" className="meta">
            {saved ? t('members.saved') : null}
          </p>
        </SubmitButton>
      </form>
    </details>
  );
}
