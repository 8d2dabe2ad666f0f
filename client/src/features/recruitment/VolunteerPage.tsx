import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { REGIONS, type Region } from '../../../../server/protocol/groups.ts';
import { trainingSchemas } from '../../../../server/protocol/training.ts';
import { post } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../lib/forms/fields.tsx';
import { LanguageField } from '../../lib/forms/LanguageField.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { usePageTitle } from '../../lib/usePageTitle.ts';
import { SpokenLanguages } from '../account/SpokenLanguages.tsx';
import './recruitment.css';
import { isolate } from '../../lib/bidi.tsx';

interface Draft {
  name: string;
  email: string;
  phone: string;
  languagesSpoken: string[];
  region: Region | '';
  motivation: string;
  availability: string;
  language: string | null;
  consent: boolean;
}

const empty: Draft = {
  name: '',
  email: '',
  phone: '',
  languagesSpoken: [],
  region: '',
  motivation: '',
  availability: '',
  language: null,
  consent: false,
};

/** /volunteer — anyone may offer to become a peer group facilitator. */
export function VolunteerPage() {
  const { t, i18n } = useTranslation('recruitment');
  usePageTitle(t('volunteer.title'));
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [draft, setDraft] = useState<Draft>(empty);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const e = errors.fields;

  const labels = {
    name: t('volunteer.name'),
    email: t('volunteer.email'),
    phone: t('volunteer.phone'),
    languagesSpoken: t('volunteer.languages'),
    region: t('volunteer.region'),
    motivation: t('volunteer.motivation'),
    availability: t('volunteer.availability'),
    language: t('volunteer.language'),
    consent: t('volunteer.consent'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: draft.name,
      email: draft.email,
      ...(draft.phone.trim() ? { phone: draft.phone } : {}),
      languagesSpoken: draft.languagesSpoken,
      region: draft.region || undefined,
      motivation: draft.motivation,
      availability: draft.availability,
      language: draft.language ?? i18n.resolvedLanguage,
      // Only a ticked box is consent; an unticked one is left out and reads as missing.
      ...(draft.consent ? { consent: true } : {}),
    };
    const checked = validate(trainingSchemas.application, body, t);
    if (checked.errors?.fields.consent)
      checked.errors.fields.consent = t('volunteer.consentRequired');
    void submit(checked, async (data) => {
      await post<{ id: string }>('/volunteer-applications', data);
      setSentTo(data.email);
      window.scrollTo({ top: 0 });
    });
  };

  if (sentTo) {
    return (
      <section className="page">
        <h1>{t('volunteer.thanksTitle')}</h1>
        <p className="lead" role="status" data-testid="application-sent">
          {t('volunteer.thanksText', { email: isolate(sentTo) })}
        </p>
        <p>
          <Link to="/">{t('volunteer.backHome')}</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="page volunteer">
      <h1>{t('volunteer.title')}</h1>
      <p className="lead">{t('volunteer.intro')}</p>
      <p>{t('volunteer.steps')}</p>
      <form className="form" noValidate onSubmit={onSubmit}>
        <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
        <TextField
          id={fieldId('name')}
          label={labels.name}
          hint={t('volunteer.nameHint')}
          error={e.name}
          value={draft.name}
          onChange={(ev) => set({ name: ev.target.value })}
          autoComplete="name"
          maxLength={80}
          required
        />
        <TextField
          id={fieldId('email')}
          type="email"
          label={labels.email}
          hint={t('volunteer.emailHint')}
          error={e.email}
          value={draft.email}
          onChange={(ev) => set({ email: ev.target.value })}
          autoComplete="email"
          dir="ltr"
          maxLength={254}
          required
        />
        <TextField
          id={fieldId('phone')}
          type="tel"
          label={labels.phone}
          hint={t('volunteer.phoneHint')}
          error={e.phone}
          value={draft.phone}
          onChange={(ev) => set({ phone: ev.target.value })}
          autoComplete="tel"
          dir="ltr"
          maxLength={20}
        />
        <SpokenLanguages
          id={fieldId('languagesSpoken')}
          legend={labels.languagesSpoken}
          hint={t('volunteer.languagesHint')}
          error={e.languagesSpoken}
          value={draft.languagesSpoken}
          onChange={(languagesSpoken) => set({ languagesSpoken })}
          max={12}
        />
        <SelectField
          id={fieldId('region')}
          label={labels.region}
          hint={t('volunteer.regionHint')}
          error={e.region}
          value={draft.region}
          onChange={(ev) => set({ region: ev.target.value as Region | '' })}
          required
        >
          <option value="">{t('volunteer.chooseRegion')}</option>
          {REGIONS.map((region) => (
            <option key={region} value={region}>
              {t(`groups:regions.${region}`)}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          id={fieldId('motivation')}
          label={labels.motivation}
          hint={t('volunteer.motivationHint')}
          error={e.motivation}
          value={draft.motivation}
          onChange={(ev) => set({ motivation: ev.target.value })}
          rows={6}
          maxLength={2000}
          required
        />
        <TextAreaField
          id={fieldId('availability')}
          label={labels.availability}
          hint={t('volunteer.availabilityHint')}
          error={e.availability}
          value={draft.availability}
          onChange={(ev) => set({ availability: ev.target.value })}
          rows={3}
          maxLength={500}
          required
        />
        <LanguageField
          id={fieldId('language')}
          label={labels.language}
          hint={t('volunteer.languageHint')}
          error={e.language}
          value={draft.language ?? i18n.resolvedLanguage}
          onChange={(ev) => set({ language: ev.target.value })}
        />
        <section className="notice data-use" aria-labelledby={fieldId('data-title')}>
          <h2 id={fieldId('data-title')} className="notice-title">
            {t('volunteer.dataTitle')}
          </h2>
          <p>{t('volunteer.dataText')}</p>
          <p>
            {/* A new tab: the form keeps what was written. */}
            <Link to="/privacy" target="_blank" rel="noopener">
              {t('volunteer.privacy')}
            </Link>
          </p>
        </section>
        <CheckboxField
          id={fieldId('consent')}
          label={labels.consent}
          error={e.consent}
          checked={draft.consent}
          onChange={(ev) => set({ consent: ev.target.checked })}
          required
        />
        <SubmitButton busy={busy} label={t('volunteer.submit')} />
      </form>
    </section>
  );
}
