import type { CaseRequest } from '../contract/types.js';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../contract/wire.js';

/** Headers the SDK itself sends with these exact values; any other header cannot be chosen. */
const SDK_HEADERS: Readonly<Record<string, string>> = {
  'content-type': JSON_CONTENT_TYPE,
  'x-amz-target': CREATE_DEPLOYMENT_TARGET,
};
const SDK_HEADER_COUNT = Object.keys(SDK_HEADERS).length;

/**
 * True when {@link unfaithful} finds nothing, without building a path for every member on the way:
 * those strings were most of the cost of this check, and nearly every request passes it.
 */
function isFaithful(value: unknown): boolean {
  if (value === null) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!isFaithful(value[i])) return false;
    return true;
  }
  switch (typeof value) {
    case 'object':
      for (const key of Object.keys(value as object)) {
        if (key === '__proto__' || !isFaithful((value as Record<string, unknown>)[key])) return false;
      }
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'bigint':
    case 'function':
    case 'symbol':
      return false;
    default:
      return true;
  }
}

/** The first reason `value` would not survive the SDK's serialiser unchanged, if any. */
function unfaithful(value: unknown, path: string): string | undefined {
  if (value === null) return `${path} is null, and the SDK drops null members`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const reason = unfaithful(value[i], `${path}[${i}]`);
      if (reason !== undefined) return reason;
    }
    return undefined;
  }
  if (typeof value === 'object') {
    for (const key of Object.keys(value as object)) {
      // The serialiser copies members with `target[key] = ...`: "__proto__" would set the prototype.
      if (key === '__proto__') return `${path} has a "__proto__" member, which the SDK cannot copy`;
      const reason = unfaithful((value as Record<string, unknown>)[key], `${path}.${key}`);
      if (reason !== undefined) return reason;
    }
    return undefined;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return `${path} is not a finite number`;
  if (typeof value === 'bigint' || typeof value === 'function' || typeof value === 'symbol') {
    return `${path} is not JSON`;
  }
  return undefined;
}

/**
 * Why `CreateDeploymentCommand` through `@aws-sdk/client-opsworks` would not put `request` on the
 * wire as given, or `undefined` when it would. Measured, not assumed: the SDK (3.876) serialises
 * the input with `JSON.stringify(_json(input))`, which keeps unknown members and values of the wrong
 * JSON type (a number StackId goes out as a number) but drops `null` members and `null` array
 * elements. It always sends `POST /` with its own headers, so raw bodies, other methods, paths and
 * headers, a missing body or a body that is not a JSON object cannot be expressed either.
 *
 * @example
 * cannotExpressThroughSdk({ headers, body: { StackId: null } }); // '$.StackId is null, and the SDK drops null members'
 */
export function cannotExpressThroughSdk(request: CaseRequest): string | undefined {
  return isPlainSdkRequest(request) ? undefined : whyNotExpressible(request);
}

/**
 * True for the requests {@link whyNotExpressible} passes that look like most: no raw body, POST to
 * `/`, exactly the SDK's two headers in lower case, a faithful object body. Checked first because
 * it allocates nothing; anything else gets the full check and its reason.
 */
function isPlainSdkRequest(request: CaseRequest): boolean {
  if (request.rawBody !== undefined) return false;
  if (request.method !== undefined && request.method !== 'POST') return false;
  if (request.path !== undefined && request.path !== '/') return false;
  const headers = request.headers;
  let count = 0;
  for (const name in headers) {
    if (!Object.hasOwn(headers, name)) continue;
    if (headers[name] !== SDK_HEADERS[name] || !Object.hasOwn(SDK_HEADERS, name)) return false;
    count++;
  }
  if (count !== SDK_HEADER_COUNT) return false;
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  return isFaithful(body);
}

/**
 * The full check behind {@link cannotExpressThroughSdk}, with no fast path (exported so tests can
 * hold the two to the same answers).
 */
export function whyNotExpressible(request: CaseRequest): string | undefined {
  if (request.rawBody !== undefined) return 'a raw body needs a wire target (the SDK serialises objects)';
  if ((request.method ?? 'POST') !== 'POST') return `the SDK always sends POST, not ${request.method}`;
  if ((request.path ?? '/') !== '/') return `the SDK always sends to /, not ${request.path}`;
  for (const [name, expected] of Object.entries(SDK_HEADERS)) {
    const value = request.headers[name];
    if (value !== expected) {
      return value === undefined
        ? `the SDK always sends ${name}: ${expected}`
        : `the SDK sends ${name}: ${expected}, not ${JSON.stringify(value)}`;
    }
  }
  for (const name of Object.keys(request.headers)) {
    if (!(name.toLowerCase() in SDK_HEADERS)) return `the SDK chooses its own headers (cannot send ${name})`;
  }
  const body = request.body;
  if (body === undefined) return 'the SDK always sends a JSON object body';
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return 'the SDK takes an input object; a body that is not a JSON object needs a wire target';
  }
  return unfaithful(body, '$');
}
