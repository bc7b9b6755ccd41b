/**
 * Generated bad and odd input for the fuzz suite, driven by the OpenAPI document: values
 * near what a schema asks for (so requests get past the first check and reach the rules),
 * values of the wrong type, and hostile strings (markup, script, SQL, path tricks, control
 * and invalid Unicode, huge ones).
 */
import fc from 'fast-check';

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  pattern?: string;
  default?: unknown;
};

/** Strings that have broken web apps: markup, script, SQL, paths, encodings, sizes. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u200b\u200b',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert('x')",
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  "' OR '1'='1' --",
  "'; DROP TABLE claims; --",
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '%00',
  '%',
  '%E0%A4%A',
  '\ud800',
  '\udfff abc',
  '\u202eevil',
  '😀'.repeat(50),
  'a\r\nSet-Cookie: pwned=1',
  '{{7*7}}${7*7}<%= 7*7 %>',
  '__proto__',
  'constructor',
  'prototype',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '9007199254740993',
  'P12Y',
  '2017-02-30',
  '2017-13',
  'http://127.0.0.1:1/',
  'http://[::1]/',
  'file:///etc/passwd',
  'https://exa mple.com/',
  'x'.repeat(2049),
  'é'.repeat(700),
  'a'.repeat(70_000),
];

export const hostileString = fc.constantFrom(...HOSTILE_STRINGS);

/** Any string: ordinary, full Unicode (lone surrogates included), or hostile. */
export const oddString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: fc.constantFrom('<', '>', '"', "'", '&', '/', '\\', '\n', '%', '#', '?', '\u0000', 'a', '1', ' '), maxLength: 60 }), weight: 1 },
  { arbitrary: hostileString, weight: 4 },
);

/** Any JSON value, shallow, with odd numbers and strings. */
export const oddJson: fc.Arbitrary<unknown> = fc.oneof(
  oddString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 31, -(2 ** 53), Number.MAX_SAFE_INTEGER + 2, 1e308),
  fc.integer(),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 4 }),
  fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor')), fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxKeys: 3 }),
  fc.json({ maxDepth: 3 }).map((s) => JSON.parse(s)),
);

const typesOf = (s: JsonSchema): string[] => (Array.isArray(s.type) ? s.type : s.type ? [s.type] : []);

/** A value that fits `schema` where it can (bounds, enums, formats), without promising it. */
function nearValid(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const alts = schema.anyOf ?? schema.oneOf;
  if (alts?.length) return fc.oneof(...alts.map((s) => fromSchema(s, depth)));
  if (schema.allOf?.length) return fromSchema(schema.allOf[0], depth);
  const arbs: fc.Arbitrary<unknown>[] = [];
  for (const t of typesOf(schema)) {
    if (t === 'string') {
      const max = Math.min(schema.maxLength ?? 60, 60);
      const min = Math.min(schema.minLength ?? 0, max);
      if (schema.format === 'uri' || /url/i.test(schema.format ?? '')) arbs.push(fc.webUrl());
      else if (schema.format === 'email') arbs.push(fc.emailAddress());
      else if (schema.pattern) arbs.push(fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= 200));
      else arbs.push(fc.string({ minLength: min, maxLength: Math.max(min, max) }));
      // Right at and just past the limits.
      if (schema.maxLength !== undefined && schema.maxLength < 100_000) arbs.push(fc.constantFrom('x'.repeat(schema.maxLength), 'x'.repeat(schema.maxLength + 1)));
    } else if (t === 'integer' || t === 'number') {
      const lo = schema.minimum ?? -1000;
      const hi = schema.maximum ?? 1000;
      arbs.push(t === 'integer' ? fc.integer({ min: Math.max(lo, -1e6), max: Math.min(hi, 1e6) }) : fc.double({ min: Math.max(lo, -1e6), max: Math.min(hi, 1e6), noNaN: true }));
      arbs.push(fc.constantFrom(lo - 1, hi + 1, 1, 2, 3));
    } else if (t === 'boolean') arbs.push(fc.boolean());
    else if (t === 'null') arbs.push(fc.constant(null));
    else if (t === 'array') arbs.push(fc.array(fromSchema(schema.items ?? {}, depth + 1), { maxLength: 3 }));
    else if (t === 'object') arbs.push(objectFrom(schema, depth));
  }
  if (!arbs.length && schema.properties) arbs.push(objectFrom(schema, depth));
  return arbs.length ? fc.oneof(...arbs) : oddJson;
}

function objectFrom(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = Object.entries(schema.properties ?? {});
  if (depth > 3 || !props.length) return fc.dictionary(fc.string({ maxLength: 8 }), oddJson, { maxKeys: 3 });
  const record = fc.record(Object.fromEntries(props.map(([k, s]) => [k, fromSchema(s, depth + 1)])), { requiredKeys: [] });
  // Sometimes a key the schema does not know, or one that pollutes prototypes.
  const extra = fc.option(fc.tuple(fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'id', 'createdBy', 'role', 'status', 'publishedVerdictId')), oddJson), { freq: 4 });
  return fc.tuple(record, extra).map(([r, e]) => {
    const out: Record<string, unknown> = { ...r };
    if (e) Object.defineProperty(out, e[0], { value: e[1], enumerable: true, configurable: true, writable: true });
    return out;
  });
}

/** Mostly near-valid values for `schema`, sometimes anything at all. */
export function fromSchema(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: nearValid(schema ?? {}, depth), weight: 4 }, { arbitrary: oddJson, weight: 1 });
}

/** Header values must be Latin-1 without controls, or the Request cannot even be built. */
export const headerSafe = (v: string) => v.replace(/[^\t\x20-\x7e]/g, '').slice(0, 4096);
