import { CreateDeploymentCommand, OpsWorksClient } from '@aws-sdk/client-opsworks';
import { mockClient } from 'aws-sdk-client-mock';
import * as fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { expectedOutcomes } from '../../src/contract/expected-outcomes.js';
import type { CaseRequest } from '../../src/contract/types.js';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../../src/contract/wire.js';
import { InputError } from '../../src/errors/input-error.js';
import { createDeploymentArbitraries } from '../../src/generators/create-deployment-arbitraries.js';
import { resolveTarget } from '../../src/targets/resolve-target.js';
import { DEFAULT_WORLD } from '../../src/world/default-world.js';

// Every OpsWorksClient.send in this file is intercepted: nothing reaches the network, and the
// credential chain is never consulted.
const opsworks = mockClient(OpsWorksClient);
afterEach(() => opsworks.reset());

const world = DEFAULT_WORLD;
const headers = { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': CREATE_DEPLOYMENT_TARGET };
const stack = world.stacks[0];
if (stack === undefined) throw new Error('default world has no stack');
const valid: CaseRequest = { headers, body: { StackId: stack.StackId, Command: { Name: 'setup' } } };
const base = { world, timeoutMs: 10_000, concurrency: 2, cwd: process.cwd() };

const mayDeploy = (body: unknown): boolean =>
  expectedOutcomes({ headers, body }, world).allowed.includes('success');

describe('the real-AWS gate', () => {
  it('without --allow-deployments, no request that may succeed leaves the process, even if sent anyway', async () => {
    opsworks
      .on(CreateDeploymentCommand)
      .rejects(
        Object.assign(new Error('no'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }),
      );
    const target = await resolveTarget('aws:us-east-1', base);
    expect(target.name).toBe('aws:us-east-1');
    const { all } = createDeploymentArbitraries(world, { bigValues: false, nulls: false });
    let heldBack = 0;
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(all, async ({ request }) => {
        const reason = target.cannotExpress(request);
        if (reason?.startsWith('real-AWS gate') === true) heldBack++;
        // A careless caller sends regardless; the gate must hold in send() as well.
        const exchange = await target.send(request);
        if (reason === undefined) {
          sent++;
          expect(exchange.kind).toBe('object');
        } else expect(exchange).toMatchObject({ kind: 'transport-error', message: /^not sent/ });
      }),
      { numRuns: 300, seed: 11 },
    );
    const inputs = opsworks.commandCalls(CreateDeploymentCommand).map((c) => c.args[0].input);
    expect(inputs.length).toBe(sent);
    expect(inputs.filter(mayDeploy)).toEqual([]);
    expect(heldBack).toBeGreaterThan(50);
    expect(sent).toBeGreaterThan(20);
    await target.close();
  });

  it('holds back a plainly valid request on every route to an AWS host', async () => {
    for (const spec of [
      'aws:eu-west-1',
      'sdk:https://opsworks.us-east-1.amazonaws.com',
      'https://opsworks.us-east-1.amazonaws.com',
    ]) {
      const target = await resolveTarget(spec, base);
      expect(target.cannotExpress(valid)).toMatch(/^real-AWS gate/);
      expect(await target.send(valid)).toMatchObject({
        kind: 'transport-error',
        reason: 'other',
        message: /not sent: real-AWS gate/,
      });
      await target.close();
    }
    expect(opsworks.commandCalls(CreateDeploymentCommand)).toHaveLength(0);
  });

  it('does not gate local endpoints', async () => {
    const target = await resolveTarget('sdk:http://127.0.0.1:1', base);
    expect(target.cannotExpress(valid)).toBeUndefined();
    await target.close();
  });

  it('--allow-deployments needs --world', async () => {
    for (const spec of ['aws:us-east-1', 'https://opsworks.us-east-1.amazonaws.com']) {
      const error = await resolveTarget(spec, { ...base, allowDeployments: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toBe(
        '--allow-deployments needs --world naming a sandbox stack you own',
      );
    }
  });

  it('with --allow-deployments and --world, valid requests are sent, after a warning', async () => {
    opsworks.on(CreateDeploymentCommand).resolves({ DeploymentId: 'real-1' });
    const target = await resolveTarget('aws:us-east-1', {
      ...base,
      allowDeployments: true,
      worldGiven: true,
    });
    expect(target.warnings?.[0]).toMatch(/real deployments/);
    expect(target.cannotExpress(valid)).toBeUndefined();
    expect(await target.send(valid)).toMatchObject({
      classification: { outcome: 'success', deploymentId: 'real-1' },
    });
    expect(opsworks.commandCalls(CreateDeploymentCommand)).toHaveLength(1);
    await target.close();
  });

  it('refuses a region that is not one', async () => {
    await expect(resolveTarget('aws:not a region', base)).rejects.toThrow(/not an AWS region/);
  });
});
