// Dates in Finnish time whatever the device's zone, and language names in the UI language.
import { spokenLanguageName } from './spokenLanguages.ts';
import { useUiLanguage } from './useUiLanguage.ts';
import { isolate } from './bidi.tsx';
import { dateTimeFormat, listFormat, numberFormat } from './intl.ts';

const TIME_ZONE = 'Europe/Helsinki';

export function formatDateTime(language: string, iso: string): string {
  return dateTimeFormat(language, {
    timeZone: TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export function formatDate(language: string, iso: string): string {
  return dateTimeFormat(language, { timeZone: TIME_ZONE, dateStyle: 'medium' }).format(
    new Date(iso),
  );
}

/** A session's start with its weekday ("tiistai 12. toukokuuta 2026 klo 18.00"). */
export function formatSessionTime(language: string, iso: string): string {
  return dateTimeFormat(language, {
    timeZone: TIME_ZONE,
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export function formatTime(language: string, iso: string): string {
  return dateTimeFormat(language, { timeZone: TIME_ZONE, timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/**
 * A schedule's wall-clock time ("18:00", already Helsinki time) in the UI language's style.
 * It is not an instant, so it is formatted as that time of day in UTC: no zone shifts it.
 */
export function formatWallClock(language: string, hhmm: string): string {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  return dateTimeFormat(language, { timeZone: 'UTC', timeStyle: 'short' }).format(
    new Date(Date.UTC(2000, 0, 1, hours, minutes)),
  );
}

/** A schedule's local date ("2026-03-15") in the UI language's style; see formatWallClock. */
export function formatLocalDate(language: string, yyyymmdd: string): string {
  return dateTimeFormat(language, { timeZone: 'UTC', dateStyle: 'medium' }).format(
    new Date(`${yyyymmdd}T12:00:00Z`),
  );
}

/** The Helsinki calendar date of an instant, as YYYY-MM-DD (what schedules speak). */
export function helsinkiDate(iso: string | Date): string {
  return dateTimeFormat('sv-SE', { timeZone: TIME_ZONE }).format(new Date(iso));
}

/** A language's name ("so" → "somali" in Finnish): see spokenLanguageName. */
export function languageName(uiLanguage: string, code: string): string {
  return spokenLanguageName(code, uiLanguage);
}

/** Formatting bound to the current UI language. */
export function useFormat() {
  const language = useUiLanguage();
  return {
    language,
    dateTime: (iso: string) => formatDateTime(language, iso),
    date: (iso: string) => formatDate(language, iso),
    sessionTime: (iso: string) => formatSessionTime(language, iso),
    time: (iso: string) => formatTime(language, iso),
    wallClock: (hhmm: string) => formatWallClock(language, hhmm),
    localDate: (yyyymmdd: string) => formatLocalDate(language, yyyymmdd),
    number: (value: number) => numberFormat(language).format(value),
    /** A score out of 100 ("80 %", "٨٠٪"). */
    percent: (value: number) => numberFormat(language, { style: 'percent' }).format(value / 100),
    languageName: (code: string) => languageName(language, code),
    /** "suomi, arabia ja somali": a list as the language writes one (never a hard-coded ", "). */
    list: (items: readonly string[]) => listFormat(language, { type: 'conjunction' }).format(items),
    /** A list of people's names, each isolated so a name in another script keeps its order. */
    names: (names: readonly string[]) =>
      listFormat(language, { type: 'conjunction' }).format(names.map(isolate)),
  };
}
