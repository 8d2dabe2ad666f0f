import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiSchemas } from '../../../../server/protocol/api.ts';
import { post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { errorsFrom, useFormErrors, validate } from '../../lib/forms/errors.ts';
import { TextField } from '../../lib/forms/fields.tsx';
import { usePageTitle } from '../../lib/usePageTitle.ts';

export function ForgotPasswordPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('forgot.title'));
  const { errors, setErrors, fieldId, clear } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(apiSchemas.requestPasswordReset, { email }, t);
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    clear();
    setBusy(true);
    try {
      await post('/auth/password-reset', checked.data);
      setSentTo(checked.data.email);
    } catch (error) {
      setErrors(errorsFrom(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page">
      <h1>{t('forgot.title')}</h1>
      {sentTo ? (
        <div className="notice" role="status">
          <p>{t('forgot.sent', { email: sentTo })}</p>
          <p>
            <Link to="/sign-in">{t('forgot.backToSignIn')}</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="lead">{t('forgot.intro')}</p>
          <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
            <ErrorSummary errors={errors} fieldId={fieldId} labels={{ email: t('fields.email') }} />
            <TextField
              id={fieldId('email')}
              label={t('fields.email')}
              error={errors.fields.email}
              type="email"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              autoComplete="email"
              inputMode="email"
              dir="ltr"
              required
            />
            <div className="actions">
              <button type="submit" disabled={busy}>
                {t('forgot.submit')}
              </button>
              <Link to="/sign-in">{t('forgot.backToSignIn')}</Link>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
