import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shrinkText, textArbitrary } from '../../src/generators/text-arbitrary.js';

const points = (s: string): number => Array.from(s).length;
const MARK = /\u0301|\u0303|\u200d|\ufe0f|\u{1f3fd}/gu;

describe('textArbitrary', () => {
  const texts = fc.sample(textArbitrary({ minLength: 1, maxLength: 20 }), { seed: 9, numRuns: 2000 });

  it('draws minLength to maxLength code points (combining marks aside), well-formed', () => {
    for (const t of texts) {
      const base = points(t.replace(MARK, ''));
      expect(base).toBeGreaterThanOrEqual(1);
      expect(points(t)).toBeLessThanOrEqual(40);
      // In a `u` regex a surrogate pair is one code point: only a lone surrogate matches.
      expect(t).not.toMatch(/[\uD800-\uDFFF]/u);
    }
    expect(texts.some((t) => points(t.replace(MARK, '')) === 20)).toBe(true);
  });

  it('draws plain ASCII, right-to-left, astral and combined characters', () => {
    expect(texts.some((t) => /^[\x20-\x7e]+$/.test(t))).toBe(true);
    expect(texts.some((t) => /[\u0590-\u06ff]/.test(t))).toBe(true);
    expect(texts.some((t) => /[\u{10000}-\u{10ffff}]/u.test(t))).toBe(true);
    expect(texts.some((t) => /\p{M}/u.test(t))).toBe(true);
  });

  it('shrinks to shorter texts only, never under minLength, and fast-check finds the smallest', () => {
    for (const t of texts.slice(0, 200)) {
      for (const s of shrinkText(t, 1)) {
        expect(points(s)).toBeLessThan(points(t));
        expect(points(s)).toBeGreaterThanOrEqual(1);
      }
    }
    expect([...shrinkText('abcd', 0)]).toEqual(['', 'ab', 'abc']);
    expect([...shrinkText('ab', 0)]).toEqual(['', 'a']);
    const out = fc.check(
      fc.property(textArbitrary({ maxLength: 30 }), (t) => points(t) < 5),
      { seed: 2, numRuns: 500 },
    );
    expect(out.failed).toBe(true);
    expect(points((out.counterexample as [string])[0])).toBe(5);
  });
});
