import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiSchemas } from '../../../../server/protocol/api.ts';
import { post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { EmailField } from './accountFields.tsx';
import { isolate } from '../../lib/bidi.tsx';

export function ForgotPasswordPage() {
  const { t } = useTranslation('account');
  usePageTitle(t('forgot.title'));
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(validate(apiSchemas.requestPasswordReset, { email }, t), async (data) => {
      await post('/auth/password-reset', data);
      setSentTo(data.email);
    });
  };

  return (
    <section className="page">
      <h1>{t('forgot.title')}</h1>
      {sentTo ? (
        <div className="notice" role="status">
          <p>{t('forgot.sent', { email: isolate(sentTo) })}</p>
          <p>
            <Link to="/sign-in">{t('forgot.backToSignIn')}</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="lead">{t('forgot.intro')}</p>
          <form className="form" noValidate onSubmit={onSubmit}>
            <ErrorSummary errors={errors} fieldId={fieldId} labels={{ email: t('fields.email') }} />
            <EmailField
              id={fieldId('email')}
              label={t('fields.email')}
              error={errors.fields.email}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
            <SubmitButton busy={busy} label={t('forgot.submit')}>
              <Link to="/sign-in">{t('forgot.backToSignIn')}</Link>
            </SubmitButton>
          </form>
        </>
      )}
    </section>
  );
}
