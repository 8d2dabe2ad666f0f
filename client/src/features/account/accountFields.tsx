// The account fields several forms ask for (sign-up, profile, invitations, sign-in), so each
// is asked for the same way: same hints, limits and autocomplete.
import type { TFunction } from 'i18next';
import type { ComponentProps } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FormErrors } from '../../lib/forms/errors.ts';
import { CheckboxField, TextField } from '../../lib/forms/fields.tsx';

type TextFieldProps = ComponentProps<typeof TextField>;

export function DisplayNameField(props: TextFieldProps) {
  const { t } = useTranslation('account');
  return (
    <TextField
      hint={t('fields.displayNameHint')}
      autoComplete="nickname"
      maxLength={60}
      required
      {...props}
    />
  );
}

export function EmailField(props: TextFieldProps) {
  return (
    <TextField type="email" autoComplete="email" inputMode="email" dir="ltr" required {...props} />
  );
}

export function NewPasswordField(props: TextFieldProps) {
  const { t } = useTranslation('account');
  return (
    <TextField
      hint={t('fields.passwordHint')}
      type="password"
      autoComplete="new-password"
      minLength={10}
      required
      {...props}
    />
  );
}

export function CurrentPasswordField(props: TextFieldProps) {
  return <TextField type="password" autoComplete="current-password" required {...props} />;
}

/** Consent to the current privacy notice; its link opens in a new tab. */
export function PrivacyConsentField(
  props: Omit<ComponentProps<typeof CheckboxField>, 'label' | 'required'>,
) {
  const { t } = useTranslation('account');
  return (
    <CheckboxField
      label={
        <Trans
          t={t}
          i18nKey="signUp.acceptPrivacy"
          components={{ privacyLink: <Link to="/privacy" target="_blank" /> }}
        />
      }
      required
      {...props}
    />
  );
}

/** "Required." says little next to a checkbox: say what is to be accepted. */
export function explainMissingConsent(errors: FormErrors, t: TFunction) {
  if (errors.fields.acceptPrivacy)
    errors.fields.acceptPrivacy = t('account:signUp.acceptPrivacyRequired');
}
