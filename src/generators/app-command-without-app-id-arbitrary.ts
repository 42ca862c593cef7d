import * as fc from 'fast-check';
import type { Case } from '../contract/types.js';
import { APP_COMMANDS } from '../contract/wire.js';
import { type BodyMutation, type CategoryOptions, mutatedCaseArbitrary } from './body-mutation.js';
import { without } from './draft.js';
import type { WorldView } from './world-view.js';

/**
 * `app-command-without-app-id`: an app command (deploy, rollback, start, stop, restart, undeploy)
 * with AppId absent or `null`.
 *
 * @example
 * fc.sample(appCommandWithoutAppIdArbitrary(view, { nulls: true }), 1)[0].request.body // { StackId, Command: { Name: 'deploy' } }
 */
export function appCommandWithoutAppIdArbitrary(
  view: WorldView,
  options: CategoryOptions,
): fc.Arbitrary<Case> {
  const mutation = (options.nulls ? fc.boolean() : fc.constant(false)).map(
    (asNull): BodyMutation => ({
      labels: ['app-command-without-app-id'],
      apply: (b) => (asNull ? { ...b, AppId: null } : without(b, 'AppId')),
    }),
  );
  return mutatedCaseArbitrary(view, { ...options, commands: APP_COMMANDS }, mutation);
}
