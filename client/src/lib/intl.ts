// Intl formatters, made once per language and options: constructing one loads locale data and
// costs far more than formatting with it (a live room re-rendering on every join made a new
// NumberFormat per render and spent most of its script time there).

import { dateLocale } from '../../../server/protocol/languages.ts';
import {
  fallbackDateTimeFormat,
  fallbackListFormat,
  missingLocale,
} from '../../../server/protocol/intlFallback.ts';

const made = new Map<string, unknown>();

function cached<T>(kind: string, language: string | string[], options: object, make: () => T): T {
  const key = `${kind}|${String(language)}|${JSON.stringify(options)}`;
  let formatter = made.get(key) as T | undefined;
  if (formatter === undefined) {
    formatter = make();
    made.set(key, formatter);
  }
  return formatter;
}

// A language the browser has no data for (Somali, Central Kurdish, Albanian in Chromium) is
// written with intlFallback.ts's words, never in the browser's English.
export const dateTimeFormat = (
  language: string,
  options: Intl.DateTimeFormatOptions = {},
): Pick<Intl.DateTimeFormat, 'format'> =>
  cached('date', language, options, () => {
    const words = missingLocale(language);
    return words
      ? fallbackDateTimeFormat(words, options)
      : new Intl.DateTimeFormat(dateLocale(language), options);
  });

export const numberFormat = (language: string, options: Intl.NumberFormatOptions = {}) =>
  cached(
    'number',
    language,
    options,
    () => new Intl.NumberFormat(missingLocale(language)?.numbers ?? language, options),
  );

export const collator = (language: string, options: Intl.CollatorOptions = {}) =>
  cached('collator', language, options, () => new Intl.Collator(language, options));

export const listFormat = (
  language: string,
  options: Intl.ListFormatOptions = {},
): Pick<Intl.ListFormat, 'format' | 'formatToParts'> =>
  cached('list', language, options, () => {
    const words = missingLocale(language);
    return words ? fallbackListFormat(words, options) : new Intl.ListFormat(language, options);
  });

export const displayNames = (language: string, options: Intl.DisplayNamesOptions) =>
  cached('names', language, options, () => new Intl.DisplayNames([language], options));
