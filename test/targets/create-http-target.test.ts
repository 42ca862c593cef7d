import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseRequest } from '../../src/contract/types.js';
import { CREATE_DEPLOYMENT_TARGET, JSON_CONTENT_TYPE } from '../../src/contract/wire.js';
import { InputError } from '../../src/errors/input-error.js';
import { createHttpTarget, type HttpTargetOptions } from '../../src/targets/create-http-target.js';
import { createRequestSigner } from '../../src/targets/create-request-signer.js';
import type { Exchange, Target } from '../../src/targets/target.js';
import {
  closedPort,
  httpServer,
  type LoopbackServer,
  rawAnswer,
  rawServer,
  recordingServer,
} from './loopback-servers.js';

const headers = { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': CREATE_DEPLOYMENT_TARGET };
const request: CaseRequest = { headers, body: { StackId: 's-1', Command: { Name: 'setup' } } };

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function target(server: { url: string }, timeoutMs = 5000, extra: { bodyCapBytes?: number } = {}): Target {
  const t = createHttpTarget({ url: server.url, timeoutMs, concurrency: 2, ...extra });
  cleanups.push(() => t.close());
  return t;
}

async function serve<S extends LoopbackServer>(s: Promise<S>): Promise<S> {
  const server = await s;
  cleanups.push(() => server.close());
  return server;
}

function transport(e: Exchange): { reason: string; message: string } {
  if (e.kind !== 'transport-error') throw new Error(`expected a transport error, got ${JSON.stringify(e)}`);
  return { reason: e.reason, message: e.message };
}

describe('createHttpTarget: what goes on the wire', () => {
  it('sends the method, path, headers and JSON body exactly, with a correct content-length', async () => {
    const server = await serve(recordingServer());
    const exchange = await target(server).send({
      ...request,
      body: { StackId: 'é', Command: { Name: 'setup' } },
    });
    expect(exchange.kind).toBe('wire');
    const r = server.received[0];
    expect(r?.method).toBe('POST');
    expect(r?.url).toBe('/');
    expect(r?.headers['x-amz-target']).toBe(CREATE_DEPLOYMENT_TARGET);
    expect(r?.headers['content-type']).toBe(JSON_CONTENT_TYPE);
    expect(r?.body.toString('utf8')).toBe('{"StackId":"é","Command":{"Name":"setup"}}');
    expect(r?.headers['content-length']).toBe(String(r?.body.byteLength));
  });

  it('sends raw text and base64 bytes unchanged, and odd methods and paths as given', async () => {
    const server = await serve(recordingServer());
    const t = target(server);
    await t.send({ headers, rawBody: '{"StackId": ' });
    await t.send({
      headers,
      rawBody: Buffer.from([0xff, 0xfe, 0x00, 0x41]).toString('base64'),
      rawBodyEncoding: 'base64',
    });
    await t.send({ method: 'PUT', path: '/other?x=1', headers: { 'x-custom': 'v' } });
    expect(server.received.map((r) => r.body.toString('hex'))).toEqual([
      Buffer.from('{"StackId": ').toString('hex'),
      'fffe0041',
      '',
    ]);
    expect(server.received[2]).toMatchObject({
      method: 'PUT',
      url: '/other?x=1',
      headers: { 'x-custom': 'v' },
    });
    expect(server.received[2]?.headers['content-length']).toBe('0');
  });

  it('sends a host header the case carries as given', async () => {
    const server = await serve(recordingServer());
    await target(server).send({ headers: { ...headers, host: 'opsworks.example' }, body: {} });
    expect(server.received[0]?.headers.host).toBe('opsworks.example');
  });

  it('replaces a content-length the case carries by the true one', async () => {
    const server = await serve(recordingServer());
    await target(server).send({ headers: { ...headers, 'content-length': '999' }, rawBody: 'abc' });
    expect(server.received[0]?.headers['content-length']).toBe('3');
  });

  it('prefixes the base path of the URL and names itself without it trailing', async () => {
    const server = await serve(recordingServer());
    const t = createHttpTarget({ url: `${server.url}/prefix/`, timeoutMs: 5000, concurrency: 1 });
    cleanups.push(() => t.close());
    await t.send(request);
    expect(server.received[0]?.url).toBe('/prefix/');
    expect(t.name).toBe(`${server.url}/prefix`);
  });

  it('refuses to build with credentials in the URL', () => {
    expect(() =>
      createHttpTarget({ url: 'http://user:secret@127.0.0.1:1', timeoutMs: 1, concurrency: 1 }),
    ).toThrow(/credentials/);
  });

  const badNumbers: Array<[string, Partial<HttpTargetOptions>, string]> = [
    ['timeoutMs -1', { timeoutMs: -1 }, 'timeoutMs: expected an integer from 1 to 3600000, got -1'],
    ['timeoutMs 0', { timeoutMs: 0 }, 'timeoutMs: expected an integer from 1 to 3600000, got 0'],
    ['timeoutMs NaN', { timeoutMs: Number.NaN }, 'timeoutMs: expected an integer from 1 to 3600000, got NaN'],
    ['timeoutMs 0.5', { timeoutMs: 0.5 }, 'timeoutMs: expected an integer from 1 to 3600000, got 0.5'],
    ['concurrency 0', { concurrency: 0 }, 'concurrency: expected an integer from 1 to 1024, got 0'],
    [
      'concurrency NaN',
      { concurrency: Number.NaN },
      'concurrency: expected an integer from 1 to 1024, got NaN',
    ],
    [
      'bodyCapBytes -1',
      { bodyCapBytes: -1 },
      'bodyCapBytes: expected an integer from 0 to 1073741824, got -1',
    ],
    [
      'bodyCapBytes 0.5',
      { bodyCapBytes: 0.5 },
      'bodyCapBytes: expected an integer from 0 to 1073741824, got 0.5',
    ],
  ];
  it.each(badNumbers)(
    'refuses %s when made, with one InputError line, not on every send',
    (_, bad, message) => {
      let error: unknown;
      try {
        const t = createHttpTarget({ url: 'http://127.0.0.1:1', timeoutMs: 1000, concurrency: 1, ...bad });
        cleanups.push(() => t.close());
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toBe(`createHttpTarget: ${message}`);
    },
  );

  it('takes the ends of each numeric range', async () => {
    const server = await serve(recordingServer());
    for (const extra of [
      { timeoutMs: 1, concurrency: 1, bodyCapBytes: 0 },
      { timeoutMs: 3_600_000, concurrency: 1024, bodyCapBytes: 1024 * 1024 * 1024 },
    ]) {
      const t = createHttpTarget({ url: server.url, ...extra });
      cleanups.push(() => t.close());
    }
    const t = target(server, 3_600_000, { bodyCapBytes: 0 });
    const exchange = await t.send(request);
    expect(exchange).toMatchObject({ kind: 'wire', response: { status: 200, truncated: true } });
  });

  it('declares cases undici cannot send as given, so they are skipped rather than altered', () => {
    const t = createHttpTarget({ url: 'http://127.0.0.1:1', timeoutMs: 1, concurrency: 1 });
    cleanups.push(() => t.close());
    expect(t.cannotExpress(request)).toBeUndefined();
    expect(t.cannotExpress({ headers: { 'transfer-encoding': 'chunked' } })).toMatch(/transfer-encoding/);
    expect(t.cannotExpress({ headers: { 'x-a': 'line\r\nbreak' } })).toMatch(/x-a/);
    expect(t.cannotExpress({ method: 'BAD METHOD', headers: {} })).toMatch(/method/);
    expect(t.cannotExpress({ path: 'no-slash', headers: {} })).toMatch(/path/);
  });

  it('signs with SigV4 for service opsworks when given a signer', async () => {
    const server = await serve(recordingServer());
    const signer = createRequestSigner({
      region: 'us-east-1',
      credentials: {
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      },
    });
    const t = createHttpTarget({ url: server.url, timeoutMs: 10_000, concurrency: 1, signer });
    cleanups.push(() => t.close());
    await t.send(request);
    const auth = server.received[0]?.headers.authorization;
    expect(auth).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/opsworks\/aws4_request, /,
    );
    expect(auth).toMatch(/SignedHeaders=[^,]*host/);
    expect(server.received[0]?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
  });
});

describe('createHttpTarget: answers', () => {
  it('classifies a well-formed success and keeps the headers in lower case', async () => {
    const server = await serve(recordingServer());
    const exchange = await target(server).send(request);
    if (exchange.kind !== 'wire') throw new Error(exchange.kind);
    expect(exchange.response.status).toBe(200);
    expect(exchange.response.headers['x-amzn-requestid']).toBe('r-1');
    expect(exchange.response.body).toBe('{"DeploymentId":"d-1"}');
    expect(exchange.classification).toMatchObject({ outcome: 'success', deploymentId: 'd-1' });
  });

  it('reports a 500 as an answer (the checks judge it), not a transport error', async () => {
    const server = await serve(
      httpServer((_req, res) => {
        res.writeHead(500, { 'content-type': JSON_CONTENT_TYPE });
        res.end('{"__type":"InternalFailure","message":"boom"}');
      }),
    );
    const exchange = await target(server).send(request);
    expect(exchange.kind === 'wire' && exchange.response.status).toBe(500);
  });

  it('keeps invalid UTF-8 bodies as bytes', async () => {
    const server = await serve(
      httpServer((_req, res) => {
        res.writeHead(400);
        res.end(Buffer.from([0xc3, 0x28]));
      }),
    );
    const exchange = await target(server).send(request);
    if (exchange.kind !== 'wire') throw new Error(exchange.kind);
    expect(exchange.response.body).toBeInstanceOf(Uint8Array);
  });
});

describe('createHttpTarget: answers on the wire', () => {
  it('skips 1xx interim answers and reports the final one', async () => {
    const server = await serve(
      rawAnswer(
        'HTTP/1.1 103 Early Hints\r\nlink: </a>\r\n\r\nHTTP/1.1 200 OK\r\ncontent-length: 22\r\n\r\n{"DeploymentId":"d-1"}',
        { close: false },
      ),
    );
    const exchange = await target(server).send(request);
    if (exchange.kind !== 'wire') throw new Error(JSON.stringify(exchange));
    expect(exchange.response.status).toBe(200);
    expect(exchange.response.body).toBe('{"DeploymentId":"d-1"}');
    expect(exchange.response.headers.link).toBeUndefined();
  });

  it('joins a repeated response header with commas, and keeps odd header names as data', async () => {
    const server = await serve(
      rawAnswer(
        'HTTP/1.1 400 Bad Request\r\nX-Dup: a\r\nx-dup: b\r\n__proto__: p\r\ncontent-length: 2\r\n\r\n{}',
        { close: false },
      ),
    );
    const exchange = await target(server).send(request);
    if (exchange.kind !== 'wire') throw new Error(JSON.stringify(exchange));
    expect(exchange.response.headers['x-dup']).toBe('a, b');
    expect(Object.hasOwn(exchange.response.headers, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(exchange.response.headers)).toBe(Object.prototype);
  });
});

describe('createHttpTarget: signing failures and the deadline', () => {
  it('a signer that fails ends as a transport error, never a rejection', async () => {
    const server = await serve(recordingServer());
    const t = createHttpTarget({
      url: server.url,
      timeoutMs: 5000,
      concurrency: 1,
      signer: async () => {
        throw new Error('no credentials in the chain');
      },
    });
    cleanups.push(() => t.close());
    const e = transport(await t.send(request));
    expect(e).toEqual({ reason: 'other', message: 'no credentials in the chain' });
    expect(server.received).toHaveLength(0);
  });

  it('the timeout covers signing: a signer that never settles ends as a timeout, and nothing is sent', async () => {
    const server = await serve(recordingServer());
    const t = createHttpTarget({
      url: server.url,
      timeoutMs: 200,
      concurrency: 1,
      signer: () => new Promise<Record<string, string>>(() => {}),
    });
    cleanups.push(() => t.close());
    expect(transport(await t.send(request)).reason).toBe('timeout');
    expect(server.received).toHaveLength(0);
  });

  it('requests queued behind a stuck connection time out too, and the pool recovers', async () => {
    let answer = false;
    const server = await serve(
      rawServer((socket) =>
        socket.on('data', () => {
          if (answer) socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}');
        }),
      ),
    );
    const t = createHttpTarget({ url: server.url, timeoutMs: 300, concurrency: 1 });
    cleanups.push(() => t.close());
    const results = await Promise.all(Array.from({ length: 3 }, () => t.send(request)));
    expect(results.map((r) => transport(r).reason)).toEqual(['timeout', 'timeout', 'timeout']);
    answer = true;
    expect((await t.send(request)).kind).toBe('wire');
  });

  it('one caller signal shared by many requests: one listener on it, and aborting it ends them all', async () => {
    const server = await serve(rawServer(() => {}));
    const t = createHttpTarget({ url: server.url, timeoutMs: 10_000, concurrency: 4 });
    cleanups.push(() => t.close());
    const controller = new AbortController();
    const pending = Array.from({ length: 40 }, () => t.send(request, { signal: controller.signal }));
    expect(getEventListeners(controller.signal, 'abort').length).toBeLessThanOrEqual(1);
    controller.abort();
    const results = await Promise.all(pending);
    expect(new Set(results.map((r) => transport(r).reason))).toEqual(new Set(['aborted']));
  });
});

describe('createHttpTarget: hostile servers end as transport errors with a reason', () => {
  it('timeout: a server that accepts and never answers', async () => {
    const server = await serve(rawServer(() => {}));
    expect(transport(await target(server, 300).send(request)).reason).toBe('timeout');
  });

  it('timeout: a server that answers one byte at a time, slower than the timeout allows', async () => {
    const server = await serve(
      rawServer((socket) => {
        const text = 'HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}';
        let i = 0;
        const timer = setInterval(() => {
          if (socket.destroyed || i >= text.length) return clearInterval(timer);
          socket.write(text[i++] ?? '');
        }, 100);
        socket.on('close', () => clearInterval(timer));
      }),
    );
    expect(transport(await target(server, 500).send(request)).reason).toBe('timeout');
  });

  it('timeout: headers arrive but the body drips forever', async () => {
    const server = await serve(
      httpServer((_req, res) => {
        res.writeHead(200, { 'content-type': JSON_CONTENT_TYPE });
        const timer = setInterval(() => res.write(' '), 50);
        res.on('close', () => clearInterval(timer));
      }),
    );
    expect(transport(await target(server, 400).send(request)).reason).toBe('timeout');
  });

  it('reset: a server that resets the connection', async () => {
    const server = await serve(rawServer((socket) => socket.once('data', () => socket.resetAndDestroy())));
    expect(transport(await target(server).send(request)).reason).toBe('reset');
  });

  it('reset: a server that closes the connection without answering', async () => {
    const server = await serve(rawServer((socket) => socket.once('data', () => socket.end())));
    expect(transport(await target(server).send(request)).reason).toBe('reset');
  });

  it('malformed-http: a server that speaks something other than HTTP', async () => {
    const server = await serve(rawAnswer('SSH-2.0-OpenSSH_9.6\r\nnot http at all\r\n'));
    expect(transport(await target(server).send(request)).reason).toBe('malformed-http');
  });

  it('malformed-http: broken chunked encoding', async () => {
    const server = await serve(
      rawAnswer('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nZZ\r\nnot a chunk\r\n0\r\n\r\n'),
    );
    expect(transport(await target(server).send(request)).reason).toBe('malformed-http');
  });

  it('malformed-http: a body shorter than its content-length', async () => {
    const server = await serve(rawAnswer('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{}'));
    const e = transport(await target(server).send(request));
    expect(['malformed-http', 'reset']).toContain(e.reason);
  });

  it('oversize: headers past the client limit', async () => {
    const server = await serve(
      rawAnswer(`HTTP/1.1 200 OK\r\nx-big: ${'a'.repeat(64 * 1024)}\r\ncontent-length: 0\r\n\r\n`),
    );
    expect(transport(await target(server).send(request)).reason).toBe('oversize');
  });

  it('refused: nothing listens on the port', async () => {
    const port = await closedPort();
    const e = transport(await target({ url: `http://127.0.0.1:${port}` }).send(request));
    expect(e.reason).toBe('refused');
    expect(e.message).toMatch(/ECONNREFUSED/);
  });

  it('a 10 MB body is cut at the cap and marked truncated', async () => {
    const server = await serve(
      httpServer((_req, res) => {
        res.writeHead(200, { 'content-type': JSON_CONTENT_TYPE });
        const chunk = Buffer.alloc(64 * 1024, 0x61);
        let sent = 0;
        const pump = (): void => {
          while (sent < 10 * 1024 * 1024) {
            sent += chunk.byteLength;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('error', () => {});
        pump();
      }),
    );
    const t = target(server, 10_000, { bodyCapBytes: 1024 * 1024 });
    const exchange = await t.send(request);
    if (exchange.kind !== 'wire') throw new Error(JSON.stringify(exchange));
    expect(exchange.response.truncated).toBe(true);
    expect(typeof exchange.response.body === 'string' && exchange.response.body.length).toBe(1024 * 1024);
    // The pool is still usable after the cut connection.
    expect((await t.send(request)).kind).toBe('wire');
  });

  it('aborted: the caller aborts while the request is in flight', async () => {
    const server = await serve(rawServer(() => {}));
    const controller = new AbortController();
    const pending = target(server, 5000).send(request, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect(transport(await pending).reason).toBe('aborted');
  });

  it('aborted: sending after close answers at once', async () => {
    const server = await serve(recordingServer());
    const t = target(server);
    await t.close();
    expect(transport(await t.send(request)).reason).toBe('aborted');
    expect(server.received).toHaveLength(0);
  });

  it('many concurrent requests against a silent server all end by the timeout', async () => {
    const server = await serve(rawServer(() => {}));
    const t = createHttpTarget({ url: server.url, timeoutMs: 300, concurrency: 4 });
    cleanups.push(() => t.close());
    const results = await Promise.all(Array.from({ length: 12 }, () => t.send(request)));
    expect(new Set(results.map((r) => transport(r).reason))).toEqual(new Set(['timeout']));
  });
});
