import * as fc from 'fast-check';
import type { Case } from '../contract/types.js';
import { type BodyMutation, type CategoryOptions, mutatedCaseArbitrary } from './body-mutation.js';
import { textArbitrary } from './text-arbitrary.js';
import type { WorldView } from './world-view.js';

/** Well-formed JSON texts whose value is not an object: arrays, numbers, strings, `null`, booleans. */
export const notObjectJsonTextArbitrary: fc.Arbitrary<string> = fc.oneof(
  { withCrossShrink: true },
  fc.constantFrom('null', 'true', 'false', '[]', '0', '""'),
  fc
    .array(fc.oneof(fc.integer(), fc.string({ maxLength: 6 }), fc.constant({ key1: 'value1' })), {
      maxLength: 3,
    })
    .map((a) => JSON.stringify(a)),
  fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })).map((n) => JSON.stringify(n)),
  textArbitrary({ maxLength: 12 }).map((s) => JSON.stringify(s)),
  fc.constantFrom('"{\\"key1\\": \\"value1\\"}"', '[{"key1":"value1"}]'),
);

/** Replaces CustomJson with JSON text that is not an object (label `custom-json-not-object`). */
export function customJsonNotObjectMutationArbitrary(): fc.Arbitrary<BodyMutation> {
  return notObjectJsonTextArbitrary.map((text) => ({
    labels: ['custom-json-not-object'],
    apply: (b) => ({ ...b, CustomJson: text }),
  }));
}

/**
 * `custom-json-not-object`: CustomJson is valid JSON but not an object (the documents ask for an object).
 *
 * @example
 * fc.sample(customJsonNotObjectArbitrary(view, { nulls: true }), 1)[0].request.body.CustomJson // '[1,"a"]'
 */
export function customJsonNotObjectArbitrary(view: WorldView, options: CategoryOptions): fc.Arbitrary<Case> {
  return mutatedCaseArbitrary(view, options, customJsonNotObjectMutationArbitrary());
}
