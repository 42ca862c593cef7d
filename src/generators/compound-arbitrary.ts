import * as fc from 'fast-check';
import type { Case } from '../contract/types.js';
import { badEnumMutationArbitrary } from './bad-enum-arbitrary.js';
import { type BodyMutation, type CategoryOptions, mutatedCaseArbitrary } from './body-mutation.js';
import type { CategoryName } from './category-names.js';
import { customJsonNotObjectMutationArbitrary } from './custom-json-not-object-arbitrary.js';
import { malformedCustomJsonMutationArbitrary } from './malformed-custom-json-arbitrary.js';
import { missingRequiredMutationArbitrary } from './missing-required-arbitrary.js';
import { unknownStackIdMutationArbitrary } from './unknown-ids-arbitrary.js';
import { unknownTopMemberMutationArbitrary } from './unknown-members-arbitrary.js';
import type { WorldView } from './world-view.js';
import { wrongTypeMutationArbitrary } from './wrong-type-arbitrary.js';

interface Pair {
  categories: readonly [CategoryName, CategoryName];
  mutations: readonly [fc.Arbitrary<BodyMutation>, fc.Arbitrary<BodyMutation>];
}

/** Two mutations on disjoint paths: each label stays true after the other is applied. */
function pairs(view: WorldView, options: CategoryOptions): Pair[] {
  return [
    {
      categories: ['missing-required', 'malformed-custom-json'],
      mutations: [
        missingRequiredMutationArbitrary(options, ['StackId']),
        malformedCustomJsonMutationArbitrary(),
      ],
    },
    {
      categories: ['unknown-ids', 'bad-enum'],
      mutations: [unknownStackIdMutationArbitrary(view), badEnumMutationArbitrary()],
    },
    {
      categories: ['wrong-type', 'custom-json-not-object'],
      mutations: [wrongTypeMutationArbitrary(['Comment']), customJsonNotObjectMutationArbitrary()],
    },
    {
      categories: ['bad-enum', 'unknown-members'],
      mutations: [badEnumMutationArbitrary(), unknownTopMemberMutationArbitrary(options)],
    },
    {
      categories: ['missing-required', 'unknown-ids'],
      mutations: [
        missingRequiredMutationArbitrary(options, ['Command.Name']),
        unknownStackIdMutationArbitrary(view),
      ],
    },
    {
      categories: ['wrong-type', 'malformed-custom-json'],
      mutations: [wrongTypeMutationArbitrary(['StackId']), malformedCustomJsonMutationArbitrary()],
    },
  ];
}

/**
 * Cases carrying two mutations from different categories at once (labels of both), for the
 * categories in `allowed`; `undefined` when no pair is wholly allowed. The oracle decides which
 * fault wins; the honesty properties check it is one of the two.
 *
 * @example
 * fc.sample(compoundArbitrary(view, { nulls: true }, CATEGORY_NAMES)!, 1)[0].labels
 * // ['missing-required:StackId', 'malformed-custom-json']
 */
export function compoundArbitrary(
  view: WorldView,
  options: CategoryOptions,
  allowed: readonly CategoryName[],
): fc.Arbitrary<Case> | undefined {
  const usable = pairs(view, options).filter((p) => p.categories.every((c) => allowed.includes(c)));
  if (usable.length === 0) return undefined;
  return fc.oneof(
    ...usable.map((p) =>
      mutatedCaseArbitrary(
        view,
        options,
        fc.tuple(...p.mutations).map(
          ([a, b]): BodyMutation => ({
            labels: [...a.labels, ...b.labels],
            apply: (body, stackIndex) => b.apply(a.apply(body, stackIndex), stackIndex),
          }),
        ),
      ),
    ),
  );
}
