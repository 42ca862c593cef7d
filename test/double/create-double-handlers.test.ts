import { CreateDeploymentCommand, OpsWorksClient } from '@aws-sdk/client-opsworks';
import { getResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDoubleState } from '../../src/double/core/double-state.js';
import { createDoubleHandlers } from '../../src/double/create-double-handlers.js';
import { loadDefaultWorld } from '../../src/world/load-world.js';
import { sdkConformance } from './sdk-conformance.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' };
const world = loadDefaultWorld();
const stackId = world.stacks[0]?.StackId as string;

describe('createDoubleHandlers in setupServer with @aws-sdk/client-opsworks', () => {
  const state = createDoubleState(world);
  const server = setupServer(...createDoubleHandlers({ state, endpoint: 'http://opsworks.test:4566' }));
  const client = new OpsWorksClient({ region: 'us-east-1', credentials, maxAttempts: 1 });
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => {
    client.destroy();
    server.close();
  });

  sdkConformance(() => client);

  it('records deployments in the shared state', () => {
    expect(state.deployments.size).toBeGreaterThan(0);
  });

  it('answers on another region and on the custom endpoint', async () => {
    for (const options of [
      { region: 'eu-west-1' },
      { region: 'us-east-1', endpoint: 'http://opsworks.test:4566' },
    ]) {
      const other = new OpsWorksClient({ ...options, credentials, maxAttempts: 1 });
      const out = await other.send(
        new CreateDeploymentCommand({ StackId: stackId, Command: { Name: 'setup' } }),
      );
      expect(out.DeploymentId).toBeTruthy();
      other.destroy();
    }
  });
});

describe('createDoubleHandlers with getResponse', () => {
  const handlers = createDoubleHandlers();
  const request = (target: string, body: string, url = 'https://opsworks.us-west-2.amazonaws.com/') =>
    new Request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
      body,
    });

  it('answers CreateDeployment without a server', async () => {
    const res = await getResponse(
      handlers,
      request(
        'OpsWorks_20130218.CreateDeployment',
        JSON.stringify({ StackId: stackId, Command: { Name: 'setup' } }),
      ),
    );
    expect(res?.status).toBe(200);
    expect(res?.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(res?.headers.get('x-amzn-requestid')).toBeTruthy();
    expect(((await res?.json()) as { DeploymentId?: string } | undefined)?.DeploymentId).toMatch(
      /^[0-9a-f-]{36}$/,
    );
  });

  it('answers an OpsWorks operation it does not implement with UnknownOperationException', async () => {
    const res = await getResponse(handlers, request('OpsWorks_20130218.DeleteStack', '{"StackId":"x"}'));
    expect(res?.status).toBe(400);
    expect(((await res?.json()) as { __type?: string } | undefined)?.__type).toBe(
      'UnknownOperationException',
    );
  });

  it('leaves other hosts alone', async () => {
    const res = await getResponse(
      handlers,
      request('OpsWorks_20130218.CreateDeployment', '{}', 'https://example.com/'),
    );
    expect(res).toBeUndefined();
  });
});
