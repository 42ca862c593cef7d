import * as fc from 'fast-check';
import type { Case } from '../contract/types.js';
import { type BodyMutation, type CategoryOptions, mutatedCaseArbitrary } from './body-mutation.js';
import { type Body, commandOf, without } from './draft.js';
import { ALL_MEMBERS } from './request-shape.js';
import type { WorldView } from './world-view.js';

/** Sets the member at `path` (`StackId` or `Command.Name`) to `null`, or removes it when `value` is undefined. */
function dropAt(body: Body, path: string, asNull: boolean): Body {
  const [head, child] = path.split('.') as [string, string | undefined];
  if (child === undefined) return asNull ? { ...body, [head]: null } : without(body, head);
  const parent = commandOf(body);
  return { ...body, [head]: asNull ? { ...parent, [child]: null } : without(parent, child) };
}

/**
 * Removes one required member (StackId, Command, Command.Name, from the schema's required lists),
 * or sets it to `null`, which the protocol reads as absent. `paths` narrows which.
 */
export function missingRequiredMutationArbitrary(
  options: CategoryOptions,
  paths?: readonly string[],
): fc.Arbitrary<BodyMutation> {
  const required = ALL_MEMBERS.filter(
    (m) => m.required && (paths === undefined || paths.includes(m.path)),
  ).map((m) => m.path);
  return fc
    .tuple(fc.constantFrom(...required), options.nulls ? fc.boolean() : fc.constant(false))
    .map(([path, asNull]) => ({
      labels: [`missing-required:${path}`],
      apply: (body: Body) => dropAt(body, path, asNull),
    }));
}

/**
 * `missing-required`: a valid request lacking one required member (labels `missing-required:<path>`).
 *
 * @example
 * fc.sample(missingRequiredArbitrary(view, { nulls: true }), 1)[0].labels // ['missing-required:StackId']
 */
export function missingRequiredArbitrary(view: WorldView, options: CategoryOptions): fc.Arbitrary<Case> {
  return mutatedCaseArbitrary(view, options, missingRequiredMutationArbitrary(options));
}
