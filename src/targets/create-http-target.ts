import { Pool } from 'undici';
import { classifyResponse } from '../contract/classify-response.js';
import type { CaseRequest } from '../contract/types.js';
import { DESCRIBE_DEPLOYMENTS_TARGET, JSON_CONTENT_TYPE } from '../contract/wire.js';
import { createRequestSigner, type RequestSigner, regionOfEndpoint } from './create-request-signer.js';
import { decodeResponseBody } from './decode-response-body.js';
import { describeTransportError, mapTransportError } from './map-transport-error.js';
import { neverReject, safeCannotExpress } from './never-reject.js';
import { readDeployments } from './read-deployments.js';
import { startDeadline } from './start-deadline.js';
import type { Exchange, SendOptions, Target, TransportFailureReason } from './target.js';
import { bodyByteLength, toWireRequest } from './to-wire-request.js';

/** Response bodies are read up to this many bytes by default; the rest is discarded. */
export const DEFAULT_BODY_CAP_BYTES = 1024 * 1024;

/** Options of {@link createHttpTarget}. */
export interface HttpTargetOptions {
  /** `http://host:port` or `https://host[:port]`, optionally with a base path. No userinfo. */
  url: string;
  /** Per-request limit on the whole exchange (connect, headers and body), in milliseconds. */
  timeoutMs: number;
  /** Connections kept open; also the most requests in flight at once. */
  concurrency: number;
  /** Response bytes kept; the rest is discarded and the response marked `truncated`. Default 1 MB. */
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

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/**
 * A raw-wire HTTP(S) target over an undici keep-alive pool (one connection per concurrent request).
 * It sends exactly the case's method, path, headers and body bytes (raw and base64 bodies included)
 * with a correct `content-length`, optionally SigV4-signed. Nothing the server does can make `send`
 * reject or outlive `timeoutMs`: no answer, resets, non-HTTP bytes, broken chunking and endless
 * bodies come back as `transport-error` with a reason; bodies past the cap are cut and marked
 * `truncated`.
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
  const timeoutMs = options.timeoutMs;
  const bodyCap = options.bodyCapBytes ?? DEFAULT_BODY_CAP_BYTES;
  const basePath = endpoint.pathname.replace(/\/+$/, '');
  const signer: RequestSigner | undefined =
    options.signer ??
    (options.sign === true ? createRequestSigner({ region: regionOfEndpoint(endpoint) }) : undefined);
  const pool = new Pool(endpoint.origin, {
    connections: Math.max(1, options.concurrency),
    pipelining: 1,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: { timeout: timeoutMs },
    keepAliveTimeout: 10_000,
  });
  // A pool without listeners would otherwise keep these only as unhandled events; failures are
  // reported per request instead.
  pool.on('connectionError', () => {});
  const readBack = options.readBack === true;
  let closed = false;
  const name = `${endpoint.origin}${basePath}`;

  async function send(request: CaseRequest, sendOptions?: SendOptions): Promise<Exchange> {
    const start = performance.now();
    const elapsed = (): number => performance.now() - start;
    const fail = (reason: TransportFailureReason, message: string): Exchange => ({
      kind: 'transport-error',
      reason,
      message,
      durationMs: elapsed(),
    });
    if (closed) return fail('aborted', 'target closed');
    const outer = sendOptions?.signal;
    if (outer?.aborted === true) return fail('aborted', 'aborted before sending');

    const wire = toWireRequest(request);
    const deadline = startDeadline(timeoutMs, outer);
    try {
      let headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(wire.headers)) {
        if (!RECOMPUTED.has(k.toLowerCase())) headers[k] = v;
      }
      headers['content-length'] = String(bodyByteLength(wire.body));
      const path = basePath + wire.path;
      if (signer !== undefined) headers = await signer({ ...wire, path, headers }, endpoint);
      if (deadline.signal.aborted) throw new Error('aborted while signing');
      const response = await pool.request({
        method: wire.method,
        path,
        headers,
        body: wire.body,
        signal: deadline.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const chunks: Uint8Array[] = [];
      let kept = 0;
      let truncated = false;
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        const room = bodyCap - kept;
        if (chunk.byteLength > room) {
          if (room > 0) chunks.push(chunk.subarray(0, room));
          kept = bodyCap;
          truncated = true;
          // Stop reading: the connection is dropped instead of draining a body that may never end.
          response.body.destroy();
          break;
        }
        chunks.push(chunk);
        kept += chunk.byteLength;
      }
      const bytes = chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks, kept);
      const wireResponse = {
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        body: decodeResponseBody(bytes),
        ...(truncated ? { truncated: true } : {}),
      };
      return {
        kind: 'wire',
        response: wireResponse,
        classification: classifyResponse(wireResponse),
        durationMs: elapsed(),
      };
    } catch (error) {
      if (deadline.why() === 'timeout') return fail('timeout', `no complete answer within ${timeoutMs} ms`);
      // Read through a call: TypeScript keeps the narrowing from the check before sending.
      if (isAborted(outer)) return fail('aborted', 'aborted by the caller');
      return fail(mapTransportError(error), describeTransportError(error));
    } finally {
      deadline.dispose();
    }
  }

  const target: Target = {
    name,
    capabilities: { wire: true, nulls: true, readBack },
    cannotExpress: safeCannotExpress(cannotSendRaw),
    send: neverReject(send),
    async close() {
      if (closed) return;
      closed = true;
      // destroy, not close: close waits for requests in flight, which a hostile server can stall.
      await pool.destroy();
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
