import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  apiSchemas,
  CHILD_AGE_RANGES,
  type ChildAgeRange,
  type Me,
} from '../../../../server/protocol/api.ts';
import { patch } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { validate } from '../../lib/forms/errors.ts';
import { CheckboxGroup, TextField } from '../../lib/forms/fields.tsx';
import { LanguageField } from '../../lib/forms/LanguageField.tsx';
import { SubmitButton } from '../../lib/forms/SubmitButton.tsx';
import { useFormSubmit } from '../../lib/forms/useFormSubmit.ts';
import { DisplayNameField } from './accountFields.tsx';
import { useSession } from './session.tsx';
import { SpokenLanguages } from './SpokenLanguages.tsx';

export function ProfileForm({ person }: { person: Me }) {
  const { t } = useTranslation('account');
  const { updatePerson } = useSession();
  const { errors, fieldId, busy, submit } = useFormSubmit();
  const [saved, setSaved] = useState(false);
  const [displayName, setDisplayName] = useState(person.displayName);
  // null: follow the profile, which the language menu in the header may change meanwhile.
  const [language, setLanguage] = useState<string | null>(null);
  const [languagesSpoken, setLanguagesSpoken] = useState(person.languagesSpoken);
  const [municipality, setMunicipality] = useState(person.municipality ?? '');
  const [ageRanges, setAgeRanges] = useState<ChildAgeRange[]>(person.childrenAgeRanges);
  const isFamily = person.roles.includes('family');

  const labels = {
    displayName: t('fields.displayName'),
    language: t('fields.language'),
    languagesSpoken: t('profile.languagesSpoken'),
    municipality: t('profile.municipality'),
    childrenAgeRanges: t('profile.childrenAgeRanges'),
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const body = {
      displayName,
      language: language ?? person.language,
      languagesSpoken,
      municipality: municipality.trim() === '' ? null : municipality,
      ...(isFamily ? { childrenAgeRanges: ageRanges } : {}),
    };
    void submit(validate(apiSchemas.updateProfile, body, t), async (data) => {
      updatePerson(await patch<Me>('/me', data));
      setLanguage(null);
      setSaved(true);
    });
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={errors} fieldId={fieldId} labels={labels} />
      <DisplayNameField
        id={fieldId('displayName')}
        label={labels.displayName}
        error={errors.fields.displayName}
        value={displayName}
        onChange={(event) => setDisplayName(event.target.value)}
      />
      <LanguageField
        id={fieldId('language')}
        label={labels.language}
        hint={t('fields.languageHint')}
        error={errors.fields.language}
        value={language ?? person.language}
        onChange={(event) => setLanguage(event.target.value)}
      />
      <SpokenLanguages
        id={fieldId('languagesSpoken')}
        value={languagesSpoken}
        onChange={setLanguagesSpoken}
        error={errors.fields.languagesSpoken}
      />
      <TextField
        id={fieldId('municipality')}
        label={labels.municipality}
        hint={t('profile.municipalityHint')}
        error={errors.fields.municipality}
        value={municipality}
        onChange={(event) => setMunicipality(event.target.value)}
        autoComplete="address-level2"
        maxLength={80}
      />
      {isFamily ? (
        <CheckboxGroup
          id={fieldId('childrenAgeRanges')}
          label={labels.childrenAgeRanges}
          hint={t('profile.childrenAgeRangesHint')}
          error={errors.fields.childrenAgeRanges}
          choices={CHILD_AGE_RANGES.map((range) => ({
            value: range,
            label: t('profile.ageRange', { from: range.split('-')[0], to: range.split('-')[1] }),
          }))}
          value={ageRanges}
          onChange={setAgeRanges}
        />
      ) : null}
      <SubmitButton busy={busy} label={t('profile.save')}>
        <span role="status">{saved ? t('profile.saved') : null}</span>
      </SubmitButton>
    </form>
  );
}
