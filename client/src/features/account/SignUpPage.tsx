import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { apiSchemas, PRIVACY_NOTICE_VERSION } from '../../../../server/protocol/api.ts';
import { isLanguage, languages } from '../../../../server/protocol/languages.ts';
import { chooseLanguage } from '../../app/i18n.ts';
import { post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { errorsFrom, useFormErrors, validate } from '../../lib/forms/errors.ts';
import { CheckboxField, SelectField, TextField } from '../../lib/forms/fields.tsx';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { CheckEmail } from './CheckEmail.tsx';
import { useSession } from './session.tsx';

export function SignUpPage() {
  const { t, i18n } = useTranslation('account');
  usePageTitle(t('signUp.title'));
  const { person } = useSession();
  const [params] = useSearchParams();
  const referral = params.get('referral') ?? undefined;
  const linkLanguage = params.get('lang');
  const { errors, setErrors, fieldId, clear } = useFormErrors();
  const [busy, setBusy] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  /** null: follow the UI language until the person picks one here. */
  const [language, setLanguage] = useState<string | null>(null);
  const [acceptPrivacy, setAcceptPrivacy] = useState(false);

  // A partner's referral link carries the family's language: show the page in it.
  useEffect(() => {
    if (isLanguage(linkLanguage)) void chooseLanguage(linkLanguage);
  }, [linkLanguage]);

  const labels = {
    displayName: t('fields.displayName'),
    email: t('fields.email'),
    password: t('fields.password'),
    language: t('fields.language'),
    acceptPrivacy: t('signUp.acceptPrivacyLabel'),
    referral: t('signUp.referralLabel'),
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      displayName,
      email,
      password,
      language: language ?? i18n.resolvedLanguage,
      ...(acceptPrivacy ? { acceptPrivacy: PRIVACY_NOTICE_VERSION } : {}),
      ...(referral ? { referral } : {}),
    };
    const checked = validate(apiSchemas.signUp, body, t);
    if (checked.errors) {
      if (checked.errors.fields.acceptPrivacy)
        checked.errors.fields.acceptPrivacy = t('signUp.acceptPrivacyRequired');
      setErrors(checked.errors);
      return;
    }
    clear();
    setBusy(true);
    try {
      await post('/auth/sign-up', checked.data);
      setSentTo(checked.data.email);
    } catch (error) {
      setErrors(errorsFrom(error, t));
    } finally {
      setBusy(false);
    }
  };

  if (sentTo) return <CheckEmail email={sentTo} />;

  return (
    <section className="page">
      <h1>{t('signUp.title')}</h1>
      <p className="lead">{t('signUp.intro')}</p>
      {person ? (
        <p className="notice" role="status">
          {t('signUp.alreadySignedIn', { name: person.displayName })}{' '}
          <Link to="/profile">{t('signUp.toProfile')}</Link>
        </p>
      ) : null}
      {referral ? <p className="notice">{t('signUp.referralNote')}</p> : null}
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
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
          id={fieldId('email')}
          label={labels.email}
          error={errors.fields.email}
          type="email"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          autoComplete="email"
          inputMode="email"
          dir="ltr"
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
        <SelectField
          id={fieldId('language')}
          label={labels.language}
          hint={t('fields.languageHint')}
          error={errors.fields.language}
          value={language ?? i18n.resolvedLanguage}
          onChange={(event) => setLanguage(event.target.value)}
        >
          {languages.map((l) => (
            <option key={l.code} value={l.code} lang={l.code}>
              {l.name}
            </option>
          ))}
        </SelectField>
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
            {t('signUp.submit')}
          </button>
        </div>
      </form>
      <p>
        {t('signUp.haveAccount')} <Link to="/sign-in">{t('signUp.signInLink')}</Link>
      </p>
    </section>
  );
}
