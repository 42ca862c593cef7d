import type { WireResponse } from '../../contract/types.js';
import { optionalString, optionalStringList, WrongType } from './create-deployment.js';
import { errorResponse, jsonResponse } from './double-response.js';
import type { DoubleDeployment, DoubleState } from './double-state.js';

/**
 * DescribeDeployments on a parsed JSON object: exactly one of `StackId`, `AppId`, `DeploymentIds`
 * (else ValidationException); ResourceNotFoundException for an unknown stack, app or deployment.
 * By stack or app, deployments come newest first; by IDs, in the order asked.
 *
 * @example
 * describeDeployments(state, { DeploymentIds: [id] }).body; // '{"Deployments":[{…}]}'
 */
export function describeDeployments(state: DoubleState, input: Record<string, unknown>): WireResponse {
  const stackId = optionalString(input.StackId, 'StackId');
  const appId = optionalString(input.AppId, 'AppId');
  const ids = optionalStringList(input.DeploymentIds, 'DeploymentIds');
  for (const v of [stackId, appId, ids]) {
    if (v instanceof WrongType) return errorResponse(state, 400, 'SerializationException', v.message);
  }
  const given = (stackId !== undefined ? 1 : 0) + (appId !== undefined ? 1 : 0) + (ids !== undefined ? 1 : 0);
  if (given !== 1) {
    return errorResponse(
      state,
      400,
      'ValidationException',
      'Please provide exactly one of StackId, AppId or DeploymentIds',
    );
  }
  let found: DoubleDeployment[];
  if (typeof stackId === 'string') {
    if (!state.stacks.has(stackId)) {
      return errorResponse(
        state,
        400,
        'ResourceNotFoundException',
        `Unable to find stack with ID ${stackId}`,
      );
    }
    found = [...state.deployments.values()].filter((d) => d.StackId === stackId).reverse();
  } else if (typeof appId === 'string') {
    if (!state.appStacks.has(appId)) {
      return errorResponse(state, 400, 'ResourceNotFoundException', `Unable to find app with ID ${appId}`);
    }
    found = [...state.deployments.values()].filter((d) => d.AppId === appId).reverse();
  } else {
    found = [];
    for (const id of ids as string[]) {
      const d = state.deployments.get(id);
      if (d === undefined) {
        return errorResponse(
          state,
          400,
          'ResourceNotFoundException',
          `Unable to find deployment with ID ${id}`,
        );
      }
      found.push(d);
    }
  }
  return jsonResponse(state, 200, JSON.stringify({ Deployments: found }));
}
