import i18next from 'i18next';
import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void) {
  i18next.on('languageChanged', onChange);
  return () => i18next.off('languageChanged', onChange);
}

const current = () => i18next.resolvedLanguage ?? i18next.language;

/**
 * The UI language, re-rendering on every change. react-i18next's useTranslation subscribes in
 * an effect, so a component rendered just before a change (the signed-in person's language
 * arriving while a page mounts) missed it and kept the old language's names until something
 * else re-rendered it; useSyncExternalStore checks the value again once subscribed.
 */
export function useUiLanguage(): string {
  return useSyncExternalStore(subscribe, current);
}
