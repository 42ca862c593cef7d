import type { CaseRequest } from '../contract/types.js';
import { describeTransportError } from './map-transport-error.js';
import type { Exchange, SendOptions } from './target.js';

/**
 * Wraps a target's `send` so that nothing it throws (a body `JSON.stringify` cannot serialise, a
 * bug in an adapter) escapes as a rejection: it comes back as a `transport-error` (`other`), as the
 * `Target` contract promises, and the run goes on.
 *
 * @example
 * const send = neverReject(async (request) => rawSend(request));
 */
export function neverReject(
  send: (request: CaseRequest, options?: SendOptions) => Promise<Exchange>,
): (request: CaseRequest, options?: SendOptions) => Promise<Exchange> {
  return async (request, options) => {
    const start = performance.now();
    try {
      return await send(request, options);
    } catch (error) {
      return {
        kind: 'transport-error',
        reason: 'other',
        message: `could not send: ${describeTransportError(error)}`,
        durationMs: performance.now() - start,
      };
    }
  };
}

/**
 * Wraps a `cannotExpress` so that a request it cannot even inspect (a cyclic or non-JSON body) is
 * reported as inexpressible rather than thrown.
 *
 * @example
 * const cannotExpress = safeCannotExpress(cannotExpressThroughSdk);
 */
export function safeCannotExpress(
  cannotExpress: (request: CaseRequest) => string | undefined,
): (request: CaseRequest) => string | undefined {
  return (request) => {
    try {
      return cannotExpress(request);
    } catch (error) {
      return `the request cannot be serialised: ${describeTransportError(error)}`;
    }
  };
}
