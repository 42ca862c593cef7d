import type { WireResponse } from '../../contract/types.js';
import { JSON_CONTENT_TYPE } from '../../contract/wire.js';
import type { DoubleState } from './double-state.js';

/** Characters `JSON.stringify` escapes in a string: quote, backslash, controls, surrogates (lone ones). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const NEEDS_ESCAPE = /["\\\x00-\x1f\ud800-\udfff]/;

/**
 * `JSON.stringify(text)` for a string: the same characters, built without the serialiser when nothing
 * needs escaping (IDs, most messages). `JSON.stringify` of a lone string cost about a microsecond a
 * call here, as much as the rest of building a response.
 *
 * @example
 * jsonString('c4a5…'); // '"c4a5…"'
 * jsonString('say "hi"'); // '"say \\"hi\\""'
 */
export function jsonString(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

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
  // What JSON.stringify({ __type: type, message }) writes, a few times faster.
  return jsonResponse(state, status, `{"__type":${jsonString(type)},"message":${jsonString(message)}}`);
}
