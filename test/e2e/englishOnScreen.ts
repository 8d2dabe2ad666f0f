// What of the app's English shows on a screen meant to be in another language: [reach-3] reads
// every screen of a Somali or Sorani family's way through this. Two kinds of leak: an English UI
// text (a key missing, a string never translated, a server message in the wrong language), and
// the English names of months and weekdays (Intl answering in English when a browser lacks the
// language's data).
import { clientNamespaces } from '../../server/protocol/languages.ts';
import type { Page } from 'playwright-core';
import { locale, type Strings } from '../support/locales.ts';

function flatten(strings: Strings, prefix = '', into = new Map<string, string>()) {
  for (const [key, value] of Object.entries(strings)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') into.set(path, value);
    else if (!Array.isArray(value)) flatten(value, path, into);
  }
  return into;
}

/** English fragments (between placeholders and tags) long enough to be the app's own words. */
const cache = new Map<string, Map<string, string>>();
function englishFragments(lang: string): Map<string, string> {
  let fragments = cache.get(lang);
  if (fragments) return fragments;
  fragments = new Map();
  for (const ns of clientNamespaces) {
    const own = flatten(locale(lang, ns));
    for (const [key, text] of flatten(locale('en', ns))) {
      const theirs = own.get(key) ?? '';
      if (theirs === text) continue; // the same on purpose (locales/same-as-english.json)
      for (const piece of text.split(/\{\{[^}]*\}\}|<[^>]*>|\$t\([^)]*\)/)) {
        const fragment = piece.trim();
        // Two words at least, and not words the language shares (a name, a place).
        if (fragment.length >= 12 && fragment.includes(' ') && !theirs.includes(fragment))
          fragments.set(fragment, `${ns}:${key}`);
      }
    }
  }
  cache.set(lang, fragments);
  return fragments;
}

const month = (i: number) =>
  new Intl.DateTimeFormat('en', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, i, 15));
const weekday = (i: number, style: 'long' | 'short') =>
  new Intl.DateTimeFormat('en', { weekday: style, timeZone: 'UTC' }).format(Date.UTC(2026, 1, i));
// Long month names only: Somali's short ones are English's ("Jan", "Feb", "May").
const CALENDAR_WORDS = [
  ...Array.from({ length: 12 }, (_, i) => month(i)),
  ...Array.from({ length: 7 }, (_, i) => weekday(i + 1, 'long')),
  ...Array.from({ length: 7 }, (_, i) => weekday(i + 1, 'short')),
  'AM',
  'PM',
].filter((word) => word !== 'May');

/** Each English text on the page (shown, or read out: labels, placeholders), with its key. */
export async function englishOnScreen(page: Page, lang: string): Promise<string[]> {
  const text = await page.evaluate(() => {
    const attributes = [
      ...document.querySelectorAll('[aria-label], [placeholder], [title], img[alt]'),
    ]
      .flatMap((element) =>
        ['aria-label', 'placeholder', 'title', 'alt'].map(
          (name) => element.getAttribute(name) ?? '',
        ),
      )
      .join('\n');
    return `${document.title}\n${document.body.innerText}\n${attributes}`;
  });
  const leaks: string[] = [];
  for (const [fragment, key] of englishFragments(lang))
    if (text.includes(fragment)) leaks.push(`${key}: "${fragment}"`);
  for (const word of CALENDAR_WORDS)
    if (new RegExp(`\\b${word}\\b`).test(text)) leaks.push(`English date: "${word}"`);
  // A browser with no data for the language writes a month as "M12" (CLDR's root locale).
  const raw = /\bM(1[0-2]|[1-9])\b/.exec(text);
  if (raw) leaks.push(`a month without its name: "${raw[0]}"`);
  return leaks;
}
