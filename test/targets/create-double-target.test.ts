import { describe, expect, it } from 'vitest';
import type { CaseRequest, World } from '../../src/contract/types.js';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../../src/contract/wire.js';
import { createDoubleTarget } from '../../src/targets/create-double-target.js';

const STACK = '11111111-1111-4111-8111-111111111111';
const APP = '22222222-2222-4222-8222-222222222222';
const world: World = { stacks: [{ StackId: STACK, AppIds: [APP], LayerIds: [], InstanceIds: [] }] };
const headers = { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': CREATE_DEPLOYMENT_TARGET };

describe('createDoubleTarget', () => {
  it('creates a deployment and reads it back with what was sent', async () => {
    const target = createDoubleTarget({ world });
    const request: CaseRequest = {
      headers,
      body: { StackId: STACK, AppId: APP, Command: { Name: 'deploy' }, Comment: 'hi' },
    };
    const exchange = await target.send(request);
    if (exchange.kind !== 'wire') throw new Error(exchange.kind);
    expect(exchange.classification.outcome).toBe('success');
    const id = exchange.classification.deploymentId;
    expect(typeof id).toBe('string');
    const deployments = await target.describeDeployments?.([id ?? '']);
    expect(deployments).toEqual([
      expect.objectContaining({ DeploymentId: id, StackId: STACK, Comment: 'hi' }),
    ]);
  });

  it('answers an unknown stack with ResourceNotFoundException', async () => {
    const exchange = await createDoubleTarget({ world }).send({
      headers,
      body: { StackId: '99999999-9999-4999-8999-999999999999', Command: { Name: 'setup' } },
    });
    expect(exchange.kind === 'wire' && exchange.classification.outcome).toBe('ResourceNotFoundException');
  });

  it('expresses every case: raw bodies, odd methods and nulls reach the double', async () => {
    const target = createDoubleTarget({ world });
    expect(target.capabilities).toEqual({ wire: true, nulls: true, readBack: true });
    expect(target.cannotExpress({ method: 'GET', headers: {}, rawBody: 'x' })).toBeUndefined();
    const raw = await target.send({ headers, rawBody: '{"StackId": ' });
    expect(raw.kind === 'wire' && raw.classification.outcome).toBe('SerializationException');
    const nullStack = await target.send({ headers, body: { StackId: null, Command: { Name: 'setup' } } });
    expect(nullStack.kind === 'wire' && nullStack.classification.outcome).toBe('ValidationException');
    const bytes = await target.send({ headers, rawBody: '/w==', rawBodyEncoding: 'base64' });
    expect(bytes.kind === 'wire' && bytes.response.status).toBe(400);
  });

  it('does not send once the caller has aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const exchange = await createDoubleTarget({ world }).send(
      { headers, body: {} },
      { signal: controller.signal },
    );
    expect(exchange).toMatchObject({ kind: 'transport-error', reason: 'aborted' });
  });
});
