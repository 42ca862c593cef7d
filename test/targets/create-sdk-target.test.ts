import { getEventListeners } from 'node:events';
import * as fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseRequest } from '../../src/contract/types.js';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../../src/contract/wire.js';
import { type ServedDouble, serveDouble } from '../../src/double/serve-double.js';
import { createDeploymentArbitraries } from '../../src/generators/create-deployment-arbitraries.js';
import { cannotExpressThroughSdk, whyNotExpressible } from '../../src/targets/cannot-express-through-sdk.js';
import { createSdkTarget, PLACEHOLDER_CREDENTIALS } from '../../src/targets/create-sdk-target.js';
import type { Exchange, Target } from '../../src/targets/target.js';
import { DEFAULT_WORLD } from '../../src/world/default-world.js';
import { closedPort, httpServer, type LoopbackServer, rawAnswer, rawServer } from './loopback-servers.js';
import { waitUntil } from './wait-until.js';

const headers = { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': CREATE_DEPLOYMENT_TARGET };
const stack = DEFAULT_WORLD.stacks[0];
if (stack === undefined) throw new Error('default world has no stack');
const valid: CaseRequest = { headers, body: { StackId: stack.StackId, Command: { Name: 'setup' } } };

function sdkTarget(url: string, extra: { timeoutMs?: number; readBack?: boolean } = {}): Target {
  const t = createSdkTarget({
    name: `sdk:${url}`,
    endpoint: url,
    region: 'us-east-1',
    timeoutMs: extra.timeoutMs ?? 5000,
    concurrency: 2,
    credentials: PLACEHOLDER_CREDENTIALS,
    ...(extra.readBack === true ? { readBack: true } : {}),
  });
  cleanups.push(() => t.close());
  return t;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('createSdkTarget against the served double', () => {
  let served: ServedDouble;
  beforeAll(async () => {
    served = await serveDouble({ world: DEFAULT_WORLD });
  });
  afterAll(async () => {
    await served.close();
  });

  it('reads a success with its DeploymentId, and reads it back through DescribeDeployments', async () => {
    const t = sdkTarget(served.url, { readBack: true });
    const exchange = await t.send(valid);
    if (exchange.kind !== 'object') throw new Error(JSON.stringify(exchange));
    expect(exchange.classification).toMatchObject({ outcome: 'success', status: 200 });
    const id = exchange.classification.deploymentId ?? '';
    expect(exchange.result).toEqual({ DeploymentId: id });
    expect(await t.describeDeployments?.([id])).toEqual([
      expect.objectContaining({ DeploymentId: id, StackId: stack.StackId }),
    ]);
  });

  it('reads errors by the exception name and HTTP status, as an SDK caller sees them', async () => {
    const t = sdkTarget(served.url);
    const unknownStack = await t.send({
      headers,
      body: { StackId: '00000000-0000-4000-8000-000000000000', Command: { Name: 'setup' } },
    });
    expect(unknownStack).toMatchObject({
      kind: 'object',
      classification: { outcome: 'ResourceNotFoundException', status: 400 },
    });
    const missing = await t.send({ headers, body: { Command: { Name: 'setup' } } });
    expect(missing).toMatchObject({
      kind: 'object',
      classification: { outcome: 'ValidationException', status: 400 },
    });
    // A number StackId is sent as a number by the SDK, so the double sees a type error.
    const wrongType = await t.send({ headers, body: { StackId: 5, Command: { Name: 'setup' } } });
    expect(wrongType).toMatchObject({
      kind: 'object',
      classification: { outcome: 'SerializationException' },
    });
  });
});

describe('createSdkTarget: what it can express', () => {
  it('declares object-level capabilities', () => {
    expect(sdkTarget('http://127.0.0.1:1').capabilities).toEqual({
      wire: false,
      nulls: false,
      readBack: false,
    });
  });

  it.each<[string, CaseRequest, RegExp]>([
    ['raw bodies', { headers, rawBody: '{}' }, /raw body/],
    ['other methods', { method: 'PUT', headers, body: {} }, /POST/],
    ['other paths', { path: '/x', headers, body: {} }, /\/x/],
    ['a missing target header', { headers: { 'content-type': JSON_CONTENT_TYPE }, body: {} }, /x-amz-target/],
    [
      'a charset parameter',
      { headers: { ...headers, 'content-type': `${JSON_CONTENT_TYPE}; charset=utf-8` }, body: {} },
      /content-type/,
    ],
    ['extra headers', { headers: { ...headers, 'x-extra': '1' }, body: {} }, /x-extra/],
    ['null members', { headers, body: { StackId: null } }, /\$\.StackId is null/],
    ['null list items', { headers, body: { InstanceIds: ['a', null] } }, /\$\.InstanceIds\[1\] is null/],
    ['non-object bodies', { headers, body: [1] }, /not a JSON object/],
    ['no body', { headers }, /JSON object body/],
    ['a __proto__ member', { headers, body: JSON.parse('{"__proto__": {"a": 1}}') }, /__proto__/],
  ])('refuses %s', (_what, request, reason) => {
    expect(cannotExpressThroughSdk(request)).toMatch(reason);
  });

  it('answers as the full check does, fast path or not, for every kind of generated request', () => {
    const arbitraries = createDeploymentArbitraries(DEFAULT_WORLD, { bigValues: false });
    let expressible = 0;
    for (const c of fc.sample(arbitraries.all, { seed: 17, numRuns: 3000 })) {
      const why = cannotExpressThroughSdk(c.request);
      expect(why).toBe(whyNotExpressible(c.request));
      if (why === undefined) expressible++;
    }
    // Both kinds are there: requests the SDK sends as they are, and requests it cannot.
    expect(expressible).toBeGreaterThan(300);
    expect(expressible).toBeLessThan(2700);
    const odd: CaseRequest = {
      headers: { ...headers, 'Content-Type': JSON_CONTENT_TYPE },
      body: { a: [1, 'x'] },
    };
    expect(cannotExpressThroughSdk(odd)).toBe(whyNotExpressible(odd));
  });

  it('expresses wrong JSON types and unknown members, which the SDK passes through', () => {
    expect(
      cannotExpressThroughSdk({ headers, body: { StackId: 5, Command: 'x', Extra: { a: [1] } } }),
    ).toBeUndefined();
  });

  it('sends exactly JSON.stringify(body) for every request it says it can express', async () => {
    const seen: string[] = [];
    const t = createSdkTarget({
      name: 'sdk:recorded',
      endpoint: 'http://127.0.0.1:1',
      region: 'us-east-1',
      timeoutMs: 10_000,
      concurrency: 1,
      credentials: PLACEHOLDER_CREDENTIALS,
      requestHandler: {
        handle: async (request: { body?: unknown }) => {
          seen.push(String(request.body));
          return {
            response: {
              statusCode: 200,
              headers: { 'content-type': JSON_CONTENT_TYPE },
              body: Buffer.from('{"DeploymentId":"d"}'),
            },
          };
        },
      } as never,
    });
    cleanups.push(() => t.close());
    const arbitraries = createDeploymentArbitraries(DEFAULT_WORLD, {
      bigValues: false,
      nulls: false,
      wire: false,
    });
    const anyObject = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), {
      maxKeys: 5,
    });
    const requests = fc.oneof(
      arbitraries.all.map((c) => c.request),
      anyObject.map((body): CaseRequest => ({ headers, body })),
    );
    let expressed = 0;
    await fc.assert(
      fc.asyncProperty(requests, async (request) => {
        if (t.cannotExpress(request) !== undefined) return;
        expressed++;
        seen.length = 0;
        await t.send(request);
        expect(seen).toEqual([JSON.stringify(request.body)]);
      }),
      { numRuns: 150, seed: 7 },
    );
    expect(expressed).toBeGreaterThan(50);
  });
});

describe('createSdkTarget: failures', () => {
  const servers: LoopbackServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
  });
  async function keep<S extends LoopbackServer>(p: Promise<S>): Promise<S> {
    const s = await p;
    servers.push(s);
    return s;
  }
  const reasonOf = (e: Exchange): string => (e.kind === 'transport-error' ? e.reason : `answer ${e.kind}`);

  it('refused: nothing listens', async () => {
    const port = await closedPort();
    expect(reasonOf(await sdkTarget(`http://127.0.0.1:${port}`).send(valid))).toBe('refused');
  });

  /** A server that reads what comes and never answers, counting the sockets open to it. */
  async function silentServer(): Promise<{ url: string; open: () => number }> {
    let open = 0;
    const s = await keep(
      rawServer((socket) => {
        open++;
        // Read what comes: the client's FIN is only seen after the request bytes.
        socket.resume();
        socket.on('close', () => open--);
      }),
    );
    return { url: s.url, open: () => open };
  }

  it('timeout: the server never answers, and the deadline lets the socket go', async () => {
    const s = await silentServer();
    // Two at once: each call's deadline must reach its own request (the SDK's stack is cached).
    const t = sdkTarget(s.url, { timeoutMs: 300 });
    const outcomes = await Promise.all([t.send(valid), t.send(valid)]);
    expect(outcomes.map(reasonOf)).toEqual(['timeout', 'timeout']);
    // Keep-alive sockets would stay open for good: only the abort closes them.
    await waitUntil(() => s.open() === 0);
    expect(s.open()).toBe(0);
  });

  it('aborted: the caller aborts calls in flight, with one listener on its signal, and the sockets are let go', async () => {
    const s = await silentServer();
    const t = sdkTarget(s.url, { timeoutMs: 10_000 });
    const controller = new AbortController();
    const pending = [
      t.send(valid, { signal: controller.signal }),
      t.send(valid, { signal: controller.signal }),
    ];
    await waitUntil(() => s.open() === 2);
    expect(getEventListeners(controller.signal, 'abort').length).toBe(1);
    controller.abort();
    expect((await Promise.all(pending)).map(reasonOf)).toEqual(['aborted', 'aborted']);
    await waitUntil(() => s.open() === 0);
    expect(s.open()).toBe(0);
  });

  it('timeout: the server drips the body forever', async () => {
    const s = await keep(
      httpServer((_req, res) => {
        res.writeHead(200, { 'content-type': JSON_CONTENT_TYPE });
        const timer = setInterval(() => res.write(' '), 50);
        res.on('close', () => clearInterval(timer));
      }),
    );
    expect(reasonOf(await sdkTarget(s.url, { timeoutMs: 400 }).send(valid))).toBe('timeout');
  });

  it('reset: the server drops the connection', async () => {
    const s = await keep(rawServer((socket) => socket.once('data', () => socket.resetAndDestroy())));
    expect(reasonOf(await sdkTarget(s.url).send(valid))).toBe('reset');
  });

  it('malformed-http: the server does not speak HTTP', async () => {
    const s = await keep(rawAnswer('garbage\r\n\r\n'));
    expect(reasonOf(await sdkTarget(s.url).send(valid))).toBe('malformed-http');
  });

  it('a 500 without an error type is an answer the SDK cannot read', async () => {
    const s = await keep(
      httpServer((_req, res) => {
        res.writeHead(500);
        res.end();
      }),
    );
    expect(await sdkTarget(s.url).send(valid)).toMatchObject({
      kind: 'object',
      classification: { outcome: 'unrecognized', status: 500 },
    });
  });

  it('a 200 that is not JSON is an answer the SDK cannot read', async () => {
    const s = await keep(
      httpServer((_req, res) => {
        res.writeHead(200, { 'content-type': JSON_CONTENT_TYPE });
        res.end('not json');
      }),
    );
    expect(await sdkTarget(s.url).send(valid)).toMatchObject({
      kind: 'object',
      classification: { outcome: 'unrecognized', status: 200 },
    });
  });

  it('an unmodelled error type keeps the name from the wire', async () => {
    const s = await keep(
      httpServer((_req, res) => {
        res.writeHead(400, { 'content-type': JSON_CONTENT_TYPE });
        res.end('{"__type":"com.amazonaws.opsworks#ThrottlingException","message":"Rate exceeded"}');
      }),
    );
    expect(await sdkTarget(s.url).send(valid)).toMatchObject({
      kind: 'object',
      classification: { outcome: 'ThrottlingException', status: 400, message: 'Rate exceeded' },
    });
  });

  it('does not send what it cannot express', async () => {
    const exchange = await sdkTarget('http://127.0.0.1:1').send({ headers, body: { StackId: null } });
    expect(exchange).toMatchObject({ kind: 'transport-error', reason: 'other', message: /not sent/ });
  });
});
