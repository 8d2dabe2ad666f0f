// i18next in the browser: each language's JSON is its own chunk, loaded when chosen.
import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import {
  isLanguage,
  languages,
  matchLanguage,
  clientNamespaces,
  roomNamespaces,
  type LanguageCode,
} from '../../../server/protocol/languages.ts';

// Every namespace but the emails', which only the server sends (see clientNamespaces).
const bundles = import.meta.glob<{ default: Record<string, unknown> }>([
  '../../../locales/*/*.json',
  '!../../../locales/*/email.json',
]);
const STORAGE_KEY = 'rinnalla.lang';

const localesBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    const load = bundles[`../../../locales/${language}/${namespace}.json`];
    if (!load) {
      callback(new Error(`no translations for ${language}/${namespace}`), null);
      return;
    }
    load().then(
      (module) => callback(null, module.default),
      (error: Error) => callback(error, null),
    );
  },
};

function initialLanguage(): LanguageCode {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  return matchLanguage(navigator.languages ?? [navigator.language]);
}

function applyToDocument(language: string) {
  const meta = languages.find((l) => l.code === language);
  document.documentElement.lang = language;
  document.documentElement.dir = meta?.dir ?? 'ltr';
}

export async function initI18n(): Promise<void> {
  i18next.on('languageChanged', applyToDocument);
  await i18next
    .use(localesBackend)
    .use(initReactI18next)
    .init({
      lng: initialLanguage(),
      // No fallback language: i18next would download all of Finnish too for every other
      // language (a phone's first page, [reach-bundle]), and the completeness check ([reach-1])
      // already fails the build when any language lacks a key.
      fallbackLng: false,
      supportedLngs: languages.map((l) => l.code),
      // The room's namespaces come with the session page (loadRoomTranslations).
      ns: clientNamespaces.filter((ns) => !(roomNamespaces as readonly string[]).includes(ns)),
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      showSupportNotice: false,
      react: { useSuspense: false },
    });
  applyToDocument(i18next.language);
}

/** The live room's words, loaded with its page (then kept through language changes). */
export async function loadRoomTranslations(): Promise<void> {
  await i18next.loadNamespaces([...roomNamespaces]);
}

export async function chooseLanguage(language: LanguageCode): Promise<void> {
  localStorage.setItem(STORAGE_KEY, language);
  await i18next.changeLanguage(language);
}
