import * as fc from 'fast-check';
import { CUSTOM_JSON_SURELY_WITHIN_BYTES } from '../contract/wire.js';
import { TRICKY_TEXT } from './comment-arbitrary.js';

/** Numbers at the edges of what JSON and IEEE doubles can carry (all finite, so all valid JSON). */
export const EDGE_NUMBERS: readonly number[] = [
  0,
  -1,
  0.1,
  1e-7,
  1e21,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  -Number.MAX_VALUE,
];

// Unicode comes mostly from fixed tricky samples: full-grapheme random strings cost several times
// more to draw than ASCII ones, and generation speed matters for long runs.
const KEY = fc.oneof(
  fc.constantFrom(
    'key1',
    'opsworks',
    'deploy',
    'ünïcödé',
    '🔑',
    'quote"key',
    'back\\slash',
    '',
    'مفتاح',
    'e\u0301',
  ),
  fc.string({ maxLength: 10 }),
);

const LEAF: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(...TRICKY_TEXT),
  fc.constantFrom(...EDGE_NUMBERS),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);

/**
 * An object with the members `Object.fromEntries(entries)` gives (same keys, order and values; a
 * repeated key keeps its last value; `__proto__` is a plain member), but with a `null` prototype: the
 * CustomJson trees are only ever serialised, and a prototype-less object is born in V8's dictionary
 * mode, so random keys do not grow a hidden-class transition per key. Drawing and serialising one
 * takes about half the time (2.8-3.2 µs against 5.4-7.1 µs for `fromEntries`, fast-check's random
 * keys, `.tmp`-style microbenchmark in the commit message).
 */
export function objectFromEntries(
  entries: ReadonlyArray<readonly [string, unknown]>,
): Record<string, unknown> {
  const o: Record<string, unknown> = Object.create(null);
  for (const [k, v] of entries) o[k] = v;
  return o;
}

/** An object from key/value pairs ({@link objectFromEntries}). */
function objectOf(value: fc.Arbitrary<unknown>, maxKeys: number): fc.Arbitrary<Record<string, unknown>> {
  return fc.array(fc.tuple(KEY, value), { maxLength: maxKeys }).map(objectFromEntries);
}

/** A JSON value tree with unicode keys and values and edge numbers, a few levels deep. */
const { tree: TREE } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    // Three levels are enough to show nesting; deeper trees cost time, and deep nesting has its own draw.
    { depthSize: 'small', withCrossShrink: true, maxDepth: 3 },
    LEAF,
    fc.array(tie('tree'), { maxLength: 4 }),
    objectOf(tie('tree'), 4),
  ),
}));

/** A JSON object (the value CustomJson must serialise), small. */
export const customJsonObjectValueArbitrary: fc.Arbitrary<Record<string, unknown>> = objectOf(TREE, 5);

/** Escapes every non-ASCII character and `/` as `\uXXXX` / `\/`: the same JSON value, spelt differently. */
export function escapeJsonText(text: string): string {
  return text
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');
}

/** Bytes of `text` in UTF-8. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

type Spelling = 'compact' | 'indented' | 'escaped';

function spell(value: unknown, spelling: Spelling): string {
  if (spelling === 'indented') return JSON.stringify(value, null, 2);
  const compact = JSON.stringify(value);
  return spelling === 'escaped' ? escapeJsonText(compact) : compact;
}

/** `{"a":{"a":...}}` nested `depth` levels, far inside the depth any parser allows. */
function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}{}${'}'.repeat(depth)}`;
}

/**
 * A JSON object whose serialisation takes about `targetBytes` UTF-8 bytes, built by repeating `unit`
 * in one string member (cheap, however large).
 */
export function paddedObjectText(targetBytes: number, unit: string): string {
  const head = '{"padding":"';
  const tail = '"}';
  const unitBytes = utf8Length(JSON.stringify(unit)) - 2;
  const count = Math.max(0, Math.floor((targetBytes - head.length - tail.length) / unitBytes));
  return `${head}${JSON.stringify(unit).slice(1, -1).repeat(count)}${tail}`;
}

const PAD_UNITS = ['x', 'é', '🚀', 'ab\\"c'] as const;

/**
 * Valid CustomJson: a string holding a JSON object. Empty objects, nested unicode objects, edge
 * numbers, escaped spellings, deep nesting and, when `big` is set, now and then a large object just
 * under the 120 KB limit (at most 120,000 UTF-8 bytes, the surely-within bound).
 *
 * @example
 * fc.sample(customJsonArbitrary({ big: false }), 2) // ['{}', '{"key1":[1,"🚀"]}']
 */
export function customJsonArbitrary(options: { big: boolean }): fc.Arbitrary<string> {
  const spelling = fc.constantFrom<Spelling>('compact', 'indented', 'escaped');
  const parts: fc.WeightedArbitrary<string>[] = [
    { arbitrary: fc.constant('{}'), weight: 1 },
    {
      arbitrary: fc.tuple(customJsonObjectValueArbitrary, spelling).map(([v, s]) => spell(v, s)),
      weight: 8,
    },
    { arbitrary: fc.integer({ min: 2, max: 200 }).map(nested), weight: 1 },
  ];
  if (options.big) {
    parts.push({
      arbitrary: fc
        .tuple(
          fc.integer({ min: 60_000, max: CUSTOM_JSON_SURELY_WITHIN_BYTES - 16 }),
          fc.constantFrom(...PAD_UNITS),
        )
        .map(([n, unit]) => paddedObjectText(n, unit)),
      weight: 1,
    });
  }
  return fc.oneof({ withCrossShrink: true }, ...parts);
}
