import { OpsWorksClient } from '@aws-sdk/client-opsworks';
import { setupServer } from 'msw/node';
import { createDoubleHandlers, createDoubleState, loadDefaultWorld } from 'opsworks-contract';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deployApp } from './deploy-app.js';

// The reference double stands in for OpsWorks: same validation, same error classes, same IDs.
const world = loadDefaultWorld();
const stack = world.stacks[0];
const state = createDoubleState(world);
const server = setupServer(...createDoubleHandlers({ state }));
const client = new OpsWorksClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
});

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => {
  client.destroy();
  server.close();
});

it('deploys the app and the double records what was sent', async () => {
  const result = await deployApp(client, stack?.StackId ?? '', stack?.AppIds[0]);
  expect(result).toMatch(/^started [0-9a-f-]{36}$/);
  const deployment = state.deployments.get(result.slice('started '.length));
  expect(deployment?.Command).toEqual({ Name: 'deploy', Args: { migrate: ['true'] } });
  expect(deployment?.Comment).toBe('deployed by the pipeline');
});

it('reports the refusal when the app is missing', async () => {
  expect(await deployApp(client, stack?.StackId ?? '', undefined)).toMatch(/^refused: /);
});
