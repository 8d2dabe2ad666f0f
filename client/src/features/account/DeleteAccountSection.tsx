import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { apiSchemas } from '../../../../server/protocol/api.ts';
import { del } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { CurrentPasswordField } from './accountFields.tsx';
import { useSession } from './session.tsx';

/** Erasure: says plainly what goes and what stays, and asks for the password to be sure. */
export function DeleteAccountSection() {
  const { t } = useTranslation('account');
  const { signedOut } = useSession();
  const navigate = useNavigate();
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [password, setPassword] = useState('');
  const erased = t('deleteAccount.erased', { returnObjects: true }) as unknown;
  const kept = t('deleteAccount.kept', { returnObjects: true }) as unknown;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(
      validate(apiSchemas.deleteAccount, { password }, t),
      async (data) => {
        await del('/me', data);
        void navigate('/account-deleted', { replace: true });
        signedOut();
      },
      { leaves: true },
    );
  };

  return (
    <section className="section" aria-labelledby="delete-heading">
      <h2 id="delete-heading">{t('deleteAccount.title')}</h2>
      <p>{t('deleteAccount.intro')}</p>
      <ul>
        {Array.isArray(erased) && erased.map((item) => <li key={String(item)}>{String(item)}</li>)}
      </ul>
      <p>{t('deleteAccount.keptIntro')}</p>
      <ul>
        {Array.isArray(kept) && kept.map((item) => <li key={String(item)}>{String(item)}</li>)}
      </ul>
      <p>
        <strong>{t('deleteAccount.final')}</strong>
      </p>
      <form className="form" noValidate onSubmit={onSubmit}>
        <ErrorSummary
          errors={errors}
          fieldId={fieldId}
          labels={{ password: t('deleteAccount.password') }}
        />
        <CurrentPasswordField
          id={fieldId('password')}
          label={t('deleteAccount.password')}
          error={errors.fields.password}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <SubmitButton busy={busy} danger label={t('deleteAccount.submit')} />
      </form>
    </section>
  );
}
