import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, languages } from '../../../server/protocol/languages.ts';
import { chooseLanguage } from './i18n.ts';

/** Each language is named in itself, so anyone can find theirs whatever is on screen now. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className="language-switcher">
      {/* The select names each language in itself; the label is for screen readers (the
          header's row needs the room, see navigation.css). */}
      <label htmlFor={id} className="visually-hidden">
        {t('language.label')}
      </label>
      <select
        id={id}
        value={i18n.resolvedLanguage ?? i18n.language}
        onChange={(event) => {
          if (isLanguage(event.target.value)) void chooseLanguage(event.target.value);
        }}
      >
        {languages.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.name}
          </option>
        ))}
      </select>
    </div>
  );
}
