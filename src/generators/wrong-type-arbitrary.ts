import * as fc from 'fast-check';
import type { Case } from '../contract/types.js';
import { type BodyMutation, type CategoryOptions, mutatedCaseArbitrary } from './body-mutation.js';
import { type Body, commandOf } from './draft.js';
import { ALL_MEMBERS, type MemberJsonType, type MemberShape } from './request-shape.js';
import type { WorldView } from './world-view.js';

const NUMBER = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
const SMALL_OBJECT = fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), {
  maxKeys: 2,
  noNullPrototype: true,
});
const STRING_ARRAY = fc.array(fc.string({ maxLength: 8 }), { maxLength: 2 });

/** JSON values of every type except `type` (and except null, which means absent). */
function wrongValues(type: MemberJsonType): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return fc.oneof(NUMBER, fc.boolean(), SMALL_OBJECT, STRING_ARRAY);
    case 'string-list':
      return fc.oneof(fc.string({ maxLength: 8 }), NUMBER, fc.boolean(), SMALL_OBJECT);
    case 'object':
    case 'string-list-map':
      return fc.oneof(fc.string({ maxLength: 8 }), NUMBER, fc.boolean(), STRING_ARRAY);
  }
}

/** List items that are not strings (null items are left to `odd-args`, whose outcome is less settled). */
const WRONG_ITEMS = fc.array(fc.oneof(NUMBER, fc.boolean(), SMALL_OBJECT, STRING_ARRAY), {
  minLength: 1,
  maxLength: 3,
});

function setAt(body: Body, member: MemberShape, value: unknown): Body {
  if (!member.path.includes('.')) return { ...body, [member.name]: value };
  return { ...body, Command: { ...commandOf(body), [member.name]: value } };
}

/**
 * Gives one member a value of the wrong JSON type (number, boolean, object or array for strings;
 * string, number, boolean or object for lists; ...), or puts non-string items in a string list.
 * Label `wrong-type:<path>`, or `wrong-type:<path>[]` for list items. `paths` narrows it to whole
 * members at those paths.
 */
export function wrongTypeMutationArbitrary(paths?: readonly string[]): fc.Arbitrary<BodyMutation> {
  const members = ALL_MEMBERS.filter((m) => paths === undefined || paths.includes(m.path));
  const whole = members.map((m) =>
    wrongValues(m.type).map(
      (v): BodyMutation => ({ labels: [`wrong-type:${m.path}`], apply: (b) => setAt(b, m, v) }),
    ),
  );
  const items = members
    .filter((m) => m.type === 'string-list' && paths === undefined)
    .map((m) =>
      fc.tuple(WRONG_ITEMS, fc.boolean()).map(
        ([bad, keepGood]): BodyMutation => ({
          labels: [`wrong-type:${m.path}[]`],
          apply: (b) => {
            const current = b[m.name];
            const good = keepGood && Array.isArray(current) ? current : [];
            return setAt(b, m, [...good, ...bad]);
          },
        }),
      ),
    );
  return fc.oneof(...whole, ...items);
}

/**
 * `wrong-type`: a valid request with one member of the wrong JSON type.
 *
 * @example
 * fc.sample(wrongTypeArbitrary(view, { nulls: true }), 1)[0].labels // ['wrong-type:Comment']
 */
export function wrongTypeArbitrary(view: WorldView, options: CategoryOptions): fc.Arbitrary<Case> {
  return mutatedCaseArbitrary(view, options, wrongTypeMutationArbitrary());
}
