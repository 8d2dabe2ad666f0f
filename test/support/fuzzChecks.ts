// What [fuzz-1] checks after each request and batch: an error answer is in the app's shape and
// translated into the language asked for, and the database did not move.
import { createHash, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { languages } from '../../server/protocol/languages.ts';

/** The run's seed: printed with every failure; FUZZ_SEED=<it> replays the same cases. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? randomInt(2 ** 31));
/** Generated cases per entry point and actor, at most (see FUZZ_SECONDS). */
export const FUZZ_CASES = Number(process.env.FUZZ_CASES ?? 200);
/**
 * The time each fuzz test may take (REST; sockets take half): cases go out in rounds over every
 * entry point, and no round starts after this — on a slow machine fewer cases, each still
 * replayable by its seed. FUZZ_ROUTE / FUZZ_EVENT runs all FUZZ_CASES for one entry point.
 */
export const FUZZ_SECONDS = Number(process.env.FUZZ_SECONDS ?? 45);

/**
 * Language tags that are no language but name a property every JavaScript object has: a lookup
 * by tag that is not by own key finds a function (found once: a handshake left unanswered).
 */
export const OBJECT_KEY_TAGS = [
  'constructor',
  '__proto__',
  'toString',
  'valueOf',
  'hasOwnProperty',
];

/** The language an answer must be in when this tag was asked for: its own, else Finnish. */
export const answerLanguage = (tag: string): string =>
  languages.some((l) => l.code === tag) ? tag : 'fi';

/** A seed of its own for each pair, so one pair replays without running the others. */
export function seedFor(...parts: string[]): number {
  let h = FUZZ_SEED >>> 0;
  for (const ch of parts.join('|')) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

const localesDir = join(import.meta.dirname, '../../locales');
const errorTexts = new Map<string, Record<string, unknown>>(
  languages.map(({ code: lang }) => [
    lang,
    JSON.parse(readFileSync(join(localesDir, lang, 'errors.json'), 'utf8')) as Record<
      string,
      unknown
    >,
  ]),
);

function lookup(lang: string, key: string): unknown {
  let node: unknown = errorTexts.get(lang);
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * Problems with an error answer, or []: `{ error: { code, message, fields? } }`, the code a key
 * of errors.json, the message that key's text in the caller's language (with placeholders
 * filled, so only texts without placeholders are compared word for word) and never a raw key.
 */
export function errorProblems(body: unknown, lang: string): string[] {
  const error = (body as { error?: { code?: unknown; message?: unknown; fields?: unknown } })
    ?.error;
  if (typeof error !== 'object' || error === null) return ['not an error body'];
  const { code, message, fields } = error;
  if (typeof code !== 'string' || typeof message !== 'string') return ['no code or message'];
  const text = lookup(lang, code);
  const problems: string[] = [];
  if (typeof text !== 'string') problems.push(`code ${code} has no text in ${lang}`);
  else if (!text.includes('{{') && message !== text)
    problems.push(`message ${JSON.stringify(message)} is not the ${lang} text of ${code}`);
  if (message === code || /^[a-z]+(\.[a-zA-Z]+)+$/.test(message) || message.includes('{{'))
    problems.push(`message is a raw key: ${message}`);
  if (fields !== undefined) {
    if (typeof fields !== 'object' || fields === null) problems.push('fields is not an object');
    else
      for (const value of Object.values(fields))
        if (
          typeof value !== 'string' ||
          !value ||
          /^field\.\w+$/.test(value) ||
          value.includes('{{')
        )
          problems.push(`field message is a raw key: ${String(value)}`);
  }
  return problems;
}

/**
 * What legitimately changes on a refused request, left out of the fingerprint — each for a
 * reason, and only those fields:
 * - login_sessions.lastSeenAt/expiresAt: any request by a signed-in person slides the session's
 *   idle end forward (server/auth/sessions.ts, at most every few minutes); a refusal included.
 * - login_failures, login_locks: the guessing protection (server/auth/throttle.ts) stores every
 *   refused password, by design — that refusal is the write. Nothing else writes there.
 */
const IGNORED_FIELDS: Record<string, string[]> = {
  login_sessions: ['lastSeenAt', 'expiresAt'],
};
const IGNORED_COLLECTIONS = new Set(['login_failures', 'login_locks']);

/** Per collection: its count and a hash of its documents in _id order. */
export async function fingerprint(): Promise<Map<string, string>> {
  const db = mongoose.connection.db;
  if (!db) throw new Error('no database');
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((name) => !IGNORED_COLLECTIONS.has(name));
  const entries = await Promise.all(
    names.map(async (name) => {
      const projection = Object.fromEntries((IGNORED_FIELDS[name] ?? []).map((f) => [f, 0]));
      const docs = await db.collection(name).find({}, { projection }).sort({ _id: 1 }).toArray();
      const hash = createHash('sha1').update(JSON.stringify(docs)).digest('hex').slice(0, 12);
      return [name, `${docs.length}:${hash}`] as const;
    }),
  );
  return new Map(entries.filter(([, value]) => value !== '0:' + emptyHash));
}

const emptyHash = createHash('sha1').update('[]').digest('hex').slice(0, 12);

/** The collections whose fingerprint differs, or []. */
export function changedCollections(a: Map<string, string>, b: Map<string, string>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((name) => a.get(name) !== b.get(name)).sort();
}

/** The first problems found, with the seed that replays them. */
export function report(problems: string[]): string {
  return (
    `${problems.length} problems (replay: FUZZ_SEED=${FUZZ_SEED}):\n` +
    problems.slice(0, 15).join('\n') +
    (problems.length > 15 ? `\n… and ${problems.length - 15} more` : '')
  );
}
