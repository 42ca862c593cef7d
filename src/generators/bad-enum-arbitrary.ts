import * as fc from 'fast-check';
import type { Case } from '../contract/types.js';
import { type BodyMutation, type CategoryOptions, mutatedCaseArbitrary } from './body-mutation.js';
import { commandOf } from './draft.js';
import { COMMAND_NAME_ENUM } from './request-shape.js';
import { textArbitrary } from './text-arbitrary.js';
import type { WorldView } from './world-view.js';

/** Command types OpsWorks runs internally but the API refuses. */
export const INTERNAL_COMMANDS = [
  'shutdown',
  'update_agent',
  'grant_remote_access',
  'revoke_remote_access',
  'sync_remote_users',
] as const;

const ENUM = new Set<string>(COMMAND_NAME_ENUM);

/** Near misses of a real name: case changes, surrounding spaces, hyphens, plurals. */
const nearMiss = fc
  .tuple(
    fc.constantFrom(...COMMAND_NAME_ENUM),
    fc.constantFrom(
      (n: string) => n.charAt(0).toUpperCase() + n.slice(1),
      (n: string) => n.toUpperCase(),
      (n: string) => ` ${n}`,
      (n: string) => `${n} `,
      (n: string) => `${n}\n`,
      (n: string) => n.replace(/_/g, '-'),
      (n: string) => `${n}s`,
      (n: string) => `${n}\u200b`,
    ),
  )
  .map(([n, f]) => f(n));

/** Command names outside the enum. Every value is checked against the enum, so none is valid by accident. */
export const badCommandNameArbitrary: fc.Arbitrary<string> = fc
  .oneof(
    nearMiss,
    fc.constantFrom(...INTERNAL_COMMANDS),
    fc.constant(''),
    fc.integer({ min: 256, max: 10_000 }).map((n) => 'deploy'.repeat(Math.ceil(n / 6))),
    textArbitrary({ minLength: 1, maxLength: 20 }),
  )
  .filter((n) => !ENUM.has(n));

/** Replaces `Command.Name` with a bad value (label `bad-enum:Command.Name`). */
export function badEnumMutationArbitrary(): fc.Arbitrary<BodyMutation> {
  return badCommandNameArbitrary.map((name) => ({
    labels: ['bad-enum:Command.Name'],
    apply: (b) => ({ ...b, Command: { ...commandOf(b), Name: name } }),
  }));
}

/**
 * `bad-enum`: a valid request whose `Command.Name` is not one of the 12 commands.
 *
 * @example
 * fc.sample(badEnumArbitrary(view, { nulls: true }), 1)[0].request.body // { ..., Command: { Name: 'Deploy' } }
 */
export function badEnumArbitrary(view: WorldView, options: CategoryOptions): fc.Arbitrary<Case> {
  return mutatedCaseArbitrary(view, options, badEnumMutationArbitrary());
}
