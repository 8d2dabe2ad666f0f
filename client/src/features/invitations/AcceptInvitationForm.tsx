import { useState } from 'react';
import type { FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  apiSchemas,
  PRIVACY_NOTICE_VERSION,
  type SessionInfo,
} from '../../../../server/protocol/api.ts';
import { ApiError, post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { errorsFrom, useFormErrors, validate } from '../../lib/forms/errors.ts';
import { CheckboxField, TextField } from '../../lib/forms/fields.tsx';
import { useSession } from '../account/session.tsx';

/** A new account (name and password), or — signed in as the invited address — just "accept". */
export function AcceptInvitationForm({ token, existing }: { token: string; existing: boolean }) {
  const { t } = useTranslation('account');
  const { apply } = useSession();
  const navigate = useNavigate();
  const { errors, setErrors, fieldId, clear } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [acceptPrivacy, setAcceptPrivacy] = useState(false);
  const [signInFirst, setSignInFirst] = useState(false);

  const labels = {
    displayName: t('fields.displayName'),
    password: t('fields.password'),
    acceptPrivacy: t('signUp.acceptPrivacyLabel'),
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      ...(existing ? {} : { displayName, password }),
      ...(acceptPrivacy ? { acceptPrivacy: PRIVACY_NOTICE_VERSION } : {}),
    };
    const schema = existing
      ? apiSchemas.acceptInvitation
      : apiSchemas.acceptInvitation.required({ displayName: true, password: true });
    const checked = validate(schema, body, t);
    if (checked.errors) {
      if (checked.errors.fields.acceptPrivacy)
        checked.errors.fields.acceptPrivacy = t('signUp.acceptPrivacyRequired');
      setErrors(checked.errors);
      return;
    }
    clear();
    setBusy(true);
    try {
      apply(await post<SessionInfo>(`/invitations/${token}/accept`, checked.data));
      void navigate('/profile', { replace: true });
    } catch (error) {
      setSignInFirst(error instanceof ApiError && error.code === 'invitation.signInFirst');
      setErrors(errorsFrom(error, t));
      setBusy(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
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
          <TextField
            id={fieldId('displayName')}
            label={labels.displayName}
            hint={t('fields.displayNameHint')}
            error={errors.fields.displayName}
            value={displayName}
            onChange={(event) => setDisplayName(event.target.value)}
            autoComplete="nickname"
            maxLength={60}
            required
          />
          <TextField
            id={fieldId('password')}
            label={labels.password}
            hint={t('fields.passwordHint')}
            error={errors.fields.password}
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="new-password"
            minLength={10}
            required
          />
        </>
      )}
      <CheckboxField
        id={fieldId('acceptPrivacy')}
        label={
          <Trans
            t={t}
            i18nKey="signUp.acceptPrivacy"
            components={{ privacyLink: <Link to="/privacy" target="_blank" /> }}
          />
        }
        error={errors.fields.acceptPrivacy}
        checked={acceptPrivacy}
        onChange={(event) => setAcceptPrivacy(event.target.checked)}
        required
      />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('invitation.accept')}
        </button>
      </div>
    </form>
  );
}
