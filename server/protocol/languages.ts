// The UI languages. Adding one: a folder in locales/ with every namespace, and a line here.
export const languages = [
  { code: 'fi', name: 'Suomi', dir: 'ltr' },
  { code: 'sv', name: 'Svenska', dir: 'ltr' },
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
  { code: 'ru', name: 'Русский', dir: 'ltr' },
  { code: 'uk', name: 'Українська', dir: 'ltr' },
  { code: 'et', name: 'Eesti', dir: 'ltr' },
  { code: 'so', name: 'Soomaali', dir: 'ltr' },
  { code: 'fa', name: 'فارسی', dir: 'rtl' },
  { code: 'ckb', name: 'کوردی (سۆرانی)', dir: 'rtl' },
  { code: 'zh-Hans', name: '简体中文', dir: 'ltr' },
  { code: 'sq', name: 'Shqip', dir: 'ltr' },
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
/**
 * Namespaces the browser loads only with the page that uses them: the live room's words are a
 * large share of a language and no first page but the session's needs them ([reach-bundle]).
 */
export const roomNamespaces = ['live'] as const;
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

/**
 * The locale to write dates in: the language, on the Gregorian calendar. Persian's default is the
 * Solar Hijri calendar, but a session or an appointment in Finland is dated as Finland dates it.
 */
export const dateLocale = (language: string) => `${language}-u-ca-gregory`;

export function isLanguage(code: unknown): code is LanguageCode {
  return languages.some((l) => l.code === code);
}

/** Tags whose base names no UI language of its own: Chinese is written in simplified script here. */
const BY_BASE: Readonly<Record<string, LanguageCode>> = { zh: 'zh-Hans' };

/** The first supported language in a preference list such as Accept-Language. */
export function matchLanguage(preferences: readonly string[]): LanguageCode {
  for (const preference of preferences) {
    const tag = preference.trim().split(';')[0]!.toLowerCase();
    const exact = languages.find((l) => l.code.toLowerCase() === tag);
    if (exact) return exact.code;
    const base = tag.split(/[-_]/)[0] ?? '';
    if (isLanguage(base)) return base;
    // Own keys only: a tag such as "constructor" must not find Object's prototype.
    if (Object.hasOwn(BY_BASE, base)) return BY_BASE[base]!;
  }
  return defaultLanguage;
}
