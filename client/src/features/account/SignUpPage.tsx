import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  apiSchemas,
  PRIVACY_NOTICE_VERSION,
  REFERRAL_STAGES,
} from '../../../../server/protocol/api.ts';
import { isLanguage } from '../../../../server/protocol/languages.ts';
import { chooseLanguage } from '../../app/i18n.ts';
import { post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { LanguageField } from '../../lib/forms/LanguageField.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import {
  DisplayNameField,
  EmailField,
  explainMissingConsent,
  NewPasswordField,
  PrivacyConsentField,
} from './accountFields.tsx';
import { AlreadySignedIn } from './AlreadySignedIn.tsx';
import { CheckEmail } from './CheckEmail.tsx';
import { useSession } from './session.tsx';

export function SignUpPage() {
  const { t, i18n } = useTranslation('account');
  usePageTitle(t('signUp.title'));
  const { person } = useSession();
  const [params] = useSearchParams();
  const referral = params.get('referral') ?? undefined;
  const linkLanguage = params.get('lang');
  // The stages chosen on the referral page: agreed to by signing up (only known ones are kept).
  const share = (params.get('share') ?? '')
    .split(',')
    .filter((s): s is (typeof REFERRAL_STAGES)[number] =>
      (REFERRAL_STAGES as readonly string[]).includes(s),
    );
  const { errors, fieldId, busy, submit } = useFormSubmit();
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

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      displayName,
      email,
      password,
      language: language ?? i18n.resolvedLanguage,
      ...(acceptPrivacy ? { acceptPrivacy: PRIVACY_NOTICE_VERSION } : {}),
      ...(referral ? { referral } : {}),
      ...(referral && share.length ? { referralStages: share } : {}),
    };
    const checked = validate(apiSchemas.signUp, body, t);
    if (checked.errors) explainMissingConsent(checked.errors, t);
    void submit(checked, async (data) => {
      await post('/auth/sign-up', data);
      setSentTo(data.email);
    });
  };

  if (sentTo) return <CheckEmail email={sentTo} />;

  return (
    <section className="page">
      <h1>{t('signUp.title')}</h1>
      <p className="lead">{t('signUp.intro')}</p>
      {person ? <AlreadySignedIn name={person.displayName} /> : null}
      {referral ? <p className="notice">{t('signUp.referralNote')}</p> : null}
      <form className="form" noValidate onSubmit={onSubmit}>
        <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
        <DisplayNameField
          id={fieldId('displayName')}
          label={labels.displayName}
          error={errors.fields.displayName}
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
        />
        <EmailField
          id={fieldId('email')}
          label={labels.email}
          error={errors.fields.email}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <NewPasswordField
          id={fieldId('password')}
          label={labels.password}
          error={errors.fields.password}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <LanguageField
          id={fieldId('language')}
          label={labels.language}
          hint={t('fields.languageHint')}
          error={errors.fields.language}
          value={language ?? i18n.resolvedLanguage}
          onChange={(event) => setLanguage(event.target.value)}
        />
        <PrivacyConsentField
          id={fieldId('acceptPrivacy')}
          error={errors.fields.acceptPrivacy}
          checked={acceptPrivacy}
          onChange={(event) => setAcceptPrivacy(event.target.checked)}
        />
        <SubmitButton busy={busy} label={t('signUp.submit')} />
      </form>
      <p>
        {t('signUp.haveAccount')} <Link to="/sign-in">{t('signUp.signInLink')}</Link>
      </p>
    </section>
  );
}
