import * as fc from 'fast-check';
import { TRICKY_TEXT } from './comment-arbitrary.js';
import { drawAscii, drawLength, drawUnicode, shrinkText } from './text-arbitrary.js';
import { wantsSmall } from './wants-small.js';

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

/** Keys that stress a JSON reader: unicode, quotes, backslashes, empty, combining marks, RTL. */
const FIXED_KEYS: readonly string[] = [
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
];

/** Deepest level of nesting below the top object (as before: enough to show nesting, cheap to draw). */
const MAX_DEPTH = 3;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A random JSON object: up to 5 members whose values are JSON trees up to 3 levels deep (arrays and
 * objects of up to 4 entries), with unicode and tricky keys and values and edge numbers. Objects have
 * a `null` prototype: a `__proto__` key is a plain member, and random keys do not grow a hidden-class
 * transition per key (these objects are only ever serialised).
 *
 * Drawn straight from fast-check's random source rather than composed from `fc.letrec`/`fc.oneof`/
 * `fc.array`: the composed tree cost about a third of all case generation (14 of 42 µs per random
 * case, mostly fast-check's per-node `Value` and depth bookkeeping), and it is the most common member
 * of valid and invalid cases. Shrinking does not need a context: {@link shrinkJson} takes members and
 * elements away, shrinks values toward `''`, `0`, `false`, and keeps the object's prototype.
 *
 * @example
 * fc.sample(jsonObjectArbitrary(), 2); // [{}, { key1: [1, '🚀'], 'quote"key': null }]
 */
export function jsonObjectArbitrary(): fc.Arbitrary<Record<string, unknown>> {
  return JSON_OBJECT;
}

class JsonObjectArbitrary extends fc.Arbitrary<Record<string, unknown>> {
  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<Record<string, unknown>> {
    return new fc.Value(drawObject(mrng, biasFactor, 0, 5), undefined);
  }

  canShrinkWithoutContext(value: unknown): value is Record<string, unknown> {
    return isJsonObject(value);
  }

  shrink(value: Record<string, unknown>): fc.Stream<fc.Value<Record<string, unknown>>> {
    return fc.stream(shrinkObject(value as Record<string, Json>)).map((v) => new fc.Value(v, undefined));
  }
}

const JSON_OBJECT = new JsonObjectArbitrary();

function drawObject(
  mrng: fc.Random,
  biasFactor: number | undefined,
  depth: number,
  maxKeys: number,
): Record<string, Json> {
  const o: Record<string, Json> = Object.create(null);
  const n = drawLength(mrng, biasFactor, maxKeys);
  for (let i = 0; i < n; i++) {
    const key = drawKey(mrng, biasFactor);
    o[key] = drawTree(mrng, biasFactor, depth);
  }
  return o;
}

/** A value at `depth`: deeper levels lean to leaves, as `fc.oneof`'s `depthSize: 'small'` did. */
function drawTree(mrng: fc.Random, biasFactor: number | undefined, depth: number): Json {
  if (depth >= MAX_DEPTH) return drawLeaf(mrng, biasFactor);
  // Out of 4: depth 0 → leaf 2, array 1, object 1; depth 1 → 3/4 leaves; depth 2 → 5 in 6.
  const roll = mrng.nextInt(0, 3 + 4 * depth);
  if (roll >= 2 + 4 * depth) {
    const n = drawLength(mrng, biasFactor, 4);
    if (roll === 2 + 4 * depth) {
      const a: Json[] = [];
      for (let i = 0; i < n; i++) a.push(drawTree(mrng, biasFactor, depth + 1));
      return a;
    }
    return drawObject(mrng, biasFactor, depth + 1, 4);
  }
  return drawLeaf(mrng, biasFactor);
}

function drawKey(mrng: fc.Random, biasFactor: number | undefined): string {
  return mrng.nextBoolean()
    ? (FIXED_KEYS[mrng.nextInt(0, FIXED_KEYS.length - 1)] as string)
    : drawAscii(mrng, biasFactor, 10);
}

function drawLeaf(mrng: fc.Random, biasFactor: number | undefined): Json {
  switch (mrng.nextInt(0, 6)) {
    case 0:
      return drawAscii(mrng, biasFactor, 12);
    case 1:
      return TRICKY_TEXT[mrng.nextInt(0, TRICKY_TEXT.length - 1)] as string;
    case 2:
      return EDGE_NUMBERS[mrng.nextInt(0, EDGE_NUMBERS.length - 1)] as number;
    case 3:
      return wantsSmall(mrng, biasFactor) ? mrng.nextInt(-10, 10) : mrng.nextInt(-0x8000_0000, 0x7fff_ffff);
    case 4:
      return mrng.nextBoolean();
    case 5:
      return null;
    default:
      return drawUnicode(mrng, biasFactor, 6);
  }
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

/** An object like `source` (same prototype) with the given members. */
function objectLike(source: object, entries: ReadonlyArray<readonly [string, Json]>): Record<string, Json> {
  const o: Record<string, Json> = Object.create(Object.getPrototypeOf(source) as object | null);
  for (const [k, v] of entries) o[k] = v;
  return o;
}

/**
 * Smaller JSON values than `value`, simplest first: containers empty, then one member or element
 * fewer, then one member or element shrunk; strings empty, halved, one code point shorter; numbers
 * toward 0; `true` to `false`.
 *
 * @example
 * [...shrinkJson({ a: [1, 'x'] })][0]; // {}
 */
export function* shrinkJson(value: Json): Generator<Json> {
  if (Array.isArray(value)) {
    if (value.length === 0) return;
    yield [];
    for (let i = 0; i < value.length; i++) yield [...value.slice(0, i), ...value.slice(i + 1)];
    for (let i = 0; i < value.length; i++) {
      for (const smaller of shrinkJson(value[i] as Json)) {
        yield [...value.slice(0, i), smaller, ...value.slice(i + 1)];
      }
    }
    return;
  }
  if (value !== null && typeof value === 'object') {
    yield* shrinkObject(value);
    return;
  }
  if (typeof value === 'string') {
    yield* shrinkText(value, 0);
    return;
  }
  if (typeof value === 'number') {
    if (value === 0) return;
    yield 0;
    const half = Number.isSafeInteger(value) ? Math.trunc(value / 2) : 0;
    if (half !== 0) yield half;
    return;
  }
  if (value === true) yield false;
}

function* shrinkObject(value: Record<string, Json>): Generator<Record<string, Json>> {
  const entries = Object.entries(value);
  if (entries.length === 0) return;
  yield objectLike(value, []);
  for (let i = 0; i < entries.length; i++) {
    yield objectLike(value, [...entries.slice(0, i), ...entries.slice(i + 1)]);
  }
  for (let i = 0; i < entries.length; i++) {
    const [key, child] = entries[i] as [string, Json];
    for (const smaller of shrinkJson(child)) {
      const next = entries.slice();
      next[i] = [key, smaller];
      yield objectLike(value, next);
    }
  }
}
