import type * as fc from 'fast-check';
import type { Case } from '../contract/types.js';
import { draftToCase } from './draft.js';
import { type ValidDraftOptions, validDraftArbitrary } from './valid-draft-arbitrary.js';
import type { WorldView } from './world-view.js';

/**
 * Valid CreateDeployment cases (labels empty): every command, documented Args, optional members
 * absent, `null` or present, IDs from the stack's own, unicode comments, CustomJson objects of every
 * shape and, now and then, near the 120 KB limit.
 *
 * @example
 * fc.sample(validCaseArbitrary(view, { nulls: true, big: true }), 1)[0].labels // []
 */
export function validCaseArbitrary(view: WorldView, options: ValidDraftOptions): fc.Arbitrary<Case> {
  return validDraftArbitrary(view, options).map((d) => draftToCase(d, []));
}
