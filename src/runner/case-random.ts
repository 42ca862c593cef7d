import fc from 'fast-check';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
function fmix32(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x | 0;
}

/**
 * The seed of one case, from the run seed, a stream number (which arbitrary) and the case index.
 * Each case gets its own generator, so any case can be regenerated on its own: shards skip the
 * cases of other shards without generating them, and a failing case is rebuilt for shrinking.
 *
 * @example
 * caseSeed(42, 0, 7) === caseSeed(42, 0, 7); // true
 */
export function caseSeed(seed: number, stream: number, index: number): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 0x1_0000_0000) | 0;
  let h = fmix32(lo ^ 0x9e3779b9);
  h = fmix32(h ^ hi);
  h = fmix32(h ^ Math.imul(stream + 1, 0x27d4eb2d));
  return fmix32(h ^ (index >>> 0) ^ Math.imul(Math.floor(index / 0x1_0000_0000), 0x165667b1));
}

/**
 * fast-check's bias for the n-th run (2 + log10(n+1)), so early cases favour small and edge values
 * exactly as `fc.assert` would.
 */
export function biasFor(index: number): number {
  return 2 + Math.floor(Math.log10(index + 1));
}

/**
 * Generates case `index` of `stream` from `arbitrary`, with its shrinking context, deterministically
 * for the run seed.
 *
 * @example
 * const value = generateCase(arb, 42, 0, 7);
 * value.value_; // the Case
 */
export function generateCase<T>(
  arbitrary: fc.Arbitrary<T>,
  seed: number,
  stream: number,
  index: number,
): fc.Value<T> {
  const random = new fc.Random(xoroshiro128plus(caseSeed(seed, stream, index)));
  return arbitrary.generate(random, biasFor(index));
}
