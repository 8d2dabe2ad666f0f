// Payloads for [fuzz-1]: values at a schema's edges and beyond it. Each field gets either
// something its schema nearly accepts (lengths at and past the limits, enum values, ids) or
// something hostile (wrong types, Mongo operators, prototype keys, unicode traps, deep nesting).
import fc from 'fast-check';
import { z } from 'zod';

/** Ids the fuzzer knows: other people's, existing things, and well-formed ids of nothing. */
export interface KnownIds {
  ids: string[];
}

const UNICODE_TRAPS = [
  '\u0000',
  'a\u0000b',
  '\ud800', // a lone high surrogate
  '\udfff', // a lone low surrogate
  'x\ud83dy',
  '\u202e\u200f\u061c', // right-to-left override, RTL mark, Arabic letter mark
  '\ufeff',
  '\u0301\u0301\u0301',
  '𝕏😀👨‍👩‍👧',
  'ｆｕｌｌｗｉｄｔｈ',
  '\r\n\t\u2028\u2029',
  '<script>alert(1)</script>',
  "'; DROP TABLE x; --",
  '../../etc/passwd',
  '%00%2e%2e',
  '{{t}}',
  'Ὀδυσσεύς',
];

const NOT_IDS = [
  '',
  ' ',
  'null',
  'undefined',
  '0',
  '-1',
  '0123456789abcdef0123456', // one short of an ObjectId
  '0123456789abcdef012345678',
  'zzzzzzzzzzzzzzzzzzzzzzzz',
  '__proto__',
  'constructor',
  'prototype',
  '$gt',
  '{"$ne":null}',
  '.',
  '..',
];

/** Objects that mean something to MongoDB or to JavaScript's prototypes (parsed: own keys). */
const OPERATOR_OBJECTS: unknown[] = [
  { $where: 'sleep(1000) || true' },
  { $gt: '' },
  { $ne: null },
  { $in: [] },
  { $regex: '.*' },
  { $expr: { $eq: [1, 1] } },
  { $function: { body: 'return true', args: [], lang: 'js' } },
  JSON.parse('{"__proto__": {"polluted": true, "roles": ["coordinator"]}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  { toString: 'x', valueOf: 1, hasOwnProperty: 2 },
];

const hugeString = fc.constantFrom(
  'x'.repeat(10_001),
  'ä'.repeat(30_000),
  '\ud800'.repeat(2_000),
  '😀'.repeat(5_000),
);

function deep(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

const deepNesting = fc.constantFrom(deep(50), deep(500), deep(3_000));

const hostileString = fc.oneof(
  fc.constantFrom(...UNICODE_TRAPS, ...NOT_IDS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

const weirdNumber = fc.constantFrom(
  -1,
  0,
  -0,
  0.5,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 31,
  1e-320,
);

/** Anything at all that JSON can carry, leaning towards what breaks servers. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...OPERATOR_OBJECTS), weight: 4 },
  { arbitrary: hostileString, weight: 4 },
  { arbitrary: weirdNumber, weight: 2 },
  { arbitrary: fc.constantFrom(null, true, false, [], {}, [null], [[]]), weight: 2 },
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: deepNesting, weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 2 },
);

const anyObjectId = fc
  .tuple(fc.nat(), fc.nat(), fc.nat())
  .map((parts) => parts.map((n) => n.toString(16).padStart(8, '0').slice(-8)).join(''));

const idArbitraries = new WeakMap<KnownIds, fc.Arbitrary<string>>();

/** An id: someone else's, a thing's, one of nothing, or not an id at all. (Built once.) */
export function idLike(known: KnownIds): fc.Arbitrary<string> {
  let arbitrary = idArbitraries.get(known);
  if (!arbitrary) {
    arbitrary = fc.oneof(
      { arbitrary: fc.constantFrom(...known.ids), weight: 4 },
      { arbitrary: anyObjectId, weight: 1 },
      { arbitrary: fc.constantFrom(...NOT_IDS, ...UNICODE_TRAPS), weight: 2 },
      { arbitrary: fc.string({ maxLength: 30 }), weight: 1 },
    );
    idArbitraries.set(known, arbitrary);
  }
  return arbitrary;
}

/** Path parameters go into the URL, encoded as a client would (or not, for '.' and '..'). */
export function pathParam(known: KnownIds): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: idLike(known).map(encodePath), weight: 6 },
    { arbitrary: fc.constantFrom('x'.repeat(3_000), '%', '%zz', '%00', '%E0%A4%A'), weight: 1 },
  );
}

function encodePath(value: string): string {
  if (value === '') return 'x'; // an empty segment would name another route
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80'; // a lone surrogate, as a browser would send its replacement bytes
  }
}

type Def = { type: string } & Record<string, unknown>;
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A value this schema nearly accepts: valid at the edges, or just past them. */
export function edgeOf(schema: z.ZodType, known: KnownIds, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 4) return hostile;
  const def = defOf(schema);
  const inner = (s: unknown) => edgeOf(s as z.ZodType, known, depth + 1);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return fc.oneof(inner(def.innerType), fc.constantFrom(undefined, null));
    case 'pipe':
      return inner(def.in);
    case 'lazy':
      return hostile;
    case 'string': {
      const s = schema as z.ZodString;
      const min = s.minLength ?? 0;
      const max = s.maxLength ?? 2_000;
      return fc.oneof(
        idLike(known),
        fc.constantFrom('a'.repeat(max), 'a'.repeat(max + 1), 'a'.repeat(Math.max(0, min - 1))),
        fc.constantFrom('person@example.test', '2026-12-07', '12:00', 'fi', 'https://x.test'),
        hostileString,
      );
    }
    case 'number':
    case 'int': {
      const n = schema as z.ZodNumber;
      const lo = n.minValue ?? -1;
      const hi = n.maxValue ?? 1e6;
      return fc.oneof(
        fc.constantFrom(lo, lo - 1, hi, hi + 1, 0),
        fc.constantFrom(lo + 0.5, 0.1),
        weirdNumber,
      );
    }
    case 'boolean':
      return fc.constantFrom(true, false, 'true', 0);
    case 'date':
      return fc.constantFrom('2026-12-07T10:00:00Z', '9999-99-99', 0, '');
    case 'enum':
      return fc.oneof(
        fc.constantFrom(...Object.values(def.entries as Record<string, unknown>)),
        hostileString,
      );
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]), 'not-the-literal');
    case 'array': {
      const element = inner(def.element);
      return fc.oneof(
        fc.array(element, { maxLength: 4 }),
        fc.constant([]),
        fc.constant(Array.from({ length: 2_001 }, () => 1)),
        hostile,
      );
    }
    case 'object':
      return objectOf(schema as z.ZodObject, known, depth + 1);
    case 'union':
    case 'discriminatedUnion':
      return fc.oneof(...(def.options as z.ZodType[]).map(inner));
    case 'record':
      return fc.dictionary(hostileString, inner(def.valueType), { maxKeys: 4 });
    case 'tuple':
      return fc.tuple(...(def.items as z.ZodType[]).map(inner));
    default:
      return hostile;
  }
}

/** An object with the schema's keys (some left out, some hostile) and sometimes extra ones. */
export function objectOf(schema: z.ZodObject, known: KnownIds, depth = 0): fc.Arbitrary<unknown> {
  const fields = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      fc.oneof(
        { arbitrary: edgeOf(field as z.ZodType, known, depth), weight: 3 },
        { arbitrary: hostile, weight: 1 },
      ),
    ]),
  );
  // One body in four also carries a key the schema does not know.
  const extra = fc.oneof(
    { arbitrary: fc.constant(null), weight: 3 },
    { arbitrary: fc.constantFrom(...OPERATOR_OBJECTS), weight: 1 },
  );
  return fc.tuple(fc.record(fields, { requiredKeys: [] }), extra).map(([record, more]) => {
    const body: Record<string, unknown> = { ...record };
    // Own keys, as JSON.parse makes them ("__proto__" stays a key, not the prototype).
    for (const [key, value] of Object.entries(more ?? {}))
      Object.defineProperty(body, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return body;
  });
}

/** A request body (or socket payload) for a schema: mostly shaped like it, sometimes not. */
export function payloadFor(schema: z.ZodType | undefined, known: KnownIds): fc.Arbitrary<unknown> {
  const shaped =
    schema === undefined
      ? fc.constant({})
      : schema instanceof z.ZodObject
        ? objectOf(schema, known)
        : edgeOf(schema, known);
  return fc.oneof({ arbitrary: shaped, weight: 5 }, { arbitrary: hostile, weight: 2 });
}

/** A query string: the schema's keys with edge values, and keys that mean something elsewhere. */
export function queryFor(schema: z.ZodType | undefined, known: KnownIds): fc.Arbitrary<string> {
  const keys = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  const pair = fc.tuple(
    fc.constantFrom(...keys, '__proto__[x]', 'constructor', '$where', 'q[$gt]', 'a[]', 'a'),
    fc.oneof(idLike(known), hostileString, fc.constantFrom('1', '-1', '1e9', '[]', 'true')),
  );
  return fc
    .array(pair, { maxLength: 4 })
    .map((pairs) =>
      pairs.length
        ? '?' + pairs.map(([k, v]) => `${encodeQuery(k)}=${encodeQuery(v)}`).join('&')
        : '',
    );
}

/** encodeURIComponent, but a lone surrogate becomes the bytes a browser would send for it. */
export function encodeQuery(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

/** Serialises as JSON; a body JSON cannot carry is sent as raw text (a malformed request). */
export function toJson(value: unknown): string {
  try {
    const json = JSON.stringify(value) ?? 'undefined';
    // Past the body limit (100 kB) every body is the same refusal: one such is enough.
    return json.length > 150_000 ? JSON.stringify({ big: 'x'.repeat(150_000) }) : json;
  } catch {
    return '{"deep": ';
  }
}
