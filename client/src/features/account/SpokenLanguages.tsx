import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/format.ts';

/**
 * Languages families in Finland often speak, offered by name (in the UI language); the list
 * stores ISO 639 codes. Not every language on earth: enough to choose from without scrolling forever.
 */
const OFFERED = [
  'fi', 'sv', 'en', 'ar', 'ru', 'et', 'so', 'fa', 'ku', 'ckb', 'tr', 'uk', 'vi', 'th', 'zh',
  'es', 'fr', 'de', 'pt', 'it', 'pl', 'ro', 'bg', 'sq', 'bs', 'hr', 'sr', 'ti', 'am', 'om',
  'sw', 'ps', 'ur', 'hi', 'bn', 'ne', 'tl', 'my', 'ja', 'ko', 'yo', 'ig', 'ha', 'ln', 'se',
]; // prettier-ignore

const MAX = 10;

export function SpokenLanguages({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: string[];
  onChange: (value: string[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation('account');
  const format = useFormat();
  const addId = useId();
  const [adding, setAdding] = useState('');
  const collator = new Intl.Collator(format.language);
  const choices = OFFERED.filter((code) => !value.includes(code))
    .map((code) => ({ code, name: format.languageName(code) }))
    .sort((a, b) => collator.compare(a.name, b.name));

  const add = () => {
    if (adding && !value.includes(adding) && value.length < MAX) onChange([...value, adding]);
    setAdding('');
  };

  return (
    <fieldset id={id} className="field" aria-describedby={error ? `${id}-error` : `${id}-hint`}>
      <legend>{t('profile.languagesSpoken')}</legend>
      <p id={`${id}-hint`} className="field-hint">
        {t('profile.languagesSpokenHint')}
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
      {value.length < MAX ? (
        <div className="inline-add">
          <label htmlFor={addId} className="visually-hidden">
            {t('profile.addLanguageLabel')}
          </label>
          <select id={addId} value={adding} onChange={(event) => setAdding(event.target.value)}>
            <option value="">{t('profile.chooseLanguage')}</option>
            {choices.map((choice) => (
              <option key={choice.code} value={choice.code}>
                {choice.name}
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
