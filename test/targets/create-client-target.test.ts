import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateDeploymentCommand,
  OpsWorksClient,
  ResourceNotFoundException,
  ValidationException,
} from '@aws-sdk/client-opsworks';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRequest } from '../../src/contract/types.js';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../../src/contract/wire.js';
import { InputError } from '../../src/errors/input-error.js';
import { createClientTarget } from '../../src/targets/create-client-target.js';
import { resolveTarget } from '../../src/targets/resolve-target.js';

const headers = { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': CREATE_DEPLOYMENT_TARGET };
const request: CaseRequest = { headers, body: { StackId: 's-1', Command: { Name: 'setup' } } };
const opsworks = mockClient(OpsWorksClient);
afterEach(() => opsworks.reset());

describe('createClientTarget with aws-sdk-client-mock', () => {
  it('hands the body to send as a CreateDeploymentCommand and reads a resolved value as success', async () => {
    opsworks.on(CreateDeploymentCommand).resolves({ DeploymentId: 'd-1' });
    const target = createClientTarget({ client: new OpsWorksClient({}), timeoutMs: 10_000 });
    const exchange = await target.send(request);
    expect(exchange).toMatchObject({
      kind: 'object',
      classification: { outcome: 'success', status: 0, deploymentId: 'd-1' },
      result: { DeploymentId: 'd-1' },
    });
    expect(opsworks.commandCalls(CreateDeploymentCommand)[0]?.args[0].input).toEqual(request.body);
  });

  it('keeps a resolved value without a DeploymentId visible for the shape check', async () => {
    opsworks.on(CreateDeploymentCommand).resolves({});
    const exchange = await createClientTarget({ client: new OpsWorksClient({}), timeoutMs: 10_000 }).send(
      request,
    );
    expect(exchange).toMatchObject({ kind: 'object', classification: { outcome: 'success' }, result: {} });
    expect(exchange.kind === 'object' && exchange.classification.deploymentId).toBeUndefined();
  });

  it('reads thrown SDK exceptions by name and $metadata status', async () => {
    const target = createClientTarget({ client: new OpsWorksClient({}), timeoutMs: 10_000 });
    opsworks
      .on(CreateDeploymentCommand)
      .rejectsOnce(new ValidationException({ message: 'bad', $metadata: { httpStatusCode: 400 } }))
      .rejectsOnce(new ResourceNotFoundException({ message: 'nf', $metadata: {} }))
      .rejectsOnce(new Error('boom'));
    expect(await target.send(request)).toMatchObject({
      classification: { outcome: 'ValidationException', status: 400, message: 'bad' },
    });
    expect(await target.send(request)).toMatchObject({
      classification: { outcome: 'ResourceNotFoundException', status: 0 },
    });
    expect(await target.send(request)).toMatchObject({
      kind: 'object',
      classification: { outcome: 'unrecognized', message: 'send threw Error: boom' },
    });
  });

  it('reads a custom-named error as that error type, even without $metadata', async () => {
    const client = {
      send: async () => {
        throw Object.assign(new Error('x'), { name: 'SerializationException' });
      },
    };
    expect(await createClientTarget({ client, timeoutMs: 10_000 }).send(request)).toMatchObject({
      classification: { outcome: 'SerializationException', status: 0 },
    });
  });

  it('ends a send that never settles at the timeout, and one that throws synchronously as an answer', async () => {
    const hanging = createClientTarget({ client: { send: () => new Promise(() => {}) }, timeoutMs: 200 });
    expect(await hanging.send(request)).toMatchObject({ kind: 'transport-error', reason: 'timeout' });
    const throwing = createClientTarget({
      client: {
        send: () => {
          throw new TypeError('not a function');
        },
      },
      timeoutMs: 200,
    });
    expect(await throwing.send(request)).toMatchObject({
      kind: 'object',
      classification: { outcome: 'unrecognized' },
    });
  });

  it('survives a hostile mock: thrown or resolved Proxies whose every read throws', async () => {
    const trap = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
      },
    );
    const throwsProxy = createClientTarget({
      client: {
        send: async () => {
          throw trap;
        },
      },
      timeoutMs: 500,
    });
    expect(await throwsProxy.send(request)).toMatchObject({
      kind: 'object',
      classification: { outcome: 'unrecognized' },
    });
    // Resolving with a Proxy reads its `then`, which throws: the promise rejects with that error.
    const resolvesProxy = createClientTarget({ client: { send: async () => trap }, timeoutMs: 500 });
    expect(await resolvesProxy.send(request)).toMatchObject({
      kind: 'object',
      classification: { outcome: 'unrecognized' },
    });
  });

  it('skips what an SDK caller could not send (nulls, raw bodies, chosen headers)', () => {
    const target = createClientTarget({ client: new OpsWorksClient({}), timeoutMs: 10_000 });
    expect(target.capabilities).toEqual({ wire: false, nulls: false, readBack: false });
    expect(target.cannotExpress({ headers, body: { StackId: null } })).toMatch(/null/);
    expect(target.cannotExpress({ headers, rawBody: '{' })).toMatch(/raw body/);
  });
});

describe('client:PATH modules', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'client-target-'));
    await writeFile(
      join(dir, 'good.mjs'),
      'export const client = { send: async () => ({ DeploymentId: "m-1" }) };\n',
    );
    await writeFile(join(dir, 'none.mjs'), 'export const other = 1;\n');
    await writeFile(join(dir, 'nosend.mjs'), 'export const client = { send: 1 };\n');
    await writeFile(join(dir, 'broken.mjs'), 'export const client = {;\n');
    await writeFile(join(dir, 'throws.mjs'), 'throw new Error("cannot start\\nsecond line");\n');
    await writeFile(
      join(dir, 'proxy.mjs'),
      'export const client = new Proxy({}, { get() { throw new Error("trap") } });\n',
    );
    await writeFile(
      join(dir, 'throwsproxy.mjs'),
      'throw new Proxy({}, { get() { throw new Error("trap") } });\n',
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const resolve = (spec: string) =>
    resolveTarget(spec, { world: { stacks: [] }, timeoutMs: 10_000, concurrency: 1, cwd: dir });

  it('loads a module relative to cwd and sends through its client', async () => {
    const target = await resolve('client:./good.mjs');
    expect(target.name).toBe('client:./good.mjs');
    expect(await target.send(request)).toMatchObject({
      classification: { outcome: 'success', deploymentId: 'm-1' },
    });
  });

  it.each([
    ['client:./missing.mjs', /no such file/],
    ['client:./none.mjs', /exports no `client`/],
    ['client:./nosend.mjs', /`client.send` is not a function/],
    ['client:./broken.mjs', /cannot import .*(SyntaxError|syntax)/],
    ['client:./throws.mjs', /cannot import .*cannot start/],
    ['client:.', /not a file/],
    ['client:./proxy.mjs', /reading the module's exports threw Error: trap/],
    ['client:./throwsproxy.mjs', /cannot import .*cannot be read/],
    ['client:', /no module path/],
  ])('%s is one InputError line', async (spec, message) => {
    const error = await resolve(spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });
});
