import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareReadBack, runChecks } from '../../src/contract/check-catalog.js';
import { classifyResponse } from '../../src/contract/classify-response.js';
import { expectedOutcomes } from '../../src/contract/expected-outcomes.js';
import type { Case } from '../../src/contract/types.js';
import {
  CREATE_DEPLOYMENT_TARGET,
  DESCRIBE_DEPLOYMENTS_TARGET,
  JSON_CONTENT_TYPE,
} from '../../src/contract/wire.js';
import { createDoubleState } from '../../src/double/core/double-state.js';
import { handleDoubleRequest } from '../../src/double/core/handle-double-request.js';
import { CATEGORY_NAMES } from '../../src/generators/category-names.js';
import { createDeploymentArbitraries } from '../../src/generators/create-deployment-arbitraries.js';
import type { Exchange } from '../../src/targets/target.js';
import { toWireRequest } from '../../src/targets/to-wire-request.js';
import { loadDefaultWorld } from '../../src/world/load-world.js';

const world = loadDefaultWorld();
const arbitraries = createDeploymentArbitraries(world);
const state = createDoubleState(world);

/** Sends one case to the core and returns every failed per-exchange check (empty when conformant). */
function failures(c: Case): string[] {
  const wire = toWireRequest(c.request);
  const response = handleDoubleRequest(state, {
    method: wire.method,
    url: wire.path,
    headers: wire.headers,
    body: wire.body,
  });
  const exchange: Exchange = {
    kind: 'wire',
    response,
    classification: classifyResponse(response),
    durationMs: 0,
  };
  const expectation = expectedOutcomes(c.request, world);
  const failed = runChecks({ request: c.request, expectation, exchange, world })
    .filter((r) => r.verdict.status === 'failed')
    .map((r) => `${r.check}: ${JSON.stringify(r.verdict)}`);
  // What was created must read back as it was sent.
  const created =
    exchange.classification.deploymentId !== undefined &&
    wire.headers['x-amz-target'] === CREATE_DEPLOYMENT_TARGET &&
    typeof c.request.body === 'object' &&
    c.request.body !== null;
  if (created) {
    const read = handleDoubleRequest(state, {
      method: 'POST',
      url: '/',
      headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': DESCRIBE_DEPLOYMENTS_TARGET },
      body: JSON.stringify({ DeploymentIds: [exchange.classification.deploymentId] }),
    });
    const deployments = (JSON.parse(read.body as string) as { Deployments?: unknown[] }).Deployments;
    const verdict = compareReadBack(c.request.body as Record<string, unknown>, deployments?.[0]);
    if (verdict.status === 'failed') failed.push(`read-back-matches: ${JSON.stringify(verdict)}`);
  }
  return failed;
}

describe('the double answers what the oracle allows', () => {
  it('for valid and invalid cases, wire faults included', () => {
    fc.assert(
      fc.property(arbitraries.all, (c) => {
        expect(failures(c), JSON.stringify(c).slice(0, 2000)).toEqual([]);
      }),
      { numRuns: 2500 },
    );
  });

  it.each(CATEGORY_NAMES)('for every case of category %s', (name) => {
    fc.assert(
      fc.property(arbitraries.categories[name], (c) => {
        expect(failures(c), JSON.stringify(c).slice(0, 2000)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
