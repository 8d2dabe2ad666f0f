import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { apiSchemas } from '../../../../server/protocol/api.ts';
import { post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { errorsFrom, useFormErrors, validate } from '../../lib/forms/errors.ts';
import { TextField } from '../../lib/forms/fields.tsx';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { useSession } from './session.tsx';

export function ResetPasswordPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('reset.title'));
  const { person, refresh } = useSession();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { errors, setErrors, fieldId, clear } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(apiSchemas.completePasswordReset, { token, password }, t);
    if (checked.errors) {
      // A broken link is not something the person can fix in the form.
      if (checked.errors.fields.token) checked.errors.message = t('errors:auth.linkInvalid');
      delete checked.errors.fields.token;
      setErrors(checked.errors);
      return;
    }
    clear();
    setBusy(true);
    try {
      await post('/auth/password-reset/complete', checked.data);
      setDone(true);
      // A new password signs the person out everywhere, this browser included.
      if (person) await refresh();
    } catch (error) {
      setErrors(errorsFrom(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page">
      <h1>{t('reset.title')}</h1>
      {done ? (
        <div className="notice" role="status">
          <p>{t('reset.done')}</p>
          <p>
            <Link className="button" to="/sign-in">
              {t('reset.signIn')}
            </Link>
          </p>
        </div>
      ) : (
        <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
          <ErrorSummary
            errors={errors}
            fieldId={fieldId}
            labels={{ password: t('fields.newPassword') }}
          />
          <TextField
            id={fieldId('password')}
            label={t('fields.newPassword')}
            hint={t('fields.passwordHint')}
            error={errors.fields.password}
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="new-password"
            minLength={10}
            required
          />
          <div className="actions">
            <button type="submit" disabled={busy}>
              {t('reset.submit')}
            </button>
          </div>
          {errors.message && !errors.fields.password ? (
            <p>
              <Link to="/forgot-password">{t('reset.askAgain')}</Link>
            </p>
          ) : null}
        </form>
      )}
    </section>
  );
}
