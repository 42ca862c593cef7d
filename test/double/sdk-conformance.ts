import {
  CreateDeploymentCommand,
  DescribeDeploymentsCommand,
  type OpsWorksClient,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-opsworks';
import { expect, it } from 'vitest';
import { loadDefaultWorld } from '../../src/world/load-world.js';

/**
 * The behaviours a user of the double sees through the real AWS SDK, shared by the server test and
 * the msw test so both wrappers are held to the same answers.
 */
export function sdkConformance(client: () => OpsWorksClient): void {
  const stack = loadDefaultWorld().stacks[0];
  if (stack === undefined) throw new Error('the default world has no stack');
  const app = stack.AppIds[0] as string;

  it('a valid deploy returns a lowercase UUID DeploymentId', async () => {
    const out = await client().send(
      new CreateDeploymentCommand({ StackId: stack.StackId, AppId: app, Command: { Name: 'deploy' } }),
    );
    expect(out.DeploymentId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toBeTruthy();
  });

  it('a deploy without AppId throws the SDK ValidationException class', async () => {
    const error = await client()
      .send(new CreateDeploymentCommand({ StackId: stack.StackId, Command: { Name: 'deploy' } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationException);
    expect((error as ValidationException).$metadata.httpStatusCode).toBe(400);
  });

  it('an unknown stack throws ResourceNotFoundException naming it', async () => {
    const error = await client()
      .send(new CreateDeploymentCommand({ StackId: 'fake_stack', Command: { Name: 'setup' } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as Error).message).toBe('Unable to find stack with ID fake_stack');
  });

  it('DescribeDeployments reads back exactly what was sent', async () => {
    const sent = {
      StackId: stack.StackId,
      AppId: app,
      InstanceIds: [stack.InstanceIds[0] as string],
      Command: { Name: 'deploy' as const, Args: { migrate: ['true'] } },
      Comment: 'release 42 — ünïcode',
      CustomJson: '{"key1": "value1", "nested": {"n": [1, 2]}}',
    };
    const { DeploymentId } = await client().send(new CreateDeploymentCommand(sent));
    const { Deployments } = await client().send(
      new DescribeDeploymentsCommand({ DeploymentIds: [DeploymentId as string] }),
    );
    expect(Deployments).toHaveLength(1);
    const d = Deployments?.[0];
    expect(d).toMatchObject({ DeploymentId, ...sent, Status: 'successful' });
    expect(d?.CreatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
  });

  it('DescribeDeployments gives Args {} and the stack instances when none were sent', async () => {
    const { DeploymentId } = await client().send(
      new CreateDeploymentCommand({ StackId: stack.StackId, Command: { Name: 'configure' } }),
    );
    const { Deployments } = await client().send(
      new DescribeDeploymentsCommand({ DeploymentIds: [DeploymentId as string] }),
    );
    expect(Deployments?.[0]?.Command).toEqual({ Name: 'configure', Args: {} });
    expect(Deployments?.[0]?.InstanceIds).toEqual(stack.InstanceIds);
  });

  it('DescribeDeployments of an unknown deployment throws ResourceNotFoundException', async () => {
    const error = await client()
      .send(new DescribeDeploymentsCommand({ DeploymentIds: ['00000000-0000-4000-8000-000000000000'] }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });
}
