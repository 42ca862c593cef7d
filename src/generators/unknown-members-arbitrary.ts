import * as fc from 'fast-check';
import type { Case } from '../contract/types.js';
import { type BodyMutation, type CategoryOptions, mutatedCaseArbitrary } from './body-mutation.js';
import { type Body, commandOf, defineMember, without } from './draft.js';
import { COMMAND_MEMBER_SHAPES, TOP_MEMBERS } from './request-shape.js';
import type { WorldView } from './world-view.js';

const TOP = new Set(TOP_MEMBERS.map((m) => m.name));
const INNER = new Set(COMMAND_MEMBER_SHAPES.map((m) => m.name));

/** Member names that are not in the model: plausible extras, and case variants of real members. */
const extraName = (known: ReadonlySet<string>, variantsOf: readonly string[]) =>
  fc
    .oneof(
      fc.constantFrom('Foo', 'Extra', 'DeploymentId', 'Region', 'DryRun', '__type', '__proto__'),
      fc
        .tuple(fc.constantFrom(...variantsOf), fc.nat({ max: 3 }))
        .map(
          ([m, k]) =>
            [m.charAt(0).toLowerCase() + m.slice(1), m.toLowerCase(), m.toUpperCase(), `${m}s`][k] ?? m,
        ),
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,15}$/),
    )
    .filter((n) => !known.has(n));

/**
 * Values for an unknown member: `null` only when `nulls` is on, because a target that cannot send a
 * JSON null (the SDK drops it) would skip the case. With nulls on the alternatives and their order are
 * those of before `nulls` was honoured here, so a seed draws the same cases it always did.
 */
function extraValue(nulls: boolean): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.string({ maxLength: 10 }),
    fc.integer(),
    fc.boolean(),
    ...(nulls ? [fc.constant(null)] : []),
    fc.constant({ nested: ['value'] }),
    fc.constant(['a', 1]),
  );
}

/**
 * Adds a top-level member the model does not define (label `unknown-members:<name>`); its value is
 * `null` now and then only when `options.nulls` is on.
 */
export function unknownTopMemberMutationArbitrary(
  options: Pick<CategoryOptions, 'nulls'>,
): fc.Arbitrary<BodyMutation> {
  return fc.tuple(extraName(TOP, [...TOP]), extraValue(options.nulls)).map(([name, value]) => ({
    labels: [`unknown-members:${name}`],
    apply: (b: Body) => defineMember({ ...b }, name, value),
  }));
}

/**
 * `unknown-members`: members the model does not define, at the top and inside Command, including
 * case variants such as `stackId` (label `unknown-members:<path>`). Sometimes the variant *replaces*
 * the real member, so the case also lacks it (labels add `missing-required:<path>`). An added
 * member's value is `null` now and then only when `options.nulls` is on.
 *
 * @example
 * fc.sample(unknownMembersArbitrary(view, { nulls: true }), 1)[0].labels // ['unknown-members:stackId']
 */
export function unknownMembersArbitrary(view: WorldView, options: CategoryOptions): fc.Arbitrary<Case> {
  const top = unknownTopMemberMutationArbitrary(options);
  const inner = fc.tuple(extraName(INNER, [...INNER]), extraValue(options.nulls)).map(
    ([name, value]): BodyMutation => ({
      labels: [`unknown-members:Command.${name}`],
      apply: (b) => ({ ...b, Command: defineMember({ ...commandOf(b) }, name, value) }),
    }),
  );
  // A client that spells StackId `stackId` sends no StackId at all.
  const replaced = fc.constantFrom('stackId', 'stackid', 'STACKID').map(
    (name): BodyMutation => ({
      labels: [`unknown-members:${name}`, 'missing-required:StackId'],
      apply: (b: Body) => ({ [name]: b.StackId, ...without(b, 'StackId') }),
    }),
  );
  return fc.oneof(
    { arbitrary: mutatedCaseArbitrary(view, options, top), weight: 3 },
    { arbitrary: mutatedCaseArbitrary(view, options, inner), weight: 2 },
    { arbitrary: mutatedCaseArbitrary(view, options, replaced), weight: 1 },
  );
}
