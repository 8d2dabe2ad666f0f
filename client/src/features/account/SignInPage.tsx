import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { apiSchemas, type SessionInfo } from '../../../../server/protocol/api.ts';
import { ApiError, post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { CurrentPasswordField, EmailField } from './accountFields.tsx';
import { AlreadySignedIn } from './AlreadySignedIn.tsx';
import { ResendVerification } from './CheckEmail.tsx';
import { safeNext } from './RequireSignIn.tsx';
import { useSession } from './session.tsx';

/** Why a page sent the person here, shown above the form. */
export type SignInNotice = 'signedOutEverywhere';

export function SignInPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('signIn.title'));
  const { apply, person } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const notice = (location.state as { notice?: SignInNotice } | null)?.notice;
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [unverified, setUnverified] = useState<string | null>(null);

  const labels = { email: t('fields.email'), password: t('fields.password') };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setUnverified(null);
    void submit(
      validate(apiSchemas.signIn, { email, password }, t),
      async (data) => {
        apply(await post<SessionInfo>('/auth/sign-in', data));
        void navigate(next, { replace: true });
      },
      {
        leaves: true,
        onError: (error, data) => {
          if (error instanceof ApiError && error.code === 'auth.emailNotVerified')
            setUnverified(data.email);
        },
      },
    );
  };

  return (
    <section className="page">
      <h1>{t('signIn.title')}</h1>
      {person && !busy ? <AlreadySignedIn name={person.displayName} /> : null}
      {notice ? (
        <p className="notice" role="status">
          {t(`signIn.notice.${notice}`)}
        </p>
      ) : null}
      <form className="form" noValidate onSubmit={onSubmit}>
        <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
        {unverified ? <ResendVerification email={unverified} /> : null}
        <EmailField
          id={fieldId('email')}
          label={labels.email}
          error={errors.fields.email}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          autoComplete="username"
        />
        <CurrentPasswordField
          id={fieldId('password')}
          label={labels.password}
          error={errors.fields.password}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <SubmitButton busy={busy} label={t('signIn.submit')}>
          <Link to="/forgot-password">{t('signIn.forgot')}</Link>
        </SubmitButton>
      </form>
      <p>
        {t('signIn.noAccount')} <Link to="/sign-up">{t('signIn.signUpLink')}</Link>
      </p>
    </section>
  );
}
