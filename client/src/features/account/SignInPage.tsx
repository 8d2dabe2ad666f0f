import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { apiSchemas, type SessionInfo } from '../../../../server/protocol/api.ts';
import { ApiError, post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { errorsFrom, useFormErrors, validate } from '../../lib/forms/errors.ts';
import { TextField } from '../../lib/forms/fields.tsx';
import { usePageTitle } from '../../lib/usePageTitle.ts';
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
  const { errors, setErrors, fieldId, clear } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [unverified, setUnverified] = useState<string | null>(null);

  const labels = { email: t('fields.email'), password: t('fields.password') };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setUnverified(null);
    const checked = validate(apiSchemas.signIn, { email, password }, t);
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    clear();
    setBusy(true);
    try {
      apply(await post<SessionInfo>('/auth/sign-in', checked.data));
      void navigate(next, { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'auth.emailNotVerified')
        setUnverified(checked.data.email);
      setErrors(errorsFrom(error, t));
      setBusy(false);
    }
  };

  return (
    <section className="page">
      <h1>{t('signIn.title')}</h1>
      {person && !busy ? (
        <p className="notice" role="status">
          {t('signUp.alreadySignedIn', { name: person.displayName })}{' '}
          <Link to="/profile">{t('signUp.toProfile')}</Link>
        </p>
      ) : null}
      {notice ? (
        <p className="notice" role="status">
          {t(`signIn.notice.${notice}`)}
        </p>
      ) : null}
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
        {unverified ? <ResendVerification email={unverified} /> : null}
        <TextField
          id={fieldId('email')}
          label={labels.email}
          error={errors.fields.email}
          type="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          autoComplete="username"
          inputMode="email"
          dir="ltr"
          required
        />
        <TextField
          id={fieldId('password')}
          label={labels.password}
          error={errors.fields.password}
          type="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          autoComplete="current-password"
          required
        />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {t('signIn.submit')}
          </button>
          <Link to="/forgot-password">{t('signIn.forgot')}</Link>
        </div>
      </form>
      <p>
        {t('signIn.noAccount')} <Link to="/sign-up">{t('signIn.signUpLink')}</Link>
      </p>
    </section>
  );
}
