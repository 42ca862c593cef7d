import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRequest } from '../../src/contract/types.js';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../../src/contract/wire.js';
import { createDoubleHandlers } from '../../src/double/create-double-handlers.js';
import { InputError } from '../../src/errors/input-error.js';
import { createMswTarget } from '../../src/targets/create-msw-target.js';
import { resolveTarget } from '../../src/targets/resolve-target.js';
import { DEFAULT_WORLD } from '../../src/world/default-world.js';

const headers = { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': CREATE_DEPLOYMENT_TARGET };
const stack = DEFAULT_WORLD.stacks[0];
if (stack === undefined) throw new Error('default world has no stack');
const valid: CaseRequest = { headers, body: { StackId: stack.StackId, Command: { Name: 'setup' } } };
const AWS = 'https://opsworks.us-east-1.amazonaws.com/';

describe('createMswTarget', () => {
  it('runs the reference double handlers through getResponse, reading back too', async () => {
    const target = createMswTarget({
      handlers: createDoubleHandlers({ world: DEFAULT_WORLD }),
      timeoutMs: 10_000,
      readBack: true,
    });
    const exchange = await target.send(valid);
    if (exchange.kind !== 'wire') throw new Error(JSON.stringify(exchange));
    expect(exchange.classification.outcome).toBe('success');
    const id = exchange.classification.deploymentId ?? '';
    expect(await target.describeDeployments?.([id])).toEqual([expect.objectContaining({ DeploymentId: id })]);
    const raw = await target.send({ headers, rawBody: '{"StackId": ' });
    expect(raw.kind === 'wire' && raw.classification.outcome).toBe('SerializationException');
  });

  it('passes the exact method, URL, headers and bytes to the handler', async () => {
    const seen: Array<{
      method: string;
      url: string;
      type: string | null;
      length: string | null;
      body: string;
    }> = [];
    const handlers = [
      http.all('*', async ({ request }) => {
        seen.push({
          method: request.method,
          url: request.url,
          type: request.headers.get('x-amz-target'),
          length: request.headers.get('content-length'),
          body: Buffer.from(await request.arrayBuffer()).toString('hex'),
        });
        return HttpResponse.json({ DeploymentId: 'x' });
      }),
    ];
    const target = createMswTarget({ handlers, timeoutMs: 10_000 });
    await target.send({ headers, rawBody: '/+8A', rawBodyEncoding: 'base64' });
    await target.send({ method: 'PUT', path: '/p?q=1', headers: {}, rawBody: 'é' });
    expect(seen).toEqual([
      { method: 'POST', url: AWS, type: CREATE_DEPLOYMENT_TARGET, length: '3', body: 'ffef00' },
      { method: 'PUT', url: `${AWS}p?q=1`, type: null, length: '2', body: 'c3a9' },
    ]);
  });

  it('reports no matching handler, a throwing handler, a network error and a hang as transport errors', async () => {
    const none = createMswTarget({
      handlers: [http.get('https://elsewhere.test/', () => HttpResponse.text(''))],
      timeoutMs: 500,
    });
    expect(await none.send(valid)).toMatchObject({
      kind: 'transport-error',
      reason: 'other',
      message: /no msw handler matched POST/,
    });
    const throwing = createMswTarget({
      handlers: [
        http.post('*', () => {
          throw new Error('handler bug');
        }),
      ],
      timeoutMs: 500,
    });
    expect(await throwing.send(valid)).toMatchObject({
      kind: 'transport-error',
      message: /handler threw.*handler bug/,
    });
    const networkError = createMswTarget({
      handlers: [http.post('*', () => HttpResponse.error())],
      timeoutMs: 500,
    });
    expect(await networkError.send(valid)).toMatchObject({
      kind: 'transport-error',
      message: /network error/,
    });
    const hang = createMswTarget({
      handlers: [http.post('*', () => new Promise<never>(() => {}))],
      timeoutMs: 200,
    });
    expect(await hang.send(valid)).toMatchObject({ kind: 'transport-error', reason: 'timeout' });
  });

  it('cuts a large body at the cap', async () => {
    const target = createMswTarget({
      handlers: [http.post('*', () => HttpResponse.text('a'.repeat(3 * 1024 * 1024)))],
      timeoutMs: 10_000,
      bodyCapBytes: 1024,
    });
    const exchange = await target.send(valid);
    if (exchange.kind !== 'wire') throw new Error(JSON.stringify(exchange));
    expect(exchange.response.truncated).toBe(true);
    expect(String(exchange.response.body).length).toBe(1024);
  });

  it('skips what a Fetch Request cannot carry', () => {
    const target = createMswTarget({ handlers: [], timeoutMs: 100 });
    expect(target.cannotExpress({ method: 'GET', headers: {}, rawBody: 'x' })).toMatch(/GET/);
    expect(target.cannotExpress({ method: 'TRACE', headers: {} })).toMatch(/TRACE/);
    expect(target.cannotExpress(valid)).toBeUndefined();
  });

  it('skips methods the handlers declare no route for, instead of calling them unanswered', async () => {
    const { http, HttpResponse } = await import('msw');
    const postOnly = createMswTarget({
      handlers: [http.post('https://opsworks.us-east-1.amazonaws.com/', () => HttpResponse.json({}))],
      timeoutMs: 100,
    });
    expect(postOnly.cannotExpress({ ...valid, method: 'PUT' })).toMatch(/no PUT route/);
    expect(postOnly.cannotExpress(valid)).toBeUndefined();
    const any = createMswTarget({
      handlers: [http.all('https://opsworks.us-east-1.amazonaws.com/', () => HttpResponse.json({}))],
      timeoutMs: 100,
    });
    expect(any.cannotExpress({ ...valid, method: 'PUT' })).toBeUndefined();
  });
});

describe('msw:PATH modules', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'msw-target-'));
    await writeFile(
      join(dir, 'handlers.mjs'),
      [
        "import { http, HttpResponse } from 'msw';",
        "export const endpoint = 'http://localhost:4566';",
        "export const handlers = [http.post('http://localhost:4566/', () => HttpResponse.json({ DeploymentId: 'u-1' }, { headers: { 'x-amzn-requestid': 'r' } }))];",
        '',
      ].join('\n'),
    );
    await writeFile(join(dir, 'none.mjs'), 'export const other = [];\n');
    await writeFile(join(dir, 'notarray.mjs'), 'export const handlers = {};\n');
    await writeFile(join(dir, 'junk.mjs'), 'export const handlers = [1];\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const resolve = (spec: string) =>
    resolveTarget(spec, { world: DEFAULT_WORLD, timeoutMs: 10_000, concurrency: 1, cwd: dir });

  it('runs user handlers on the endpoint the module names', async () => {
    const target = await resolve('msw:handlers.mjs');
    expect(target.capabilities.wire).toBe(true);
    expect(await target.send(valid)).toMatchObject({
      kind: 'wire',
      classification: { outcome: 'success', deploymentId: 'u-1' },
    });
  });

  it.each([
    ['msw:./missing.mjs', /no such file/],
    ['msw:./none.mjs', /exports no `handlers`/],
    ['msw:./notarray.mjs', /`handlers` is object/],
    ['msw:./junk.mjs', /handlers\[0\] is not an msw request handler/],
  ])('%s is one InputError line', async (spec, message) => {
    const error = await resolve(spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
  });
});
