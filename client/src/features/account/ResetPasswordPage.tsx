import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { apiSchemas } from '../../../../server/protocol/api.ts';
import { post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { NewPasswordField } from './accountFields.tsx';
import { useSession } from './session.tsx';

export function ResetPasswordPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('reset.title'));
  const { person, refresh } = useSession();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(apiSchemas.completePasswordReset, { token, password }, t);
    if (checked.errors) {
      // A broken link is not something the person can fix in the form.
      if (checked.errors.fields.token) checked.errors.message = t('errors:auth.linkInvalid');
      delete checked.errors.fields.token;
    }
    void submit(checked, async (data) => {
      await post('/auth/password-reset/complete', data);
      setDone(true);
      // A new password signs the person out everywhere, this browser included.
      if (person) await refresh();
    });
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
        <form className="form" noValidate onSubmit={onSubmit}>
          <ErrorSummary
            errors={errors}
            fieldId={fieldId}
            labels={{ password: t('fields.newPassword') }}
          />
          <NewPasswordField
            id={fieldId('password')}
            label={t('fields.newPassword')}
            error={errors.fields.password}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
          <SubmitButton busy={busy} label={t('reset.submit')} />
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
