/**
 * Languages families in Finland often speak, as ISO 639 codes (named with Intl.DisplayNames in
 * the UI language). Not every language on earth: enough to choose from without scrolling forever.
 */
export const COMMON_SPOKEN_LANGUAGES = [
  'fi', 'sv', 'en', 'ar', 'ru', 'et', 'so', 'fa', 'ku', 'ckb', 'tr', 'uk', 'vi', 'th', 'zh',
  'es', 'fr', 'de', 'pt', 'it', 'pl', 'ro', 'bg', 'sq', 'bs', 'hr', 'sr', 'ti', 'am', 'om',
  'sw', 'ps', 'ur', 'hi', 'bn', 'ne', 'tl', 'my', 'ja', 'ko', 'yo', 'ig', 'ha', 'ln', 'se',
] as const; // prettier-ignore

/** Codes sorted by their names in the UI language. */
export function byName(codes: readonly string[], name: (code: string) => string, language: string) {
  const collator = new Intl.Collator(language);
  return codes
    .map((code) => ({ code, name: name(code) }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
