import * as fc from 'fast-check';
import { textArbitrary } from './text-arbitrary.js';

/**
 * Unicode that tends to break naive handling: emoji with skin tones and ZWJ sequences, right-to-left
 * scripts and overrides, combining marks, zero-width characters, astral-plane letters, escapes.
 */
export const TRICKY_TEXT: readonly string[] = [
  'deploy 🚀',
  '👩🏽‍💻 shipped by the team 👨‍👩‍👧‍👦',
  'مرحبا بالعالم',
  'שלום עולם',
  'e\u0301te\u0301 cafe\u0301 n\u0303',
  'zero\u200bwidth\u200cjoiner\u200dhere\ufeff',
  '\u202eevil RTL override\u202c',
  '日本語のコメント、中文注释',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛',
  'tab\there\nnewline\r\n',
  'quote " backslash \\ slash /',
  'Ünïcödé ßtraße',
  '<script>alert(1)</script>',
  '{"looks":"like json"}',
];

/**
 * Comment content: empty, short unicode text, tricky unicode and, when `big` is set, now and then
 * thousands of characters (made by repetition so generation stays fast).
 *
 * @example
 * fc.sample(commentArbitrary({ big: true }), 3)
 */
export function commentArbitrary(options: { big: boolean }): fc.Arbitrary<string> {
  const tricky = fc.constantFrom(...TRICKY_TEXT);
  const parts: fc.WeightedArbitrary<string>[] = [
    { arbitrary: fc.constant(''), weight: 2 },
    { arbitrary: textArbitrary({ maxLength: 30 }), weight: 5 },
    { arbitrary: tricky, weight: 4 },
    {
      arbitrary: fc
        .array(fc.oneof(tricky, textArbitrary({ maxLength: 8 })), { maxLength: 5 })
        .map((xs) => xs.join(' ')),
      weight: 3,
    },
  ];
  if (options.big) {
    parts.push({
      arbitrary: fc
        .tuple(fc.integer({ min: 1000, max: 8000 }), tricky)
        .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length))),
      weight: 1,
    });
  }
  return fc.oneof({ withCrossShrink: true }, ...parts);
}
