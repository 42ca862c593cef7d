import * as fc from 'fast-check';
import type { CommandName } from '../contract/wire.js';
import { ABSENT, type OptionalValue, optionalMember } from './optional-member.js';

/** `Command.Args`: a map of string to list of strings. */
export type Args = Record<string, string[]>;

const COOKBOOKS = [
  'phpapp',
  'nginx',
  'mysql',
  'deploy',
  'opsworks_agent_monit',
  'my-cookbook',
  'ruby',
] as const;
const RECIPES = ['appsetup', 'default', 'server', 'configure', 'service', 'my_recipe'] as const;

/** A recipe name as Chef spells it, `cookbook::recipe`. */
export const recipeNameArbitrary: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...COOKBOOKS), fc.constantFrom(...RECIPES))
  .map(([c, r]) => `${c}::${r}`);

/** Amazon Linux releases as the documents name them for `upgrade_os_to`. */
export const OS_RELEASES = ['Amazon Linux 2016.09', 'Amazon Linux 2017.03', 'Amazon Linux 2018.03'] as const;

const BOOL = fc.constantFrom('true', 'false');

/** Documented Args of update_dependencies: nothing, `allow_reboot`, or `upgrade_os_to` with `allow_reboot` true. */
const updateDependenciesArgs: fc.Arbitrary<Args> = fc.oneof(
  { withCrossShrink: true },
  fc.constant({}),
  BOOL.map((b) => ({ allow_reboot: [b] })),
  fc.constantFrom(...OS_RELEASES).map((os) => ({ upgrade_os_to: [os], allow_reboot: ['true'] })),
);

/**
 * Documented `Command.Args` for `command`, as an optional member (absent, `null` or a map), except for
 * execute_recipes, which always names one or several recipes (without them the outcome is unspecified).
 *
 * @example
 * fc.sample(validArgsArbitrary('deploy', { nulls: true }), 3) // [ABSENT, {migrate:['true']}, {}]
 */
export function validArgsArbitrary(
  command: CommandName,
  options: { nulls: boolean },
): fc.Arbitrary<OptionalValue<Args>> {
  switch (command) {
    case 'execute_recipes':
      return fc
        .uniqueArray(recipeNameArbitrary, { minLength: 1, maxLength: 4 })
        .map((recipes) => ({ recipes }));
    case 'deploy':
      return optionalMember(
        fc.oneof(
          fc.constant({}),
          BOOL.map((b) => ({ migrate: [b] })),
        ),
        options,
      );
    case 'update_dependencies':
      return optionalMember(updateDependenciesArgs, options);
    default:
      return optionalMember(fc.constant({}), options);
  }
}

/** True when the Args value is a real map (not absent or null). */
export function isArgs(value: OptionalValue<Args>): value is Args {
  return value !== ABSENT && value !== null;
}
