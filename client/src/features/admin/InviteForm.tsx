import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  apiSchemas,
  INVITED_ROLES,
  type InvitationInfo,
  type OrganisationInfo,
} from '../../../../server/protocol/api.ts';
import { languages } from '../../../../server/protocol/languages.ts';
import { post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { errorsFrom, useFormErrors, validate } from '../../lib/forms/errors.ts';
import { CheckboxGroup, SelectField, TextField } from '../../lib/forms/fields.tsx';

type InvitedRole = (typeof INVITED_ROLES)[number];

export function InviteForm({
  organisations,
  onInvited,
}: {
  organisations: OrganisationInfo[];
  onInvited: () => void;
}) {
  const { t, i18n } = useTranslation('account');
  const { errors, setErrors, fieldId, clear } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<InvitedRole[]>([]);
  const [organisationId, setOrganisationId] = useState('');
  const [language, setLanguage] = useState<string | null>(null);

  const labels = {
    email: t('fields.email'),
    roles: t('admin.invite.roles'),
    organisationId: t('admin.organisation'),
    language: t('admin.invite.language'),
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSentTo(null);
    const body = { email, roles, organisationId, language: language ?? i18n.resolvedLanguage };
    const checked = validate(apiSchemas.createInvitation, body, t);
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    clear();
    setBusy(true);
    try {
      const invitation = await post<InvitationInfo>('/invitations', checked.data);
      setSentTo(invitation.email);
      setEmail('');
      setRoles([]);
      onInvited();
    } catch (error) {
      setErrors(errorsFrom(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      <p role="status" className={sentTo ? 'notice' : undefined}>
        {sentTo ? t('admin.invite.sent', { email: sentTo }) : null}
      </p>
      <TextField
        id={fieldId('email')}
        label={labels.email}
        error={errors.fields.email}
        type="email"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        autoComplete="off"
        inputMode="email"
        dir="ltr"
        required
      />
      <CheckboxGroup
        id={fieldId('roles')}
        label={labels.roles}
        error={errors.fields.roles}
        choices={INVITED_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        value={roles}
        onChange={setRoles}
      />
      <SelectField
        id={fieldId('organisationId')}
        label={labels.organisationId}
        error={errors.fields.organisationId}
        value={organisationId}
        onChange={(event) => setOrganisationId(event.target.value)}
        required
      >
        <option value="">{t('admin.chooseOrganisation')}</option>
        {organisations.map((organisation) => (
          <option key={organisation.id} value={organisation.id}>
            {organisation.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        id={fieldId('language')}
        label={labels.language}
        hint={t('admin.invite.languageHint')}
        error={errors.fields.language}
        value={language ?? i18n.resolvedLanguage}
        onChange={(event) => setLanguage(event.target.value)}
      >
        {languages.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </SelectField>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('admin.invite.submit')}
        </button>
      </div>
    </form>
  );
}
