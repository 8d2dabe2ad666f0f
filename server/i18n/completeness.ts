// Is a language's translation complete? Every key of every namespace of the English text is there
// (a plural in every form the language's own plural rules use, as i18next picks them with
// Intl.PluralRules), every {{placeholder}} and <tag> of the English text is kept, nothing is left
// out or added, no key is written twice in a file, and no text is left identical to English
// unless it is listed as such on purpose. Each problem is one line, to show as a list.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Tree = { [key: string]: string | Tree };

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}|<(\/?\w+)\s*\/?>/g)].map((m) => m[1] ?? `<${m[2]}>`);

/** Words to translate, beyond placeholders and tags ("{{name}} ({{role}})" has none). */
const hasWords = (text: string) => /\p{L}{3}/u.test(text.replace(/\{\{[^}]*\}\}|<[^>]*>/g, ''));

/** Key paths of a tree, each with its text. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [p, v] of flatten(value, path)) out.set(p, v);
  }
  return out;
}

/** Keys written twice in one JSON object (JSON.parse keeps the last one silently). */
export function duplicateKeys(json: string): string[] {
  const found: string[] = [];
  const stack: Set<string>[] = [];
  // Walk the tokens: strings followed by ':' are keys of the innermost open object.
  const token = /"(?:[^"\\]|\\.)*"\s*:|[{}]/g;
  for (const m of json.matchAll(token)) {
    if (m[0] === '{') stack.push(new Set());
    else if (m[0] === '}') stack.pop();
    else {
      const key = JSON.parse(m[0].replace(/\s*:$/, '')) as string;
      const level = stack.at(-1);
      if (level?.has(key)) found.push(key);
      level?.add(key);
    }
  }
  return found;
}

/** The English text grouped: plain keys as they are, plurals under their base key. */
function groupPlurals(texts: Map<string, string>) {
  const plain = new Map<string, string>();
  const plurals = new Map<string, string[]>();
  for (const [key, text] of texts) {
    const suffix = PLURAL_SUFFIX.exec(key);
    if (suffix) {
      const base = key.slice(0, -suffix[0].length);
      plurals.set(base, [...(plurals.get(base) ?? []), text]);
    } else plain.set(key, text);
  }
  return { plain, plurals };
}

export interface CheckOptions {
  localesDir: string;
}

/** Texts allowed to read the same as English in a language (locales/same-as-english.json). */
function sameAsEnglishIn(localesDir: string, lang: string): ReadonlySet<string> {
  const path = join(localesDir, 'same-as-english.json');
  const lists = existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)
    : {};
  const listed = (key: string) => (Array.isArray(lists[key]) ? (lists[key] as string[]) : []);
  return new Set([...listed('*'), ...listed(lang)]);
}

export function checkLanguage(lang: string, { localesDir }: CheckOptions): string[] {
  const sameAsEnglish = sameAsEnglishIn(localesDir, lang);
  const problems: string[] = [];
  const forms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  const namespaces = readdirSync(join(localesDir, 'en')).filter((f) => f.endsWith('.json'));
  for (const file of namespaces) {
    const ns = file.replace(/\.json$/, '');
    const path = join(localesDir, lang, file);
    if (!existsSync(path)) {
      problems.push(`${lang}/${ns}: the namespace is missing`);
      continue;
    }
    const raw = readFileSync(path, 'utf8');
    for (const key of duplicateKeys(raw)) problems.push(`${lang}/${ns}: "${key}" is written twice`);
    const english = flatten(JSON.parse(readFileSync(join(localesDir, 'en', file), 'utf8')) as Tree);
    const theirs = flatten(JSON.parse(raw) as Tree);
    const { plain, plurals } = groupPlurals(english);
    const expected = new Set<string>(plain.keys());
    for (const [key, text] of plain) {
      const translated = theirs.get(key);
      if (translated === undefined) problems.push(`${lang}/${ns}: ${key} is missing`);
      else {
        checkPlaceholders(`${lang}/${ns}: ${key}`, text, translated, problems);
        const isId = key.endsWith('.id'); // an anchor's id, not words
        if (translated === text && hasWords(text) && !isId && !sameAsEnglish.has(`${ns}:${key}`))
          problems.push(`${lang}/${ns}: ${key} is still in English`);
      }
    }
    for (const [base, texts] of plurals) {
      for (const form of forms) {
        const key = `${base}_${form}`;
        expected.add(key);
        const translated = theirs.get(key);
        if (translated === undefined) problems.push(`${lang}/${ns}: ${key} is missing`);
        // "No contacts yet" needs none of the numbers the other forms name.
        else if (form !== 'zero')
          checkPlaceholders(`${lang}/${ns}: ${key}`, texts.at(-1)!, translated, problems);
      }
      // A zero form may be written where the rules have none: i18next uses it for 0 (count 0).
      if (theirs.has(`${base}_zero`)) expected.add(`${base}_zero`);
    }
    for (const key of theirs.keys())
      if (!expected.has(key)) problems.push(`${lang}/${ns}: ${key} is not in the English text`);
  }
  return problems;
}

/** Placeholders of the English text the translation must keep (a count may be spelled out). */
function checkPlaceholders(where: string, english: string, translated: string, out: string[]) {
  const have = new Set(placeholders(translated));
  for (const name of new Set(placeholders(english)))
    if (!have.has(name) && name !== 'count') out.push(`${where} lacks {{${name}}}`);
}
