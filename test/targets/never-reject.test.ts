import { describe, expect, it } from 'vitest';
import type { CaseRequest } from '../../src/contract/types.js';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../../src/contract/wire.js';
import { createClientTarget } from '../../src/targets/create-client-target.js';
import { createDoubleTarget } from '../../src/targets/create-double-target.js';
import { createHttpTarget } from '../../src/targets/create-http-target.js';
import { createMswTarget } from '../../src/targets/create-msw-target.js';
import { createSdkTarget, PLACEHOLDER_CREDENTIALS } from '../../src/targets/create-sdk-target.js';
import type { Target } from '../../src/targets/target.js';
import { DEFAULT_WORLD } from '../../src/world/default-world.js';

const headers = { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': CREATE_DEPLOYMENT_TARGET };
const cyclic: Record<string, unknown> = { StackId: 's' };
cyclic.self = cyclic;
const unsendable: CaseRequest[] = [
  { headers, body: { StackId: 1n } },
  { headers, body: cyclic },
];

function targets(): Target[] {
  return [
    createDoubleTarget({ world: DEFAULT_WORLD }),
    createHttpTarget({ url: 'http://127.0.0.1:1', timeoutMs: 500, concurrency: 1 }),
    createMswTarget({ handlers: [], timeoutMs: 500 }),
    createSdkTarget({
      name: 'sdk',
      endpoint: 'http://127.0.0.1:1',
      region: 'us-east-1',
      timeoutMs: 500,
      concurrency: 1,
      credentials: PLACEHOLDER_CREDENTIALS,
    }),
    createClientTarget({ client: { send: async () => ({ DeploymentId: 'd' }) }, timeoutMs: 500 }),
  ];
}

describe('a body no serialiser can handle', () => {
  it.each(unsendable.map((r, i) => [i === 0 ? 'a BigInt' : 'a cycle', r] as const))(
    'with %s never makes send reject or cannotExpress throw',
    async (_what, request) => {
      for (const target of targets()) {
        expect(() => target.cannotExpress(request)).not.toThrow();
        const exchange = await target.send(request);
        expect(exchange, target.name).toMatchObject({ kind: 'transport-error', reason: 'other' });
        await target.close();
      }
    },
  );
});
