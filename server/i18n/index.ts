// Server-side translations (error messages, later emails) from the same locales/ as the client.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { projectRoot } from '../platform/paths.ts';
import {
  defaultLanguage,
  languages,
  matchLanguage,
  namespaces,
  type LanguageCode,
} from '../protocol/languages.ts';

const resources = Object.fromEntries(
  languages.map(({ code }) => [
    code,
    Object.fromEntries(
      namespaces.map((ns) => [
        ns,
        JSON.parse(readFileSync(join(projectRoot, 'locales', code, `${ns}.json`), 'utf8')),
      ]),
    ),
  ]),
);

const instance = i18next.createInstance();
await instance.init({
  resources,
  fallbackLng: defaultLanguage,
  ns: [...namespaces],
  defaultNS: 'errors',
  interpolation: { escapeValue: false },
  showSupportNotice: false,
  initImmediate: false,
});

export function translator(lang: LanguageCode): TFunction {
  return instance.getFixedT(lang);
}

/** The language from an explicit choice, else from an Accept-Language header. */
export function languageOf(explicit: unknown, acceptLanguage: string | undefined): LanguageCode {
  const preferences = [
    typeof explicit === 'string' ? explicit : '',
    ...(acceptLanguage ?? '').split(','),
  ];
  return matchLanguage(preferences.filter(Boolean));
}
