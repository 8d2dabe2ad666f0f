// Dates in Finnish time whatever the device's zone, and language names in the UI language.
import { useTranslation } from 'react-i18next';

const TIME_ZONE = 'Europe/Helsinki';

export function formatDateTime(language: string, iso: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export function formatDate(language: string, iso: string): string {
  return new Intl.DateTimeFormat(language, { timeZone: TIME_ZONE, dateStyle: 'medium' }).format(
    new Date(iso),
  );
}

/** A language's name ("so" → "somali" in Finnish), or the code when the browser lacks it. */
export function languageName(uiLanguage: string, code: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Formatting bound to the current UI language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return {
    language,
    dateTime: (iso: string) => formatDateTime(language, iso),
    date: (iso: string) => formatDate(language, iso),
    languageName: (code: string) => languageName(language, code),
  };
}
