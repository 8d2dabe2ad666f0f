import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  apiSchemas,
  PRIVACY_NOTICE_VERSION,
  type SessionInfo,
} from '../../../../server/protocol/api.ts';
import { ApiError, post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import {
  DisplayNameField,
  explainMissingConsent,
  NewPasswordField,
  PrivacyConsentField,
} from '../account/accountFields.tsx';
import { useSession } from '../account/session.tsx';

/** A new account (name and password), or — signed in as the invited address — just "accept". */
export function AcceptInvitationForm({ token, existing }: { token: string; existing: boolean }) {
  const { t } = useTranslation('account');
  const { apply } = useSession();
  const navigate = useNavigate();
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [acceptPrivacy, setAcceptPrivacy] = useState(false);
  const [signInFirst, setSignInFirst] = useState(false);

  const labels = {
    displayName: t('fields.displayName'),
    password: t('fields.password'),
    acceptPrivacy: t('signUp.acceptPrivacyLabel'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      ...(existing ? {} : { displayName, password }),
      ...(acceptPrivacy ? { acceptPrivacy: PRIVACY_NOTICE_VERSION } : {}),
    };
    const schema = existing
      ? apiSchemas.acceptInvitation
      : apiSchemas.acceptInvitation.required({ displayName: true, password: true });
    const checked = validate(schema, body, t);
    if (checked.errors) explainMissingConsent(checked.errors, t);
    void submit(
      checked,
      async (data) => {
        apply(await post<SessionInfo>(`/invitations/${token}/accept`, data));
        void navigate('/profile', { replace: true });
      },
      {
        leaves: true,
        onError: (error) =>
          setSignInFirst(error instanceof ApiError && error.code === 'invitation.signInFirst'),
      },
    );
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      {signInFirst ? (
        <p>
          <Link
            className="button"
            to={`/sign-in?next=${encodeURIComponent(`/invitation?token=${token}`)}`}
          >
            {t('invitation.signInFirst')}
          </Link>
        </p>
      ) : null}
      {existing ? (
        <p>{t('invitation.addRoles')}</p>
      ) : (
        <>
          <p>{t('invitation.newAccount')}</p>
          <DisplayNameField
            id={fieldId('displayName')}
            label={labels.displayName}
            error={errors.fields.displayName}
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
          />
          <NewPasswordField
            id={fieldId('password')}
            label={labels.password}
            error={errors.fields.password}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </>
      )}
      <PrivacyConsentField
        id={fieldId('acceptPrivacy')}
        error={errors.fields.acceptPrivacy}
        checked={acceptPrivacy}
        onChange={(event) => setAcceptPrivacy(event.target.checked)}
      />
      <SubmitButton busy={busy} label={t('invitation.accept')} />
    </form>
  );
}
