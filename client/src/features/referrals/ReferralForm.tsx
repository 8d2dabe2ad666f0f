import { useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { referralSchemas, type ReferralInfo } from '../../../../server/protocol/referrals.ts';
import { post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { CheckboxField, TextField } from '../../lib/forms/fields.tsx';
import { LanguageField } from '../../lib/forms/LanguageField.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import {
  emptyTarget,
  ReferralTargetFields,
  targetBody,
  type TargetValue,
} from './ReferralTargetFields.tsx';

export function ReferralForm({ onCreated }: { onCreated: () => void }) {
  const { t, i18n } = useTranslation('account');
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [reference, setReference] = useState('');
  const [language, setLanguage] = useState<string | null>(null);
  const [consented, setConsented] = useState(false);
  const [familyEmail, setFamilyEmail] = useState('');
  const [emailed, setEmailed] = useState(false);
  const [created, setCreated] = useState<ReferralInfo | null>(null);
  const [target, setTarget] = useState<TargetValue>(emptyTarget);
  const words = useTranslation('partners').t;
  const groupRequired = words('referral.groupRequired');

  const labels = {
    reference: t('referrals.reference'),
    language: t('referrals.language'),
    familyConsented: t('referrals.consentLabel'),
    groupId: t('partners:referral.group'),
    familyEmail: t('partners:referral.familyEmail'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      reference,
      language: language ?? i18n.resolvedLanguage,
      ...targetBody(target),
      ...(familyEmail.trim() ? { familyEmail } : {}),
      ...(consented ? { familyConsented: true } : {}),
    };
    const validated = validate(referralSchemas.createReferral, body, t);
    // A specific group was meant: one must be chosen (the schema also allows a kind of group).
    const checked =
      target.mode === 'group' && !target.groupId
        ? {
            data: null,
            errors: {
              message: t('errors:invalid'),
              fields: { ...validated.errors?.fields, groupId: groupRequired },
            },
          }
        : validated;
    if (checked.errors) {
      if (checked.errors.fields.familyConsented)
        checked.errors.fields.familyConsented = t('referrals.consentRequired');
      if (checked.errors.fields.reference && reference.trim() !== '')
        checked.errors.fields.reference = t('referrals.referenceInvalid');
    }
    void submit(checked, async (data) => {
      setCreated(await post<ReferralInfo>('/referrals', data));
      setEmailed(!!data.familyEmail);
      setReference('');
      setFamilyEmail('');
      setConsented(false);
      setTarget(emptyTarget);
      onCreated();
    });
  };

  return (
    <>
      {created ? <CreatedLink referral={created} /> : null}
      {created && emailed ? <p role="status">{words('referral.emailed')}</p> : null}
      <form className="form" noValidate onSubmit={onSubmit}>
        <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
        <TextField
          id={fieldId('reference')}
          label={labels.reference}
          hint={t('referrals.referenceHint')}
          error={errors.fields.reference}
          value={reference}
          onChange={(event) => setReference(event.target.value)}
          autoComplete="off"
          maxLength={40}
          required
        />
        <LanguageField
          id={fieldId('language')}
          label={labels.language}
          hint={t('referrals.languageHint')}
          error={errors.fields.language}
          value={language ?? i18n.resolvedLanguage}
          onChange={(event) => setLanguage(event.target.value)}
        />
        <ReferralTargetFields
          value={target}
          onChange={setTarget}
          familyLanguage={language ?? i18n.resolvedLanguage ?? 'fi'}
          fieldId={fieldId}
          error={errors.fields.groupId}
        />
        <TextField
          id={fieldId('familyEmail')}
          label={labels.familyEmail}
          hint={words('referral.familyEmailHint')}
          error={errors.fields.familyEmail}
          type="email"
          value={familyEmail}
          onChange={(event) => setFamilyEmail(event.target.value)}
          autoComplete="off"
          dir="ltr"
        />
        <CheckboxField
          id={fieldId('familyConsented')}
          label={t('referrals.consent')}
          error={errors.fields.familyConsented}
          checked={consented}
          onChange={(event) => setConsented(event.target.checked)}
          required
        />
        <SubmitButton busy={busy} label={t('referrals.submit')} />
      </form>
    </>
  );
}

/** The link exists only now (the server keeps just its hash): copy it before leaving. */
function CreatedLink({ referral }: { referral: ReferralInfo }) {
  const { t } = useTranslation('account');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(referral.link);
      setCopied(t('referrals.copied'));
    } catch {
      input.current?.select();
      setCopied(t('referrals.copyByHand'));
    }
  };
  return (
    <div className="notice">
      <p>{t('referrals.createdFor', { reference: referral.reference })}</p>
      <p>{t('referrals.linkOnce')}</p>
      <label htmlFor={id}>{t('referrals.link')}</label>
      <div className="copy-row field">
        <input
          ref={input}
          id={id}
          readOnly
          value={referral.link}
          dir="ltr"
          onFocus={(e) => e.target.select()}
        />
        <button type="button" onClick={() => void copy()}>
          {t('referrals.copy')}
        </button>
      </div>
      <p role="status">{copied}</p>
    </div>
  );
}
