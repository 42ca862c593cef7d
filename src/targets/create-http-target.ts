import type { Dispatcher, Pool } from 'undici';
import { classifyResponse } from '../contract/classify-response.js';
import type { CaseRequest, Classification } from '../contract/types.js';
import { DESCRIBE_DEPLOYMENTS_TARGET, JSON_CONTENT_TYPE } from '../contract/wire.js';
import { integerOption } from '../errors/integer-option.js';
import { AbortWatch } from './abort-watch.js';
import { createRequestSigner, type RequestSigner, regionOfEndpoint } from './create-request-signer.js';
import { type DeadlineItem, DeadlineQueue } from './deadline-queue.js';
import { decodeResponseBody } from './decode-response-body.js';
import { describeTransportError, mapTransportError } from './map-transport-error.js';
import { safeCannotExpress } from './never-reject.js';
import { readDeployments } from './read-deployments.js';
import type { Exchange, SendOptions, Target, TransportFailureReason } from './target.js';
import { toWireRequest, type WireRequest } from './to-wire-request.js';

/** Response bodies are read up to this many bytes by default; the rest is discarded. */
export const DEFAULT_BODY_CAP_BYTES = 1024 * 1024;

/** The largest `bodyCapBytes`: 1 GiB (past that, responses no check needs would be held in memory). */
export const MAX_BODY_CAP_BYTES = 1024 * 1024 * 1024;

/** Options of {@link createHttpTarget}. */
export interface HttpTargetOptions {
  /** `http://host:port` or `https://host[:port]`, optionally with a base path. No userinfo. */
  url: string;
  /** Per-request limit on the whole exchange (connect, headers and body), in milliseconds: 1 to 3,600,000. */
  timeoutMs: number;
  /** Connections kept open; also the most requests in flight at once: 1 to 1024. */
  concurrency: number;
  /** Response bytes kept (0 to 1 GiB); the rest is discarded and the response marked `truncated`. Default 1 MB. */
  bodyCapBytes?: number;
  /** Sign every request with SigV4 (service `opsworks`, credentials from the standard chain). */
  sign?: boolean;
  /** A signer to use instead of the default one (tests, custom credentials). Implies signing. */
  signer?: RequestSigner;
  /** Declare that the target answers DescribeDeployments, so deployments are read back. */
  readBack?: boolean;
}

/**
 * Headers undici refuses to send as given (it manages framing and connection reuse itself), so
 * cases carrying them are skipped rather than sent altered.
 */
const UNSENDABLE_HEADERS = new Set([
  'connection',
  'keep-alive',
  'upgrade',
  'transfer-encoding',
  'expect',
  'te',
]);
/** An RFC 9110 token (method and header names). */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** A header value undici will put on the wire unchanged: no CR, LF or NUL. */
const HEADER_VALUE = /^[^\r\n\0]*$/;

/**
 * Why undici cannot put `request` on the wire exactly as given, or `undefined` when it can.
 *
 * @example
 * cannotSendRaw({ method: 'GET POST', headers: {} }); // 'method "GET POST" is not an HTTP token'
 */
export function cannotSendRaw(request: CaseRequest): string | undefined {
  const method = request.method ?? 'POST';
  if (!TOKEN.test(method)) return `method ${JSON.stringify(method)} is not an HTTP token`;
  if (method.toUpperCase() === 'CONNECT') return 'CONNECT requests cannot be sent through a connection pool';
  const path = request.path ?? '/';
  if (!path.startsWith('/') || hasControlOrSpace(path)) {
    return `path ${JSON.stringify(path)} cannot be sent as a request target`;
  }
  for (const [name, value] of Object.entries(request.headers)) {
    if (!TOKEN.test(name)) return `header name ${JSON.stringify(name)} is not an HTTP token`;
    if (UNSENDABLE_HEADERS.has(name.toLowerCase())) return `header ${name} is managed by the HTTP client`;
    if (typeof value !== 'string' || !HEADER_VALUE.test(value)) {
      return `header ${name} has a value that cannot be sent as is`;
    }
  }
  return undefined;
}

/**
 * Headers recomputed for every send: framing belongs to the bytes actually sent. (A `host` header a
 * case carries is sent as given; undici fills it in otherwise.)
 */
const RECOMPUTED = new Set(['content-length']);

/** True when `text` holds whitespace or a control character (undici refuses such request targets). */
function hasControlOrSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** A response's headers with repeated fields joined by `, ` (undici gives those as arrays), in place. */
function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  for (const k of Object.keys(headers)) {
    const v = headers[k];
    if (v === undefined) delete headers[k];
    else if (typeof v !== 'string') headers[k] = v.join(', ');
  }
  return headers as Record<string, string>;
}

/** Why an exchange was stopped by this adapter; undici is handed it as the abort reason. */
class StopReason extends Error {
  constructor(readonly reason: 'timeout' | 'aborted' | 'cap') {
    super(reason === 'cap' ? 'body cap reached' : reason);
    this.name = 'AbortError';
  }
}

/** What every exchange of one target shares. */
interface Shared {
  readonly pool: Pool;
  readonly deadlines: DeadlineQueue;
  readonly bodyCap: number;
  readonly timeoutMs: number;
  /** Exchanges in flight per caller signal: one listener per signal, not one per request. */
  readonly watched: AbortWatch<HttpExchange>;
}

/**
 * One request in flight, and its undici dispatch handler. A handler, not `pool.request`: the request
 * API wraps every response in a Readable stream, an AsyncResource and an abort listener, and the
 * whole-exchange deadline here is one slot in a shared {@link DeadlineQueue} instead of an
 * AbortController, `AbortSignal.any` and a timer per request (together ~40% of the adapter's CPU
 * per case at loopback speed). The promise `send` returns settles exactly once, from whichever
 * comes first: the answer, a transport error, the deadline or the caller's signal.
 */
class HttpExchange implements Dispatcher.DispatchHandler, DeadlineItem {
  readonly #start = performance.now();
  readonly #shared: Shared;
  readonly #resolve: (exchange: Exchange) => void;
  readonly #outer: AbortSignal | undefined;
  #ticket: object | undefined;
  /** The exchanges in flight on the same caller signal (this one among them until it settles). */
  #watchers: Set<HttpExchange> | undefined;
  #controller: Dispatcher.DispatchController | undefined;
  #settled = false;
  #status = 0;
  #headers: Record<string, string | string[] | undefined> = {};
  #chunks: Buffer[] = [];
  #kept = 0;

  constructor(shared: Shared, outer: AbortSignal | undefined, resolve: (exchange: Exchange) => void) {
    this.#shared = shared;
    this.#outer = outer;
    this.#resolve = resolve;
  }

  /** Starts the deadline and the caller's abort watch. */
  begin(): void {
    this.#ticket = this.#shared.deadlines.add(this);
    if (this.#outer !== undefined) this.#watchers = this.#shared.watched.add(this.#outer, this);
  }

  /** The caller's signal aborted (called by the {@link AbortWatch}). */
  abort(): void {
    this.#stop('aborted');
  }

  get settled(): boolean {
    return this.#settled;
  }

  /** Dispatches the request unless the exchange already ended (timeout or abort while signing). */
  dispatch(options: Dispatcher.DispatchOptions): void {
    if (this.#settled) return;
    try {
      this.#shared.pool.dispatch(options, this);
    } catch (error) {
      this.onResponseError(undefined, error as Error);
    }
  }

  /** Deadline passed (called by the queue). */
  expire(): void {
    this.#stop('timeout');
  }

  fail(reason: TransportFailureReason, message: string): void {
    this.#settle({ kind: 'transport-error', reason, message, durationMs: performance.now() - this.#start });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.#controller = controller;
    // Stopped while queued for a connection: leave the queue now.
    if (this.#settled) controller.abort(new StopReason('aborted'));
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    // 1xx interim answers are not the answer.
    if (statusCode < 200) return;
    this.#status = statusCode;
    this.#headers = headers;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.#settled) return;
    const room = this.#shared.bodyCap - this.#kept;
    if (chunk.byteLength <= room) {
      this.#chunks.push(chunk);
      this.#kept += chunk.byteLength;
      return;
    }
    if (room > 0) this.#chunks.push(chunk.subarray(0, room));
    this.#kept += Math.max(0, room);
    this.#answer(true);
    // Stop reading: the connection is dropped instead of draining a body that may never end.
    controller.abort(new StopReason('cap'));
  }

  onResponseEnd(): void {
    this.#answer(false);
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    if (this.#settled) return;
    this.fail(mapTransportError(error), describeTransportError(error));
  }

  #answer(truncated: boolean): void {
    if (this.#settled) return;
    const chunks = this.#chunks;
    const bytes =
      chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks, this.#kept);
    const response = {
      status: this.#status,
      headers: flattenHeaders(this.#headers),
      body: decodeResponseBody(bytes),
      ...(truncated ? { truncated: true } : {}),
    };
    let classification: Classification;
    try {
      classification = classifyResponse(response);
    } catch (error) {
      this.fail(mapTransportError(error), describeTransportError(error));
      return;
    }
    this.#settle({ kind: 'wire', response, classification, durationMs: performance.now() - this.#start });
  }

  #stop(why: 'timeout' | 'aborted'): void {
    if (this.#settled) return;
    if (why === 'timeout') this.fail('timeout', `no complete answer within ${this.#shared.timeoutMs} ms`);
    else this.fail('aborted', 'aborted by the caller');
    this.#controller?.abort(new StopReason(why));
  }

  #settle(exchange: Exchange): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#chunks = [];
    if (this.#ticket !== undefined) this.#shared.deadlines.release(this.#ticket);
    this.#watchers?.delete(this);
    this.#resolve(exchange);
  }
}

/**
 * A raw-wire HTTP(S) target over an undici keep-alive pool (one connection per concurrent request).
 * It sends exactly the case's method, path, headers and body bytes (raw and base64 bodies included)
 * with a correct `content-length`, optionally SigV4-signed. Nothing the server does can make `send`
 * reject or outlive `timeoutMs`: no answer, resets, non-HTTP bytes, broken chunking and endless
 * bodies come back as `transport-error` with a reason; bodies past the cap are cut and marked
 * `truncated`. Throws `InputError` for a numeric option out of range, `TypeError` for a URL it
 * cannot use.
 *
 * @example
 * const target = createHttpTarget({ url: 'http://127.0.0.1:4000', timeoutMs: 10_000, concurrency: 16 });
 * const exchange = await target.send(request);
 * await target.close();
 */
export function createHttpTarget(options: HttpTargetOptions): Target {
  const endpoint = new URL(options.url);
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') {
    throw new TypeError(`createHttpTarget: expected an http(s) URL, got ${endpoint.protocol}`);
  }
  if (endpoint.username !== '' || endpoint.password !== '') {
    throw new TypeError('createHttpTarget: credentials in the URL are not supported');
  }
  // Checked here, not left to undici: it would refuse them on every send, as a transport error.
  integerOption('createHttpTarget: timeoutMs', options.timeoutMs, 1, 3_600_000);
  integerOption('createHttpTarget: concurrency', options.concurrency, 1, 1024);
  integerOption('createHttpTarget: bodyCapBytes', options.bodyCapBytes, 0, MAX_BODY_CAP_BYTES);
  const timeoutMs = options.timeoutMs;
  const bodyCap = options.bodyCapBytes ?? DEFAULT_BODY_CAP_BYTES;
  const basePath = endpoint.pathname.replace(/\/+$/, '');
  const signer: RequestSigner | undefined =
    options.signer ??
    (options.sign === true ? createRequestSigner({ region: regionOfEndpoint(endpoint) }) : undefined);
  const readBack = options.readBack === true;
  let closed = false;
  const name = `${endpoint.origin}${basePath}`;

  /**
   * What every exchange shares, the keep-alive pool with it: made once undici is imported, which
   * starts here (not when this module is: the public index re-exports it, and undici is ~0.23 s of
   * imports). A send before then waits for it before its deadline starts.
   */
  let shared: Shared | undefined;
  const made: Promise<Shared> = import('undici').then(({ Pool }) => {
    const pool = new Pool(endpoint.origin, {
      connections: options.concurrency,
      pipelining: 1,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      connect: { timeout: timeoutMs },
      keepAliveTimeout: 10_000,
    });
    // A pool without listeners would otherwise keep these only as unhandled events; failures are
    // reported per request instead.
    pool.on('connectionError', () => {});
    shared = {
      pool,
      deadlines: new DeadlineQueue(timeoutMs),
      bodyCap,
      timeoutMs,
      watched: new AbortWatch((x) => x.abort()),
    };
    return shared;
  });
  // A target closed or never used must not leave an unhandled rejection if the import failed.
  made.catch(() => undefined);

  function failed(reason: TransportFailureReason, message: string, start: number): Promise<Exchange> {
    return Promise.resolve({
      kind: 'transport-error',
      reason,
      message,
      durationMs: performance.now() - start,
    });
  }

  // Never rejects (the Target contract): every failure, thrown or reported, settles as an exchange.
  function send(request: CaseRequest, sendOptions?: SendOptions): Promise<Exchange> {
    if (shared !== undefined) return sendWith(shared, request, sendOptions);
    return made.then(
      (s) => sendWith(s, request, sendOptions),
      (error: unknown) =>
        failed('other', `could not load undici: ${describeTransportError(error)}`, performance.now()),
    );
  }

  function sendWith(shared: Shared, request: CaseRequest, sendOptions?: SendOptions): Promise<Exchange> {
    const start = performance.now();
    if (closed) return failed('aborted', 'target closed', start);
    const outer = sendOptions?.signal;
    if (outer?.aborted === true) return failed('aborted', 'aborted before sending', start);
    let wire: WireRequest;
    try {
      wire = toWireRequest(request);
    } catch (error) {
      // A body JSON.stringify cannot serialise (a BigInt, a cycle).
      return failed('other', `could not send: ${describeTransportError(error)}`, start);
    }
    return new Promise<Exchange>((resolve) => {
      const exchange = new HttpExchange(shared, outer, resolve);
      exchange.begin();
      try {
        // One UTF-8 encoding: undici would turn a string body into a Buffer anyway.
        const body =
          typeof wire.body === 'string'
            ? Buffer.from(wire.body, 'utf8')
            : Buffer.from(wire.body.buffer, wire.body.byteOffset, wire.body.byteLength);
        const contentLength = String(body.byteLength);
        const path = basePath + wire.path;
        if (signer === undefined) {
          // Name/value pairs: undici takes them without probing a headers object for an iterator.
          const headers: string[] = [];
          for (const k of Object.keys(wire.headers)) {
            if (!RECOMPUTED.has(k.toLowerCase())) headers.push(k, wire.headers[k] as string);
          }
          headers.push('content-length', contentLength);
          exchange.dispatch({ method: wire.method, path, headers, body });
          return;
        }
        const headers: Record<string, string> = {};
        for (const k of Object.keys(wire.headers)) {
          if (!RECOMPUTED.has(k.toLowerCase())) headers[k] = wire.headers[k] as string;
        }
        headers['content-length'] = contentLength;
        signer({ ...wire, path, headers }, endpoint).then(
          (signed) => exchange.dispatch({ method: wire.method, path, headers: signed, body }),
          (error: unknown) => {
            if (!exchange.settled) exchange.fail(mapTransportError(error), describeTransportError(error));
          },
        );
      } catch (error) {
        exchange.fail(mapTransportError(error), describeTransportError(error));
      }
    });
  }

  const target: Target = {
    name,
    capabilities: { wire: true, nulls: true, readBack },
    cannotExpress: safeCannotExpress(cannotSendRaw),
    send,
    async close() {
      if (closed) return;
      closed = true;
      // destroy, not close: close waits for requests in flight, which a hostile server can stall.
      await made.then(
        (s) => s.pool.destroy(),
        () => undefined,
      );
    },
  };
  if (readBack) {
    target.describeDeployments = async (deploymentIds, sendOptions) =>
      readDeployments(
        await send(
          {
            headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': DESCRIBE_DEPLOYMENTS_TARGET },
            body: { DeploymentIds: deploymentIds },
          },
          sendOptions,
        ),
      );
  }
  return target;
}
