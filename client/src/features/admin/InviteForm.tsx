import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  apiSchemas,
  INVITED_ROLES,
  type InvitationInfo,
  type OrganisationInfo,
} from '../../../../server/protocol/api.ts';
import { post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { CheckboxGroup } from '../../lib/forms/fields.tsx';
import { LanguageField } from '../../lib/forms/LanguageField.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { EmailField } from '../account/accountFields.tsx';
import { OrganisationField } from './OrganisationField.tsx';
import { isolate } from '../../lib/bidi.tsx';

type InvitedRole = (typeof INVITED_ROLES)[number];

export function InviteForm({
  organisations,
  onInvited,
}: {
  organisations: OrganisationInfo[];
  onInvited: () => void;
}) {
  const { t, i18n } = useTranslation('account');
  const { errors, fieldId, busy, submit } = useFormSubmit();
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

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSentTo(null);
    const body = { email, roles, organisationId, language: language ?? i18n.resolvedLanguage };
    void submit(validate(apiSchemas.createInvitation, body, t), async (data) => {
      const invitation = await post<InvitationInfo>('/invitations', data);
      setSentTo(invitation.email);
      setEmail('');
      setRoles([]);
      onInvited();
    });
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      <p role="status" className={sentTo ? 'notice' : undefined}>
        {sentTo ? t('admin.invite.sent', { email: isolate(sentTo) }) : null}
      </p>
      <EmailField
        id={fieldId('email')}
        label={labels.email}
        error={errors.fields.email}
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        autoComplete="off"
      />
      <CheckboxGroup
        id={fieldId('roles')}
        label={labels.roles}
        error={errors.fields.roles}
        choices={INVITED_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        value={roles}
        onChange={setRoles}
      />
      <OrganisationField
        id={fieldId('organisationId')}
        label={labels.organisationId}
        error={errors.fields.organisationId}
        organisations={organisations}
        none={t('admin.chooseOrganisation')}
        value={organisationId}
        onChange={(event) => setOrganisationId(event.target.value)}
        required
      />
      <LanguageField
        id={fieldId('language')}
        label={labels.language}
        hint={t('admin.invite.languageHint')}
        error={errors.fields.language}
        value={language ?? i18n.resolvedLanguage}
        onChange={(event) => setLanguage(event.target.value)}
      />
      <SubmitButton busy={busy} label={t('admin.invite.submit')} />
    </form>
  );
}
