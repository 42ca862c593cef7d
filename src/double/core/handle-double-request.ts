import { headerValue } from '../../contract/header-value.js';
import { isWellFormedUtf8 } from '../../contract/is-well-formed-utf8.js';
import { NOT_JSON, parseJson } from '../../contract/json-value-kind.js';
import type { WireResponse } from '../../contract/types.js';
import {
  CREATE_DEPLOYMENT_TARGET,
  DESCRIBE_DEPLOYMENTS_TARGET,
  JSON_CONTENT_TYPE,
} from '../../contract/wire.js';
import { createDeployment } from './create-deployment.js';
import { describeDeployments } from './describe-deployments.js';
import { errorResponse } from './double-response.js';
import type { DoubleState } from './double-state.js';

/** A request as it arrives on the wire. Header names should be lower case (others are found too). */
export interface DoubleRequest {
  method: string;
  /** Absolute (`https://opsworks.us-east-1.amazonaws.com/`) or a path (`/`). */
  url: string;
  headers: Record<string, string>;
  /** The body bytes, or the body already decoded as text. Empty means `{}`. */
  body: string | Uint8Array;
  /**
   * The body already parsed, for in-process callers: used instead of `body`, and must be what
   * `JSON.parse(body)` would give (see `isJsonRoundTrip`). Saves serialising a case's body only to
   * parse it back (the embedded double target), which for a 120 KB CustomJson is most of the work.
   */
  json?: unknown;
}

// Fatal: invalid UTF-8 is a SerializationException, not a body full of U+FFFD.
// ignoreBOM: a byte-order mark stays in the text, so JSON.parse refuses it as Coral's parser would.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const AUTH_SCHEME = 'AWS4-HMAC-SHA256 ';

/** The path of an absolute URL or a path, without query or fragment. */
function pathOf(url: string): string {
  let start = 0;
  if (url.charCodeAt(0) !== 47 /* / */) {
    const scheme = url.indexOf('://');
    if (scheme < 0) return url;
    start = url.indexOf('/', scheme + 3);
    if (start < 0) return '/';
  }
  let end = url.length;
  const q = url.indexOf('?', start);
  if (q >= 0) end = q;
  const h = url.indexOf('#', start);
  if (h >= 0 && h < end) end = h;
  return url.slice(start, end);
}

function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  if (value === JSON_CONTENT_TYPE) return true;
  const semi = value.indexOf(';');
  const media = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  return media === JSON_CONTENT_TYPE;
}

function unknownOperation(state: DoubleState, status: number, message: string): WireResponse {
  return errorResponse(state, status, 'UnknownOperationException', message);
}

/**
 * The reference double: one wire request and the state in, one wire response out. Pure and
 * synchronous (the state's deployment log is the only thing it changes), so `check` can call it at
 * tens of thousands of requests per second and tests can call it without a server.
 *
 * Checks run in the Coral order, each first failure answering: method and path (404
 * UnknownOperationException), content type (404 UnknownOperationException), body parse (400
 * SerializationException), `X-Amz-Target` (400 UnknownOperationException), authentication when the
 * state requires it (403 MissingAuthenticationTokenException), then the operation: CreateDeployment or
 * DescribeDeployments.
 *
 * @example
 * const state = createDoubleState(loadDefaultWorld());
 * const res = handleDoubleRequest(state, {
 *   method: 'POST',
 *   url: '/',
 *   headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'OpsWorks_20130218.CreateDeployment' },
 *   body: JSON.stringify({ StackId: state.world.stacks[0]!.StackId, Command: { Name: 'setup' } }),
 * });
 * res.status; // 200
 */
export function handleDoubleRequest(state: DoubleState, request: DoubleRequest): WireResponse {
  // Methods are matched without regard to case, as the oracle does (hand-written requests say `post`).
  if (request.method !== 'POST' && request.method.toUpperCase() !== 'POST') {
    return unknownOperation(state, 404, `No operation answers ${request.method}; send POST /`);
  }
  const path = pathOf(request.url);
  if (path !== '/') return unknownOperation(state, 404, `No operation answers the path ${path}; send POST /`);
  if (!isJsonContentType(headerValue(request.headers, 'content-type'))) {
    return unknownOperation(state, 404, `Content-Type must be ${JSON_CONTENT_TYPE}`);
  }

  let text: string;
  const body = request.body;
  if (request.json !== undefined) {
    text = '';
  } else if (typeof body === 'string') {
    text = body;
  } else {
    // Checked first: the decoder's thrown TypeError cost more than the rest of the request.
    if (!isWellFormedUtf8(body)) {
      return errorResponse(state, 400, 'SerializationException', 'The request body is not valid UTF-8');
    }
    text = UTF8.decode(body);
  }
  let input: unknown;
  if (request.json !== undefined) {
    input = request.json;
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return errorResponse(state, 400, 'SerializationException', 'The request body must be a JSON object');
    }
  } else if (text.length === 0) {
    input = {};
  } else {
    input = parseJson(text);
    if (input === NOT_JSON) {
      return errorResponse(state, 400, 'SerializationException', 'The request body is not valid JSON');
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return errorResponse(state, 400, 'SerializationException', 'The request body must be a JSON object');
    }
  }

  const target = headerValue(request.headers, 'x-amz-target');
  const isCreate = target === CREATE_DEPLOYMENT_TARGET;
  if (!isCreate && target !== DESCRIBE_DEPLOYMENTS_TARGET) {
    return unknownOperation(
      state,
      400,
      target === undefined ? 'Missing X-Amz-Target header' : `Unknown operation ${target}`,
    );
  }
  if (state.requireAuth) {
    const auth = headerValue(request.headers, 'authorization');
    if (auth === undefined || !auth.startsWith(AUTH_SCHEME)) {
      return errorResponse(state, 403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    }
  }
  const members = input as Record<string, unknown>;
  return isCreate ? createDeployment(state, members) : describeDeployments(state, members);
}
