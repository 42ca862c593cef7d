import * as fc from 'fast-check';
import type { Case } from '../contract/types.js';
import { OS_RELEASES } from './args-arbitrary.js';
import { type BodyMutation, type CategoryOptions, mutatedCaseArbitrary } from './body-mutation.js';
import { type Body, commandOf, defineMember, without } from './draft.js';
import type { WorldView } from './world-view.js';

/** Args keys that are strings, so type-correct, but odd: empty, blank, unicode, JavaScript prototype names. */
export const ODD_ARG_KEYS = [
  '',
  ' ',
  '\t',
  ' recipes',
  'recipes ',
  'ключ',
  '🔑',
  'e\u0301',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
] as const;

/** Keys under which a value of the wrong shape is put: the documented ones and an undocumented one. */
const VALUE_KEYS = ['recipes', 'migrate', 'allow_reboot', 'upgrade_os_to', 'custom_arg'] as const;

/**
 * Values where a list of strings belongs: a string, an object, lists holding numbers, nulls, objects,
 * booleans. Null items only when `nulls` is on: a target that cannot send a JSON null (the SDK drops
 * it) would skip the case. With nulls on the alternatives and their order are those of before
 * `nulls` was honoured here, so a seed draws the same cases it always did; with nulls off the good
 * item followed by a null becomes a good item followed by a number.
 */
function wrongShapedValue(nulls: boolean): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom('phpapp::appsetup', 'true', ''),
    fc.constant({ recipes: ['phpapp::appsetup'] }),
    fc.array(fc.oneof(fc.integer(), ...(nulls ? [fc.constant(null)] : []), fc.constant({}), fc.boolean()), {
      minLength: 1,
      maxLength: 3,
    }),
    fc.constant(['phpapp::appsetup', nulls ? null : 0]),
  );
}

/** `item-0` to `item-4999`: huge lists are its first n items (a copy; drawn values are never shared). */
const HUGE_LIST: readonly string[] = Array.from({ length: 5000 }, (_, i) => `item-${i}`);

/** Merges `key: value` into the body's Args (creating the map when the base had none). */
function withArg(body: Body, key: string, value: unknown): Body {
  const cmd = commandOf(body);
  const current = cmd.Args;
  const args: Body = {};
  if (typeof current === 'object' && current !== null && !Array.isArray(current)) {
    for (const [k, v] of Object.entries(current)) defineMember(args, k, v);
  }
  defineMember(args, key, value);
  return { ...body, Command: { ...cmd, Args: args } };
}

function withArgs(body: Body, args: unknown): Body {
  const cmd = commandOf(body);
  return { ...body, Command: args === undefined ? without(cmd, 'Args') : { ...cmd, Args: args } };
}

/** Odd Args for any command; null list items only when `nulls` is on (see {@link wrongShapedValue}). */
const anyCommandMutation = (nulls: boolean): fc.Arbitrary<BodyMutation> =>
  fc.oneof(
    fc
      .tuple(fc.constantFrom(...ODD_ARG_KEYS), fc.constantFrom(['value'], [], ['phpapp::appsetup']))
      .map(([k, v]) => ({
        labels: ['odd-args:Command.Args'],
        apply: (b: Body) => withArg(b, k, v),
      })),
    fc.tuple(fc.constantFrom(...VALUE_KEYS), wrongShapedValue(nulls)).map(([k, v]) => ({
      labels: [`odd-args:Command.Args.${k}`],
      apply: (b: Body) => withArg(b, k, v),
    })),
    fc.constantFrom(['value'], ['a', 'b'], []).map((v) => ({
      labels: ['odd-args:Command.Args.custom_arg'],
      apply: (b: Body) => withArg(b, 'custom_arg', v),
    })),
    // Huge lists and huge values: cut from one list or built by repetition, so cheap however large.
    fc.integer({ min: 1000, max: HUGE_LIST.length }).map((n) => ({
      labels: ['odd-args:Command.Args.custom_arg'],
      apply: (b: Body) => withArg(b, 'custom_arg', HUGE_LIST.slice(0, n)),
    })),
    fc.integer({ min: 10_000, max: 100_000 }).map((n) => ({
      labels: ['odd-args:Command.Args.custom_arg'],
      apply: (b: Body) => withArg(b, 'custom_arg', ['x'.repeat(n)]),
    })),
  );

const deployMutation: fc.Arbitrary<BodyMutation> = fc
  .constantFrom(['yes'], ['TRUE'], ['1'], ['true', 'false'], [], [''])
  .map((v) => ({ labels: ['odd-args:Command.Args.migrate'], apply: (b: Body) => withArg(b, 'migrate', v) }));

const updateDependenciesMutation: fc.Arbitrary<BodyMutation> = fc.oneof(
  fc.constantFrom(['maybe'], ['yes'], ['TRUE'], ['true', 'false'], []).map((v) => ({
    labels: ['odd-args:Command.Args.allow_reboot'],
    apply: (b: Body) => withArgs(b, { allow_reboot: v }),
  })),
  // The documents: with upgrade_os_to you must also set allow_reboot to true. Weighted up: it is the
  // only documented rejection in this category, and the coverage phase must reach it in a few rounds.
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...OS_RELEASES), fc.constantFrom(undefined, ['false']))
      .map(([os, reboot]) => ({
        labels: ['odd-args:Command.Args.upgrade_os_to'],
        apply: (b: Body) =>
          withArgs(
            b,
            reboot === undefined ? { upgrade_os_to: [os] } : { upgrade_os_to: [os], allow_reboot: reboot },
          ),
      })),
  },
);

const executeRecipesMutation = (nulls: boolean): fc.Arbitrary<BodyMutation> =>
  fc.constantFrom<unknown>(undefined, {}, { recipes: [] }, ...(nulls ? [null] : [])).map((args) => ({
    labels: ['odd-args:Command.Args.recipes'],
    apply: (b: Body) => withArgs(b, args),
  }));

/**
 * `odd-args`: Args maps the documents do not describe: odd keys (empty, blank, unicode, `__proto__`),
 * a string or object where a list belongs, lists holding numbers, nulls or objects, huge lists and
 * values, documented args with undocumented values (`migrate: ["yes"]`, `allow_reboot: ["maybe"]`),
 * `upgrade_os_to` without `allow_reboot` true, execute_recipes without recipes. Several of these have
 * no documented outcome; the oracle says which. Nulls (list items, `Args: null`) only when
 * `options.nulls` is on.
 *
 * @example
 * fc.sample(oddArgsArbitrary(view, { nulls: true }), 1)[0].labels // ['odd-args:Command.Args.migrate']
 */
export function oddArgsArbitrary(view: WorldView, options: CategoryOptions): fc.Arbitrary<Case> {
  return fc.oneof(
    { arbitrary: mutatedCaseArbitrary(view, options, anyCommandMutation(options.nulls)), weight: 5 },
    {
      arbitrary: mutatedCaseArbitrary(view, { ...options, commands: ['deploy'] }, deployMutation),
      weight: 1,
    },
    {
      arbitrary: mutatedCaseArbitrary(
        view,
        { ...options, commands: ['update_dependencies'] },
        updateDependenciesMutation,
      ),
      weight: 3,
    },
    {
      arbitrary: mutatedCaseArbitrary(
        view,
        { ...options, commands: ['execute_recipes'] },
        executeRecipesMutation(options.nulls),
      ),
      weight: 1,
    },
  );
}
