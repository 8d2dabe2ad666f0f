import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  apiSchemas,
  ROLES,
  type OrganisationInfo,
  type PersonSummary,
  type Role,
} from '../../../../server/protocol/api.ts';
import { put } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { CheckboxGroup, SelectField } from '../../lib/forms/fields.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { OrganisationField } from './OrganisationField.tsx';
import { isolate } from '../../lib/bidi.tsx';

export function RoleEditor({
  person,
  organisations,
  trainers,
  onSaved,
}: {
  person: PersonSummary;
  organisations: OrganisationInfo[];
  trainers: PersonSummary[];
  onSaved: (person: PersonSummary) => void;
}) {
  const { t } = useTranslation('account');
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [saved, setSaved] = useState(false);
  const [roles, setRoles] = useState<Role[]>(person.roles);
  const [organisationId, setOrganisationId] = useState(person.organisationId ?? '');
  const [supervisorId, setSupervisorId] = useState(person.supervisorId ?? '');
  const isFacilitator = roles.includes('facilitator');

  const labels = {
    roles: t('admin.roles.roles'),
    organisationId: t('admin.organisation'),
    supervisorId: t('admin.roles.supervisor'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const body = {
      roles,
      organisationId: organisationId || null,
      // Only a facilitator has a supervisor.
      supervisorId: isFacilitator && supervisorId ? supervisorId : null,
    };
    void submit(validate(apiSchemas.setRoles, body, t), async (data) => {
      onSaved(await put<PersonSummary>(`/people/${person.id}/roles`, data));
      setSaved(true);
    });
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      <CheckboxGroup
        id={fieldId('roles')}
        label={t('admin.roles.rolesOf', { name: isolate(person.displayName) })}
        error={errors.fields.roles}
        choices={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        value={roles}
        onChange={setRoles}
      />
      <OrganisationField
        id={fieldId('organisationId')}
        label={labels.organisationId}
        error={errors.fields.organisationId}
        organisations={organisations}
        none={t('admin.noOrganisation')}
        value={organisationId}
        onChange={(event) => setOrganisationId(event.target.value)}
      />
      {isFacilitator ? (
        <SelectField
          id={fieldId('supervisorId')}
          label={labels.supervisorId}
          hint={t('admin.roles.supervisorHint')}
          error={errors.fields.supervisorId}
          value={supervisorId}
          onChange={(event) => setSupervisorId(event.target.value)}
        >
          <option value="">{t('admin.roles.noSupervisor')}</option>
          {trainers
            .filter((trainer) => trainer.id !== person.id)
            .map((trainer) => (
              <option key={trainer.id} value={trainer.id}>
                {isolate(trainer.displayName)}
              </option>
            ))}
        </SelectField>
      ) : null}
      <SubmitButton busy={busy} label={t('admin.roles.save')}>
        <span role="status">{saved ? t('admin.roles.saved') : null}</span>
      </SubmitButton>
    </form>
  );
}
