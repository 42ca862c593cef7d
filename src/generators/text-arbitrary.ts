import * as fc from 'fast-check';
import { wantsSmall } from './wants-small.js';

/**
 * Code point ranges unicode text draws from: Latin-1 and Latin Extended, Greek and Cyrillic, Hebrew
 * and Arabic (right to left), CJK, Hangul, emoji (astral: two UTF-16 units) and mathematical letters
 * (astral). No surrogates: every drawn string is well-formed.
 */
const UNICODE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0xa0, 0x24f],
  [0x370, 0x4ff],
  [0x5d0, 0x6ff],
  [0x4e00, 0x9fff],
  [0xac00, 0xd7a3],
  [0x1f300, 0x1f6ff],
  [0x1d400, 0x1d7ff],
];

/** Marks appended now and then so unicode text holds multi-code-point graphemes. */
const COMBINING = ['\u0301', '\u0303', '\u200d', '\ufe0f', '\u{1f3fd}'] as const;

/** A length from `min` to `max`; when fast-check asks for small values, `min` or one more. */
export function drawLength(mrng: fc.Random, biasFactor: number | undefined, max: number, min = 0): number {
  return wantsSmall(mrng, biasFactor) ? mrng.nextInt(min, Math.min(min + 1, max)) : mrng.nextInt(min, max);
}

/** Printable ASCII, quotes and backslashes included (what `fc.string()` draws by default). */
export function drawAscii(mrng: fc.Random, biasFactor: number | undefined, max: number, min = 0): string {
  const n = drawLength(mrng, biasFactor, max, min);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(mrng.nextInt(0x20, 0x7e));
  return s;
}

/** `min` to `max` code points of unicode text, now and then followed by a combining mark. */
export function drawUnicode(mrng: fc.Random, biasFactor: number | undefined, max: number, min = 0): string {
  const n = drawLength(mrng, biasFactor, max, min);
  let s = '';
  for (let i = 0; i < n; i++) {
    const [lo, hi] = UNICODE_RANGES[mrng.nextInt(0, UNICODE_RANGES.length - 1)] as readonly [number, number];
    s += String.fromCodePoint(mrng.nextInt(lo, hi));
    if (mrng.nextInt(0, 7) === 0) s += COMBINING[mrng.nextInt(0, COMBINING.length - 1)] as string;
  }
  return s;
}

/**
 * Shorter texts than `value`, never under `minLength` code points: the shortest allowed, the first
 * half, one code point fewer.
 *
 * @example
 * [...shrinkText('abcd', 0)]; // ['', 'ab', 'abc']
 */
export function* shrinkText(value: string, minLength: number): Generator<string> {
  const points = Array.from(value);
  if (points.length <= minLength) return;
  yield points.slice(0, minLength).join('');
  const half = points.length >> 1;
  if (half > minLength && half < points.length - 1) yield points.slice(0, half).join('');
  if (points.length - 1 > minLength) yield points.slice(0, -1).join('');
}

/**
 * Text of `minLength` to `maxLength` code points (plus combining marks): half the time printable
 * ASCII, half the time unicode from several scripts, right-to-left and astral ones included. Drawn
 * by hand rather than with `fc.string({ unit: 'grapheme' })`, whose tables of every grapheme cost
 * each process about 60 ms to build on first use (a tenth of the default run's start, and of a
 * worker process's), and shrunk without a context ({@link shrinkText}).
 *
 * @example
 * fc.sample(textArbitrary({ maxLength: 8 }), 2); // ['k~"', 'شя🌍́']
 */
export function textArbitrary(options: { minLength?: number; maxLength: number }): fc.Arbitrary<string> {
  return new TextArbitrary(options.minLength ?? 0, options.maxLength);
}

class TextArbitrary extends fc.Arbitrary<string> {
  constructor(
    private readonly minLength: number,
    private readonly maxLength: number,
  ) {
    super();
  }

  override generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<string> {
    const text = mrng.nextBoolean()
      ? drawAscii(mrng, biasFactor, this.maxLength, this.minLength)
      : drawUnicode(mrng, biasFactor, this.maxLength, this.minLength);
    return new fc.Value(text, undefined);
  }

  override canShrinkWithoutContext(value: unknown): value is string {
    if (typeof value !== 'string') return false;
    // Up to maxLength code points, each perhaps followed by a combining mark.
    const n = Array.from(value).length;
    return n >= this.minLength && n <= 2 * this.maxLength;
  }

  override shrink(value: string): fc.Stream<fc.Value<string>> {
    return fc.stream(shrinkText(value, this.minLength)).map((t) => new fc.Value(t, undefined));
  }
}
