import fc from 'fast-check';
import { getResponse } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChecks } from '../../src/contract/check-catalog.js';
import { classifyResponse } from '../../src/contract/classify-response.js';
import { expectedOutcomes } from '../../src/contract/expected-outcomes.js';
import type { Case, WireResponse } from '../../src/contract/types.js';
import { createDoubleHandlers } from '../../src/double/create-double-handlers.js';
import { type ServedDouble, serveDouble } from '../../src/double/serve-double.js';
import { createDeploymentArbitraries } from '../../src/generators/create-deployment-arbitraries.js';
import type { Exchange } from '../../src/targets/target.js';
import { toWireRequest } from '../../src/targets/to-wire-request.js';
import { loadDefaultWorld } from '../../src/world/load-world.js';

// The msw handlers and the HTTP server are thin shells over the core; these properties check that
// the shells pass requests and answers through unchanged (bytes, headers, methods, statuses).
const world = loadDefaultWorld();
const arbitraries = createDeploymentArbitraries(world);

/** A fetch Request for the case, or undefined when fetch cannot express it (forbidden method or header). */
function toRequest(c: Case, base: string): Request | undefined {
  const wire = toWireRequest(c.request);
  const method = wire.method;
  const hasBody = method !== 'GET' && method !== 'HEAD';
  try {
    return new Request(new URL(wire.path, base), {
      method,
      headers: wire.headers,
      ...(hasBody && { body: wire.body as string | Uint8Array<ArrayBuffer> }),
    });
  } catch {
    return undefined;
  }
}

async function toWireResponse(res: Response): Promise<WireResponse> {
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    headers[k] = v;
  });
  return { status: res.status, headers, body: new Uint8Array(await res.arrayBuffer()) };
}

function failures(c: Case, response: WireResponse): string[] {
  const exchange: Exchange = {
    kind: 'wire',
    response,
    classification: classifyResponse(response),
    durationMs: 0,
  };
  return runChecks({ request: c.request, expectation: expectedOutcomes(c.request, world), exchange, world })
    .filter((r) => r.verdict.status === 'failed')
    .map((r) => `${r.check}: ${JSON.stringify(r.verdict)}`);
}

describe('the wrappers answer what the oracle allows', () => {
  it('through msw getResponse', async () => {
    const handlers = createDoubleHandlers({ world });
    await fc.assert(
      fc.asyncProperty(arbitraries.all, async (c) => {
        const request = toRequest(c, 'https://opsworks.us-east-1.amazonaws.com/');
        fc.pre(request !== undefined);
        const res = await getResponse(handlers, request as Request);
        expect(res).toBeDefined();
        expect(failures(c, await toWireResponse(res as Response)), JSON.stringify(c).slice(0, 1000)).toEqual(
          [],
        );
      }),
      { numRuns: 200 },
    );
  });

  describe('through serveDouble', () => {
    let served: ServedDouble;
    beforeAll(async () => {
      served = await serveDouble({ port: 0, world });
    });
    afterAll(() => served.close());

    it('over HTTP on 127.0.0.1', async () => {
      await fc.assert(
        fc.asyncProperty(arbitraries.all, async (c) => {
          const request = toRequest(c, served.url);
          fc.pre(request !== undefined);
          const res = await fetch(request as Request);
          expect(failures(c, await toWireResponse(res)), JSON.stringify(c).slice(0, 1000)).toEqual([]);
        }),
        { numRuns: 300 },
      );
    });
  });
});
