// Expected texts come from the locale files, never typed into a test: a test reads the words
// the app shows in a language, with their {{placeholders}} filled in.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../server/platform/paths.ts';

export type Strings = { [key: string]: string | string[] | Strings };

/** One namespace of one language, as the app loads it. */
export const locale = (language: string, namespace: string): Strings =>
  JSON.parse(
    readFileSync(join(projectRoot, 'locales', language, `${namespace}.json`), 'utf8'),
  ) as Strings;

/** The string at a dotted path, its placeholders replaced by `values`. */
export function text(
  strings: Strings,
  path: string,
  values: Record<string, string | number> = {},
): string {
  const value = path
    .split('.')
    .reduce<string | string[] | Strings | undefined>(
      (at, key) => (at && typeof at === 'object' && !Array.isArray(at) ? at[key] : undefined),
      strings,
    );
  assert.equal(typeof value, 'string', `a string at ${path}`);
  return Object.entries(values).reduce(
    (result, [name, v]) => result.replaceAll(`{{${name}}}`, String(v)),
    value as string,
  );
}
