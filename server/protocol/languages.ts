// The UI languages. Adding one: a folder in locales/ with every namespace, and a line here.
export const languages = [
  { code: 'fi', name: 'Suomi', dir: 'ltr' },
  { code: 'sv', name: 'Svenska', dir: 'ltr' },
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
] as const;

export type LanguageCode = (typeof languages)[number]['code'];
export const defaultLanguage: LanguageCode = 'fi';
export const namespaces = [
  'common',
  'errors',
  'account',
  'privacy',
  'groups',
  'live',
  'chat',
  'training',
  'supervision',
  'email',
  'meetings',
  'recruitment',
  'partners',
  'directory',
  'table',
  'report',
  'alongside',
  'appointments',
] as const;
/** What the browser loads; 'email' is the server's alone. */
export const clientNamespaces = [
  'common',
  'errors',
  'account',
  'privacy',
  'groups',
  'live',
  'chat',
  'training',
  'supervision',
  'meetings',
  'recruitment',
  'partners',
  'directory',
  'table',
  'report',
  'alongside',
  'appointments',
] as const;

export function isLanguage(code: unknown): code is LanguageCode {
  return languages.some((l) => l.code === code);
}

/** The first supported language in a preference list such as Accept-Language. */
export function matchLanguage(preferences: readonly string[]): LanguageCode {
  for (const preference of preferences) {
    const base = preference.trim().toLowerCase().split(/[-_;]/)[0];
    if (isLanguage(base)) return base;
  }
  return defaultLanguage;
}
