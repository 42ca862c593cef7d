import * as fc from 'fast-check';
import { CUSTOM_JSON_SURELY_WITHIN_BYTES } from '../contract/wire.js';
import { jsonObjectArbitrary } from './json-object-arbitrary.js';

/** A JSON object (the value CustomJson must serialise), small: see {@link jsonObjectArbitrary}. */
export const customJsonObjectValueArbitrary: fc.Arbitrary<Record<string, unknown>> = jsonObjectArbitrary();

/**
 * Escapes every UTF-16 unit from U+007F up and `/` as `\uXXXX` / `\/`: the same JSON value, spelt
 * differently. One pass that copies runs between escapes (two `replace` calls with a callback per
 * character cost as much as drawing the object).
 */
export function escapeJsonText(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x2f && c < 0x7f) continue;
    out += text.slice(from, i);
    out += c === 0x2f ? '\\/' : `\\u${c.toString(16).padStart(4, '0')}`;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
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
