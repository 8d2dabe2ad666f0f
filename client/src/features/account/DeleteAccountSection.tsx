import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { apiSchemas } from '../../../../server/protocol/api.ts';
import { del } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { errorsFrom, useFormErrors, validate } from '../../lib/forms/errors.ts';
import { TextField } from '../../lib/forms/fields.tsx';
import { useSession } from './session.tsx';

/** Erasure: says plainly what goes and what stays, and asks for the password to be sure. */
export function DeleteAccountSection() {
  const { t } = useTranslation('account');
  const { signedOut } = useSession();
  const navigate = useNavigate();
  const { errors, setErrors, fieldId, clear } = useFormErrors();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const erased = t('deleteAccount.erased', { returnObjects: true }) as unknown;
  const kept = t('deleteAccount.kept', { returnObjects: true }) as unknown;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(apiSchemas.deleteAccount, { password }, t);
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    clear();
    setBusy(true);
    try {
      await del('/me', checked.data);
      void navigate('/account-deleted', { replace: true });
      signedOut();
    } catch (error) {
      setErrors(errorsFrom(error, t));
      setBusy(false);
    }
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
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <ErrorSummary
          errors={errors}
          fieldId={fieldId}
          labels={{ password: t('deleteAccount.password') }}
        />
        <TextField
          id={fieldId('password')}
          label={t('deleteAccount.password')}
          error={errors.fields.password}
          type="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          autoComplete="current-password"
          required
        />
        <div className="actions">
          <button type="submit" className="danger" disabled={busy}>
            {t('deleteAccount.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
