import type * as fc from 'fast-check';

/**
 * True one time in `biasFactor`: fast-check's cue, in its own arbitraries, to draw a small value
 * (short, near zero). Hand-drawn arbitraries honour it the same way, so early runs of a property
 * favour small cases as `fc.assert` would.
 *
 * @example
 * const n = wantsSmall(mrng, biasFactor) ? mrng.nextInt(0, 1) : mrng.nextInt(0, max);
 */
export function wantsSmall(mrng: fc.Random, biasFactor: number | undefined): boolean {
  return biasFactor !== undefined && mrng.nextInt(1, biasFactor) === 1;
}
