/**
 * The AWS SDK round trip through the double: `OpsWorksClient` against `serveDouble` on 127.0.0.1.
 * Valid generated inputs succeed and read back through DescribeDeployments as they were sent;
 * inputs the oracle refuses throw the SDK exception class of an allowed outcome.
 */
import {
  CreateDeploymentCommand,
  type CreateDeploymentCommandInput,
  DescribeDeploymentsCommand,
  OpsWorksClient,
} from '@aws-sdk/client-opsworks';
import { fc } from '@fast-check/vitest';
import {
  type Case,
  compareReadBack,
  createDeploymentArbitraries,
  expectedOutcomes,
  loadDefaultWorld,
  type ServedDouble,
  serveDouble,
} from 'opsworks-contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { propertyParameters } from './property-settings.js';

const world = loadDefaultWorld();
// The SDK drops null members, so nulls are not drawn: what is sent is what the oracle judges.
const arbitraries = createDeploymentArbitraries(world, { nulls: false, wire: false });
/** Categories whose cases the SDK sends as generated (it re-serialises members by the model). */
const REFUSED = fc.oneof(
  arbitraries.categories['missing-required'],
  arbitraries.categories['app-command-without-app-id'],
  arbitraries.categories['unknown-ids'],
  arbitraries.categories['malformed-custom-json'],
  arbitraries.categories['custom-json-not-object'],
  arbitraries.categories['bad-enum'],
);

function input(c: Case): CreateDeploymentCommandInput {
  return c.request.body as CreateDeploymentCommandInput;
}

describe('AWS SDK round trip through the served double', () => {
  let served: ServedDouble;
  let client: OpsWorksClient;
  beforeAll(async () => {
    served = await serveDouble({ port: 0, host: '127.0.0.1', world });
    client = new OpsWorksClient({
      endpoint: served.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' },
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    client?.destroy();
    await served?.close();
  });

  it('valid inputs succeed and read back as sent', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraries.valid, async (c) => {
        const sent = input(c);
        const out = await client.send(new CreateDeploymentCommand(sent));
        expect(out.DeploymentId).toBeTypeOf('string');
        const read = await client.send(
          new DescribeDeploymentsCommand({ DeploymentIds: [out.DeploymentId as string] }),
        );
        expect(read.Deployments).toHaveLength(1);
        const verdict = compareReadBack(
          c.request.body as Record<string, unknown>,
          JSON.parse(JSON.stringify(read.Deployments?.[0])),
        );
        expect(verdict).toEqual({ status: 'passed' });
      }),
      propertyParameters(60),
    );
  });

  it('refused inputs throw the SDK exception of an allowed outcome', async () => {
    await fc.assert(
      fc.asyncProperty(REFUSED, async (c) => {
        const e = expectedOutcomes(c.request, world);
        const error = await client.send(new CreateDeploymentCommand(input(c))).then(
          () => undefined,
          (err: unknown) => err as Error & { $metadata?: { httpStatusCode?: number } },
        );
        if (e.unspecified) return;
        expect(error, `${c.labels.join(', ')} succeeded; allowed ${e.allowed.join(' | ')}`).toBeDefined();
        expect(e.allowed).toContain(error?.name);
        expect(error?.$metadata?.httpStatusCode).toBe(400);
      }),
      propertyParameters(60),
    );
  });
});
