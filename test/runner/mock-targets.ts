import { randomUUID } from 'node:crypto';
import { classifyResponse } from '../../src/contract/classify-response.js';
import type { CaseRequest, WireResponse, World } from '../../src/contract/types.js';
import { createDoubleTarget } from '../../src/targets/create-double-target.js';
import type { Exchange, Target } from '../../src/targets/target.js';

/** Builds a wire response the way a JSON-1.1 service would send it. */
export function jsonResponse(
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): WireResponse {
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID(), ...extra },
    body: JSON.stringify(body),
  };
}

/** A wire target (no read-back) answering with `respond`, classified like every wire target. */
export function wireTarget(
  name: string,
  respond: (request: CaseRequest) => WireResponse | Promise<WireResponse>,
): Target {
  return {
    name,
    capabilities: { wire: true, nulls: true, readBack: false },
    cannotExpress: () => undefined,
    async send(request): Promise<Exchange> {
      const response = await respond(request);
      return { kind: 'wire', response, classification: classifyResponse(response), durationMs: 0 };
    },
    async close() {},
  };
}

/** A sloppy mock: every request succeeds with a fresh DeploymentId. */
export function acceptEverythingTarget(): Target {
  return wireTarget('accept-everything', () => jsonResponse(200, { DeploymentId: randomUUID() }));
}

/**
 * The reference double with one deliberate fault: where it answers ValidationException, this one
 * answers ResourceNotFoundException.
 */
export function wrongErrorTarget(world: World): Target {
  const double = createDoubleTarget({ world });
  return {
    ...double,
    name: 'wrong-error',
    capabilities: { ...double.capabilities, readBack: false },
    async send(request, options) {
      const exchange = await double.send(request, options);
      if (exchange.kind !== 'wire' || exchange.classification.outcome !== 'ValidationException')
        return exchange;
      const response = jsonResponse(400, { __type: 'ResourceNotFoundException', message: 'not found' });
      return { ...exchange, response, classification: classifyResponse(response) };
    },
  };
}
