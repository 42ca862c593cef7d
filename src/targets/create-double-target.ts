import { classifyResponse } from '../contract/classify-response.js';
import type { CaseRequest, World } from '../contract/types.js';
import { DESCRIBE_DEPLOYMENTS_TARGET, JSON_CONTENT_TYPE } from '../contract/wire.js';
import { createDoubleState, type DoubleState, type DoubleStateOptions } from '../double/core/double-state.js';
import { handleDoubleRequest } from '../double/core/handle-double-request.js';
import { isJsonRoundTrip } from '../double/core/json-round-trip.js';
import { describeTransportError } from './map-transport-error.js';
import { readDeployments } from './read-deployments.js';
import type { Exchange, Target } from './target.js';
import { toWireRequest } from './to-wire-request.js';

/** Options of {@link createDoubleTarget}. */
export interface DoubleTargetOptions {
  /** The IDs the double knows. */
  world: World;
  /** Options for the double's state (fixed clock, ID source, auth). */
  state?: DoubleStateOptions;
}

/**
 * The embedded reference double as a target, called through its pure core: no msw, no sockets, no
 * `Request`/`Response` objects, so a run is bounded by the checks rather than by transport. It sees
 * the request exactly as a wire target would send it (same serialisation), so every case is
 * expressible, nulls included, and deployments read back through DescribeDeployments.
 *
 * @example
 * const target = createDoubleTarget({ world: loadDefaultWorld() });
 * const exchange = await target.send({ headers, body: { StackId, Command: { Name: 'setup' } } });
 */
export function createDoubleTarget(options: DoubleTargetOptions): Target {
  const state: DoubleState = createDoubleState(options.world, options.state);

  function call(request: CaseRequest): Exchange {
    const start = performance.now();
    // A body that JSON gives back unchanged goes to the core as is: serialising it only for the core
    // to parse it back was most of the cost of large cases (the answer is the same either way).
    const response =
      request.rawBody === undefined && request.body !== undefined && isJsonRoundTrip(request.body)
        ? handleDoubleRequest(state, {
            method: request.method ?? 'POST',
            url: request.path ?? '/',
            headers: request.headers,
            body: '',
            json: request.body,
          })
        : wireCall(request);
    const classification = classifyResponse(response);
    return { kind: 'wire', response, classification, durationMs: performance.now() - start };
  }

  function wireCall(request: CaseRequest) {
    const wire = toWireRequest(request);
    return handleDoubleRequest(state, {
      method: wire.method,
      url: wire.path,
      headers: wire.headers,
      body: wire.body,
    });
  }

  return {
    name: 'double',
    capabilities: { wire: true, nulls: true, readBack: true },
    cannotExpress: () => undefined,
    // Not async, and no wrapper: the core is synchronous, and one promise per case (rather than
    // three) is a measurable share of a run through the embedded double.
    send(request, sendOptions) {
      if (sendOptions?.signal?.aborted === true) {
        return Promise.resolve<Exchange>({
          kind: 'transport-error',
          reason: 'aborted',
          message: 'aborted before sending',
          durationMs: 0,
        });
      }
      try {
        return Promise.resolve(call(request));
      } catch (error) {
        return Promise.resolve<Exchange>({
          kind: 'transport-error',
          reason: 'other',
          message: `could not send: ${describeTransportError(error)}`,
          durationMs: 0,
        });
      }
    },
    async describeDeployments(deploymentIds, sendOptions) {
      if (sendOptions?.signal?.aborted === true) {
        return {
          kind: 'transport-error',
          reason: 'aborted',
          message: 'aborted before sending',
          durationMs: 0,
        };
      }
      const exchange = call({
        headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': DESCRIBE_DEPLOYMENTS_TARGET },
        body: { DeploymentIds: deploymentIds },
      });
      return readDeployments(exchange);
    },
    async close() {},
  };
}
