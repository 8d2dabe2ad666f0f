import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.ts';
import { byName, COMMON_SPOKEN_LANGUAGES } from '../../lib/spokenLanguages.ts';

const MAX = 10;

/** A list of spoken languages as removable chips, added from a menu (profile, group setup). */
export function SpokenLanguages({
  id,
  value,
  onChange,
  error,
  legend,
  hint,
  max = MAX,
  disabled,
}: {
  id: string;
  value: string[];
  onChange: (value: string[]) => void;
  error?: string | undefined;
  legend?: string;
  hint?: string;
  max?: number;
  disabled?: boolean;
}) {
  const { t } = useTranslation('account');
  const format = useFormat();
  const addId = useId();
  const [adding, setAdding] = useState('');
  const choices = byName(
    COMMON_SPOKEN_LANGUAGES.filter((code) => !value.includes(code)),
    format.languageName,
    format.language,
  );

  const add = () => {
    if (adding && !value.includes(adding) && value.length < max) onChange([...value, adding]);
    setAdding('');
  };

  return (
    <fieldset
      id={id}
      className="field"
      aria-describedby={error ? `${id}-error` : `${id}-hint`}
      disabled={disabled}
    >
      <legend>{legend ?? t('profile.languagesSpoken')}</legend>
      <p id={`${id}-hint`} className="field-hint">
        {hint ?? t('profile.languagesSpokenHint')}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      {value.length > 0 ? (
        <ul className="chips">
          {value.map((code) => (
            <li key={code}>
              <span lang={format.language}>{format.languageName(code)}</span>
              <button
                type="button"
                aria-label={t('profile.removeLanguage', { language: format.languageName(code) })}
                onClick={() => onChange(value.filter((c) => c !== code))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('profile.noLanguages')}</p>
      )}
      {value.length < max ? (
        <div className="inline-add">
          <label htmlFor={addId} className="visually-hidden">
            {t('profile.addLanguageLabel')}
          </label>
          <select id={addId} value={adding} onChange={(event) => setAdding(event.target.value)}>
            <option value="">{t('profile.chooseLanguage')}</option>
            {choices.map((choice) => (
              <option key={choice.code} value={choice.code}>
                {choice.label}
              </option>
            ))}
          </select>
          <button type="button" className="secondary" disabled={!adding} onClick={add}>
            {t('profile.addLanguage')}
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}
