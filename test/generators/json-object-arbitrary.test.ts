import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonObjectArbitrary, shrinkJson } from '../../src/generators/json-object-arbitrary.js';

const SAMPLES = fc.sample(jsonObjectArbitrary(), { seed: 7, numRuns: 3000 });

/** Levels of nesting: a scalar is 0, `{}` and `[]` are 1. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Object.values(value as object) as unknown[];
  return 1 + Math.max(0, ...children.map(depthOf));
}

/** Every string in a tree, keys included. */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!Array.isArray(value)) out.push(k);
      stringsOf(v, out);
    }
  }
  return out;
}

/** Members, elements and characters: every shrink must make this smaller, so shrinking ends. */
function sizeOf(value: unknown): number {
  if (typeof value === 'string') return 1 + Array.from(value).length;
  if (typeof value === 'number') return value === 0 ? 1 : 2 + Math.log2(1 + Math.abs(value));
  if (value === true) return 2;
  if (value === null || typeof value !== 'object') return 1;
  return 1 + Object.values(value).reduce((n: number, v) => n + 1 + sizeOf(v), 0);
}

describe('jsonObjectArbitrary', () => {
  it('draws objects that serialise to JSON and read back equal (only JSON values, well-formed text)', () => {
    for (const o of SAMPLES) {
      const text = JSON.stringify(o);
      expect(JSON.parse(text)).toEqual({ ...o });
      // In a `u` regex a surrogate pair is one code point: only a lone surrogate matches.
      expect(text).not.toMatch(/[\uD800-\uDFFF]/u);
    }
  });

  it('keeps objects small and at most four levels deep (the top object and three below)', () => {
    for (const o of SAMPLES) {
      expect(Object.keys(o).length).toBeLessThanOrEqual(5);
      expect(depthOf(o)).toBeLessThanOrEqual(4);
    }
  });

  it('draws prototype-less objects, so a `__proto__` key stays a plain member', () => {
    for (const o of SAMPLES.slice(0, 50)) expect(Object.getPrototypeOf(o)).toBeNull();
  });

  it('covers what stresses a JSON reader: empty objects, nesting, unicode, astral text, quotes, edge numbers', () => {
    const strings = SAMPLES.flatMap((o) => stringsOf(o));
    const texts = SAMPLES.map((o) => JSON.stringify(o));
    expect(SAMPLES.some((o) => Object.keys(o).length === 0)).toBe(true);
    expect(SAMPLES.some((o) => depthOf(o) === 4)).toBe(true);
    expect(strings.some((s) => /[\u0590-\u06ff]/.test(s))).toBe(true);
    expect(strings.some((s) => /[\u{10000}-\u{10ffff}]/u.test(s))).toBe(true);
    expect(strings.some((s) => s.includes('"'))).toBe(true);
    expect(strings.some((s) => s.includes('\\'))).toBe(true);
    expect(texts.some((t) => t.includes('1.7976931348623157e+308'))).toBe(true);
    expect(texts.some((t) => t.includes('5e-324'))).toBe(true);
  });

  it('draws the same object for the same seed', () => {
    const again = fc.sample(jsonObjectArbitrary(), { seed: 7, numRuns: 3000 });
    expect(again.map((o) => JSON.stringify(o))).toEqual(SAMPLES.map((o) => JSON.stringify(o)));
  });
});

describe('shrinkJson', () => {
  it('only ever proposes smaller values, so shrinking ends', () => {
    for (const o of SAMPLES.slice(0, 300)) {
      const size = sizeOf(o);
      for (const smaller of shrinkJson(o as never)) expect(sizeOf(smaller)).toBeLessThan(size);
    }
  });

  it('keeps the prototype of the object it shrinks', () => {
    const o = SAMPLES.find((s) => Object.keys(s).length > 1);
    for (const smaller of shrinkJson(o as never)) expect(Object.getPrototypeOf(smaller)).toBeNull();
  });

  it('lets fast-check shrink a failing object to one member holding the culprit', () => {
    const details = fc.check(
      fc.property(jsonObjectArbitrary(), (o) => !JSON.stringify(o).includes('true')),
      { seed: 3, numRuns: 2000 },
    );
    expect(details.failed).toBe(true);
    const [minimal] = details.counterexample as [Record<string, unknown>];
    const values = Object.values(minimal);
    expect(values).toHaveLength(1);
    // `true` itself, or a key or string holding "true" cut to the fewest characters shrinking reaches.
    expect(JSON.stringify(minimal).length).toBeLessThan(40);
  });
});
