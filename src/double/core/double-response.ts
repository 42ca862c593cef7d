import type { WireResponse } from '../../contract/types.js';
import { JSON_CONTENT_TYPE } from '../../contract/wire.js';
import type { DoubleState } from './double-state.js';

/**
 * A JSON response as every OpsWorks answer looks: the protocol content type and a fresh
 * `x-amzn-RequestId`, whatever the status.
 *
 * @example
 * jsonResponse(state, 200, '{"DeploymentId":"…"}');
 */
export function jsonResponse(state: DoubleState, status: number, body: string): WireResponse {
  return {
    status,
    headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': state.newId() },
    body,
  };
}

/**
 * An error in the awsJson1_1 form: `{"__type": "<Type>", "message": "..."}`. The plain type name is
 * what Coral JSON 1.1 services send for most errors, and every AWS SDK reads it.
 *
 * @example
 * errorResponse(state, 400, 'ValidationException', 'Please provide an app ID');
 */
export function errorResponse(
  state: DoubleState,
  status: number,
  type: string,
  message: string,
): WireResponse {
  return jsonResponse(state, status, JSON.stringify({ __type: type, message }));
}
