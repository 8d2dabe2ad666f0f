import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  apiSchemas,
  CHILD_AGE_RANGES,
  type ChildAgeRange,
  type Me,
} from '../../../../server/protocol/api.ts';
import { languages } from '../../../../server/protocol/languages.ts';
import { patch } from '../../lib/api.ts';
import { ErrorSummary } from '../../lib/forms/ErrorSummary.tsx';
import { errorsFrom, useFormErrors, validate } from '../../lib/forms/errors.ts';
import { CheckboxGroup, SelectField, TextField } from '../../lib/forms/fields.tsx';
import { useSession } from './session.tsx';
import { SpokenLanguages } from './SpokenLanguages.tsx';

export function ProfileForm({ person }: { person: Me }) {
  const { t } = useTranslation('account');
  const { updatePerson } = useSession();
  const { errors, setErrors, fieldId, clear } = useFormErrors();
  const [busy, setBusy] = useState(false);
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

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const body = {
      displayName,
      language: language ?? person.language,
      languagesSpoken,
      municipality: municipality.trim() === '' ? null : municipality,
      ...(isFamily ? { childrenAgeRanges: ageRanges } : {}),
    };
    const checked = validate(apiSchemas.updateProfile, body, t);
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    clear();
    setBusy(true);
    try {
      updatePerson(await patch<Me>('/me', checked.data));
      setLanguage(null);
      setSaved(true);
    } catch (error) {
      setErrors(errorsFrom(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
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
      <SelectField
        id={fieldId('language')}
        label={labels.language}
        hint={t('fields.languageHint')}
        error={errors.fields.language}
        value={language ?? person.language}
        onChange={(event) => setLanguage(event.target.value)}
      >
        {languages.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </SelectField>
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
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('profile.save')}
        </button>
        <span role="status">{saved ? t('profile.saved') : null}</span>
      </div>
    </form>
  );
}
