import i18next from 'i18next';
import { collator, displayNames } from './intl.ts';

/**
 * Languages families in Finland often speak, as ISO 639 codes (named with Intl.DisplayNames in
 * the UI language). Not every language on earth: enough to choose from without scrolling forever.
 */
export const COMMON_SPOKEN_LANGUAGES = [
  'fi', 'sv', 'en', 'ar', 'ru', 'et', 'so', 'fa', 'ku', 'ckb', 'tr', 'uk', 'vi', 'th', 'zh',
  'es', 'fr', 'de', 'pt', 'it', 'pl', 'ro', 'bg', 'sq', 'bs', 'hr', 'sr', 'ti', 'am', 'om',
  'sw', 'ps', 'ur', 'hi', 'bn', 'ne', 'tl', 'my', 'ja', 'ko', 'yo', 'ig', 'ha', 'ln', 'se',
] as const; // prettier-ignore

/**
 * Each language's name for itself. Not a translation (it reads the same in every UI language),
 * so it is data beside the codes; kept here because browsers lack many of them (Chromium names
 * Somali "Somali" and Northern Sami "se" even in Somali and Sami).
 */
const ENDONYMS: Readonly<Record<string, string>> = {
  fi: 'suomi', sv: 'svenska', en: 'English', ar: 'العربية', ru: 'русский', et: 'eesti',
  so: 'Soomaali', fa: 'فارسی', ku: 'kurdî', ckb: 'کوردیی ناوەندی', tr: 'Türkçe',
  uk: 'українська', vi: 'Tiếng Việt', th: 'ไทย', zh: '中文', es: 'español', fr: 'français',
  de: 'Deutsch', pt: 'português', it: 'italiano', pl: 'polski', ro: 'română', bg: 'български',
  sq: 'shqip', bs: 'bosanski', hr: 'hrvatski', sr: 'српски', ti: 'ትግርኛ', am: 'አማርኛ',
  om: 'Oromoo', sw: 'Kiswahili', ps: 'پښتو', ur: 'اردو', hi: 'हिन्दी', bn: 'বাংলা', ne: 'नेपाली',
  tl: 'Filipino', my: 'မြန်မာ', ja: '日本語', ko: '한국어', yo: 'Èdè Yorùbá', ig: 'Asụsụ Igbo',
  ha: 'Hausa', ln: 'lingála', se: 'davvisámegiella',
}; // prettier-ignore

/** Written right to left (in the scripts families here use them in: Kurdish "ku" is Latin). */
const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'ckb', 'ps', 'ur', 'he', 'yi', 'sd', 'ug', 'dv']);

/** The direction a text in this language runs; "auto" (its first letter decides) if unknown. */
export function textDirection(code: string): 'ltr' | 'rtl' | 'auto' {
  if (RIGHT_TO_LEFT.has(code)) return 'rtl';
  return code in ENDONYMS ? 'ltr' : 'auto';
}

/** A language's own name ("so" → "Soomaali"), when known. */
export function endonym(code: string): string | undefined {
  return ENDONYMS[code];
}

/** What the browser calls a language in the UI language; undefined when it only echoes the code. */
function browserName(code: string, uiLanguage: string): string | undefined {
  // Without data for the UI language (Somali, Sorani, Albanian in Chromium) it would answer in
  // English: the language's own name follows instead.
  if (Intl.DisplayNames.supportedLocalesOf([uiLanguage]).length === 0) return undefined;
  try {
    const name = displayNames(uiLanguage, { type: 'language' }).of(code);
    return name && name.toLowerCase() !== code.toLowerCase() ? name : undefined;
  } catch {
    return undefined; // not a well-formed code
  }
}

/** The locale files' name for a language (common:languageNames), if they have one. */
function translatedName(code: string, uiLanguage: string): string | undefined {
  const key = `common:languageNames.${code}`;
  return i18next.exists(key, { lng: uiLanguage }) ? i18next.t(key, { lng: uiLanguage }) : undefined;
}

/**
 * A spoken language's name in the UI language, the one naming every list uses. The locale
 * files' name wins where the browser's data is missing or poor ("se", Finnish "soranî"); then
 * Intl.DisplayNames; then the language's own name; the code only if nothing names it at all.
 */
export function spokenLanguageName(code: string, uiLanguage: string): string {
  return translatedName(code, uiLanguage) ?? browserName(code, uiLanguage) ?? endonym(code) ?? code;
}

/**
 * Codes sorted by their names in the UI language. `label` adds the language's own name where it
 * differs ("venäjä (русский)") so people find their language in a list in another; it is
 * isolated (FSI…PDI) as an <option> cannot hold a <bdi>.
 */
export function byName(codes: readonly string[], name: (code: string) => string, language: string) {
  const byLanguage = collator(language);
  const same = collator(language, { sensitivity: 'accent' }); // "Hausa" is "hausa"
  return codes
    .map((code) => {
      const own = endonym(code);
      const named = name(code);
      const differs = own !== undefined && same.compare(own, named) !== 0;
      return { code, name: named, label: differs ? `${named} (\u2068${own}\u2069)` : named };
    })
    .sort((a, b) => byLanguage.compare(a.name, b.name));
}
