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
import { errorsFrom, useFormErrors, validate } from '../../lib/forms/errors.ts';
import { CheckboxGroup, SelectField } from '../../lib/forms/fields.tsx';

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
  const { errors, setErrors, fieldId, clear } = useFormErrors();
  const [busy, setBusy] = useState(false);
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

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const body = {
      roles,
      organisationId: organisationId || null,
      // Only a facilitator has a supervisor.
      supervisorId: isFacilitator && supervisorId ? supervisorId : null,
    };
    const checked = validate(apiSchemas.setRoles, body, t);
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    clear();
    setBusy(true);
    try {
      onSaved(await put<PersonSummary>(`/people/${person.id}/roles`, checked.data));
      setSaved(true);
    } catch (error) {
      setErrors(errorsFrom(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      <CheckboxGroup
        id={fieldId('roles')}
        label={t('admin.roles.rolesOf', { name: person.displayName })}
        error={errors.fields.roles}
        choices={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        value={roles}
        onChange={setRoles}
      />
      <SelectField
        id={fieldId('organisationId')}
        label={labels.organisationId}
        error={errors.fields.organisationId}
        value={organisationId}
        onChange={(event) => setOrganisationId(event.target.value)}
      >
        <option value="">{t('admin.noOrganisation')}</option>
        {organisations.map((organisation) => (
          <option key={organisation.id} value={organisation.id}>
            {organisation.name}
          </option>
        ))}
      </SelectField>
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
                {trainer.displayName}
              </option>
            ))}
        </SelectField>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('admin.roles.save')}
        </button>
        <span role="status">{saved ? t('admin.roles.saved') : null}</span>
      </div>
    </form>
  );
}
