import * as fc from 'fast-check';

/** Marks a member left out of the body (distinct from `null`, which the protocol also reads as absent). */
export const ABSENT: unique symbol = Symbol('absent');

/** A drawn optional member: left out, `null`, or a value. */
export type OptionalValue<T> = typeof ABSENT | null | T;

/** The odds of an optional member: absent 3, `null` 1 (when nulls are drawn), a value 4. */
export const OPTIONAL_WEIGHTS = { absent: 3, null: 1, value: 4 } as const;

/**
 * Draws an optional member as absent, `null` or a value. Shrinks towards absent, so a shrunk case
 * carries as few optional members as possible.
 *
 * @example
 * optionalMember(fc.string(), { nulls: true }) // ABSENT | null | string
 */
export function optionalMember<T>(
  value: fc.Arbitrary<T>,
  options: { nulls: boolean },
): fc.Arbitrary<OptionalValue<T>> {
  const parts: fc.WeightedArbitrary<OptionalValue<T>>[] = [
    { arbitrary: fc.constant(ABSENT), weight: OPTIONAL_WEIGHTS.absent },
    { arbitrary: value, weight: OPTIONAL_WEIGHTS.value },
  ];
  if (options.nulls) parts.splice(1, 0, { arbitrary: fc.constant(null), weight: OPTIONAL_WEIGHTS.null });
  return fc.oneof({ withCrossShrink: true }, ...parts);
}
