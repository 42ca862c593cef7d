import * as fc from 'fast-check';
import type { Case } from '../contract/types.js';
import { CUSTOM_JSON_SURELY_OVER_CHARS } from '../contract/wire.js';
import { type BodyMutation, type CategoryOptions, mutatedCaseArbitrary } from './body-mutation.js';
import type { WorldView } from './world-view.js';

/** Padding units of one UTF-16 code unit each, so the character count is exact. */
const UNITS = ['x', 'é', '日', ' '] as const;

/**
 * A well-formed JSON object of more than 122,880 characters (surely over the 120 KB limit, whatever
 * its unit). Shrinks towards the smallest surely-oversize size, never below it.
 */
export const oversizeCustomJsonTextArbitrary: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: CUSTOM_JSON_SURELY_OVER_CHARS + 1, max: CUSTOM_JSON_SURELY_OVER_CHARS + 80_000 }),
    fc.constantFrom(...UNITS),
  )
  .map(([chars, unit]) => {
    const head = '{"padding":"';
    const tail = '"}';
    return `${head}${unit.repeat(chars - head.length - tail.length)}${tail}`;
  });

/** Replaces CustomJson with an oversize object (label `custom-json-oversize`). */
export function customJsonOversizeMutationArbitrary(): fc.Arbitrary<BodyMutation> {
  return oversizeCustomJsonTextArbitrary.map((text) => ({
    labels: ['custom-json-oversize'],
    apply: (b) => ({ ...b, CustomJson: text }),
  }));
}

/**
 * `custom-json-oversize`: CustomJson is a well-formed object over the 120 KB limit.
 *
 * @example
 * fc.sample(customJsonOversizeArbitrary(view, { nulls: true }), 1)[0].request.body.CustomJson.length // > 122880
 */
export function customJsonOversizeArbitrary(view: WorldView, options: CategoryOptions): fc.Arbitrary<Case> {
  return mutatedCaseArbitrary(view, options, customJsonOversizeMutationArbitrary());
}
