import type { RequestHandler } from 'msw';
import { classifyResponse } from '../contract/classify-response.js';
import type { CaseRequest, WireResponse } from '../contract/types.js';
import { DESCRIBE_DEPLOYMENTS_TARGET, JSON_CONTENT_TYPE } from '../contract/wire.js';
import { InputError } from '../errors/input-error.js';
import { integerOption } from '../errors/integer-option.js';
import { cannotSendRaw, DEFAULT_BODY_CAP_BYTES, MAX_BODY_CAP_BYTES } from './create-http-target.js';
import { decodeResponseBody } from './decode-response-body.js';
import { importUserModule, inspectExports } from './import-user-module.js';
import { lazyModule } from './lazy-module.js';
import { describeTransportError } from './map-transport-error.js';
import { neverReject, safeCannotExpress } from './never-reject.js';
import { readDeployments } from './read-deployments.js';
import { createDeadlines, startDeadline } from './start-deadline.js';
import type { Exchange, SendOptions, Target, TransportFailureReason } from './target.js';
import { bodyByteLength, toWireRequest } from './to-wire-request.js';

/** msw's main entry, loaded by the first send of any msw target (see `send`). */
const loadMsw = lazyModule(() => import('msw'));

/** Where requests to msw handlers are addressed unless the module exports its own `endpoint`. */
export const DEFAULT_MSW_ENDPOINT = 'https://opsworks.us-east-1.amazonaws.com';

/** Options of {@link createMswTarget}. */
export interface MswTargetOptions {
  /** The msw request handlers to answer with (`http.post(...)`, `createDoubleHandlers()`...). */
  handlers: readonly RequestHandler[];
  /** The base URL requests are addressed to; default {@link DEFAULT_MSW_ENDPOINT}. */
  endpoint?: string;
  /** Per-request limit in milliseconds, 1 to 3,600,000 (a handler that never resolves ends as a timeout). */
  timeoutMs: number;
  /** Response bytes kept (0 to 1 GiB); default 1 MB. */
  bodyCapBytes?: number;
  /** Display name; default `msw`. */
  name?: string;
  /** Read deployments back through DescribeDeployments (the handlers must answer it). */
  readBack?: boolean;
}

/** Methods the Fetch `Request` constructor refuses outright. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

async function readCapped(
  response: Response,
  cap: number,
): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (response.body === null) return { bytes: new Uint8Array(0), truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let kept = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { bytes: Buffer.concat(chunks, kept), truncated: false };
    const room = cap - kept;
    if (value.byteLength > room) {
      chunks.push(value.subarray(0, room));
      await reader.cancel().catch(() => {});
      return { bytes: Buffer.concat(chunks, cap), truncated: true };
    }
    chunks.push(value);
    kept += value.byteLength;
  }
}

/**
 * The HTTP methods `handlers` declare, or `undefined` when any method may match (`http.all`, a
 * RegExp method, or a handler that is not an HTTP handler and so cannot be read).
 */
function methodsOf(handlers: readonly RequestHandler[]): Set<string> | undefined {
  const methods = new Set<string>();
  for (const handler of handlers) {
    const method = (handler as { info?: { method?: unknown } }).info?.method;
    if (typeof method !== 'string' || method.toUpperCase() === 'ALL') return undefined;
    methods.add(method.toUpperCase());
  }
  return methods.size === 0 ? undefined : methods;
}

/**
 * A target that answers from msw request handlers in-process, through msw's `getResponse`: no
 * interception, no sockets, so nothing leaks however long the run. Requests are Fetch `Request`s
 * addressed to `endpoint` with the case's exact method, path, headers and body. When no handler
 * matches, the exchange is a `transport-error` (`other`, "no msw handler matched ...") rather than
 * an invented 404: the handlers gave no answer, and the run should say so. A handler that throws or
 * answers `HttpResponse.error()` is reported the same way; one that never resolves ends at the timeout.
 *
 * @example
 * const target = createMswTarget({ handlers: createDoubleHandlers(), timeoutMs: 10_000 });
 */
export function createMswTarget(options: MswTargetOptions): Target {
  // Checked here: a bad one would otherwise end every case as a timeout, read as an unreachable target.
  integerOption('createMswTarget: timeoutMs', options.timeoutMs, 1, 3_600_000);
  integerOption('createMswTarget: bodyCapBytes', options.bodyCapBytes, 0, MAX_BODY_CAP_BYTES);
  const handlers = [...options.handlers];
  const endpoint = new URL(options.endpoint ?? DEFAULT_MSW_ENDPOINT);
  const basePath = endpoint.pathname.replace(/\/+$/, '');
  const cap = options.bodyCapBytes ?? DEFAULT_BODY_CAP_BYTES;
  const { timeoutMs } = options;
  const declaredMethods = methodsOf(handlers);
  const deadlines = createDeadlines(timeoutMs);

  function cannotExpress(request: CaseRequest): string | undefined {
    const raw = cannotSendRaw(request);
    if (raw !== undefined) return raw;
    const method = (request.method ?? 'POST').toUpperCase();
    if (FORBIDDEN_METHODS.has(method)) return `a Fetch Request cannot use method ${method}`;
    if ((method === 'GET' || method === 'HEAD') && bodyByteLength(toWireRequest(request).body) > 0) {
      return `a Fetch Request cannot carry a body with ${method}`;
    }
    // Handlers written with http.post only never claim a PUT: in the team's own tests such a request
    // would go unhandled (msw warns and passes it on), so it is no fault of the handlers. Skip it
    // rather than report the handlers as not answering.
    if (declaredMethods !== undefined && !declaredMethods.has(method)) {
      return `the handlers declare no ${method} route (only ${[...declaredMethods].join(', ')})`;
    }
    return undefined;
  }

  async function send(request: CaseRequest, sendOptions?: SendOptions): Promise<Exchange> {
    const start = performance.now();
    const fail = (reason: TransportFailureReason, message: string): Exchange => ({
      kind: 'transport-error',
      reason,
      message,
      durationMs: performance.now() - start,
    });
    const outer = sendOptions?.signal;
    if (outer?.aborted === true) return fail('aborted', 'aborted before sending');
    const reason = cannotExpress(request);
    if (reason !== undefined) return fail('other', `not sent: ${reason}`);
    const wire = toWireRequest(request);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(wire.headers))
      if (k.toLowerCase() !== 'content-length') headers[k] = v;
    headers['content-length'] = String(bodyByteLength(wire.body));
    const url = `${endpoint.origin}${basePath}${wire.path}`;
    const method = wire.method;
    const hasBody = method.toUpperCase() !== 'GET' && method.toUpperCase() !== 'HEAD';

    // getResponse takes no signal: the deadline settles the send, and a handler that never resolves
    // is left behind (as before).
    const outcome = await startDeadline(
      deadlines,
      async () => {
        const fetchRequest = new Request(url, { method, headers, ...(hasBody ? { body: wire.body } : {}) });
        // Imported on the first send: msw's main entry loads graphql, and the public index
        // re-exports this adapter (0.38 s of imports for every user of the index otherwise).
        const { getResponse } = await loadMsw();
        const response = await getResponse(handlers, fetchRequest);
        if (response === undefined) return { none: `no msw handler matched ${method} ${url}` };
        if (response.type === 'error')
          return { none: 'the handler answered with a network error (Response.error())' };
        if (response.headers.get('x-msw-intention') === 'passthrough') {
          return { none: 'the handler asked for passthrough, and there is no real server behind msw:' };
        }
        const { bytes, truncated } = await readCapped(response, cap);
        const responseHeaders: Record<string, string> = {};
        response.headers.forEach((value, key) => {
          responseHeaders[key] = value;
        });
        const wireResponse: WireResponse = {
          status: response.status,
          headers: responseHeaders,
          body: decodeResponseBody(bytes),
        };
        if (truncated) wireResponse.truncated = true;
        return { wireResponse };
      },
      outer,
    );
    if (outcome === 'timeout') return fail('timeout', `no answer from the handlers within ${timeoutMs} ms`);
    if (outcome === 'aborted') return fail('aborted', 'aborted by the caller');
    if ('error' in outcome)
      return fail('other', `an msw handler threw: ${describeTransportError(outcome.error)}`);
    const first = outcome.value;
    if ('none' in first) return fail('other', first.none);
    return {
      kind: 'wire',
      response: first.wireResponse,
      classification: classifyResponse(first.wireResponse),
      durationMs: performance.now() - start,
    };
  }

  const target: Target = {
    name: options.name ?? 'msw',
    capabilities: { wire: true, nulls: true, readBack: options.readBack === true },
    cannotExpress: safeCannotExpress(cannotExpress),
    send: neverReject(send),
    async close() {},
  };
  if (options.readBack === true) {
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

/**
 * Loads the module of an `msw:PATH` target: it must export `handlers`, an array of msw request
 * handlers, and may export `endpoint`, the base URL its handlers answer on. Anything else is one
 * {@link InputError} line.
 *
 * @example
 * const { handlers, endpoint } = await loadMswModule('msw:./handlers.js', './handlers.js', process.cwd());
 */
export async function loadMswModule(
  spec: string,
  path: string,
  cwd: string,
): Promise<{ handlers: RequestHandler[]; endpoint?: string }> {
  const mod = await importUserModule(spec, path, cwd);
  return inspectExports(spec, () => {
    const handlers = mod.handlers;
    if (!Array.isArray(handlers)) {
      const got = handlers === undefined ? 'it exports no `handlers`' : `\`handlers\` is ${typeof handlers}`;
      throw new InputError(
        `--target ${spec}: ${got}; export an array of msw handlers, e.g. export const handlers = [http.post(...)]`,
      );
    }
    const bad = handlers.findIndex(
      (h: unknown) => typeof (h as { run?: unknown } | null)?.run !== 'function',
    );
    if (bad !== -1) {
      throw new InputError(
        `--target ${spec}: handlers[${bad}] is not an msw request handler; build it with http.post(...)`,
      );
    }
    const endpoint = mod.endpoint;
    const copied = [...handlers] as RequestHandler[];
    if (endpoint === undefined) return { handlers: copied };
    if (
      typeof endpoint !== 'string' ||
      !URL.canParse(endpoint) ||
      !/^https?:$/.test(new URL(endpoint).protocol)
    ) {
      throw new InputError(
        `--target ${spec}: \`endpoint\` must be an http(s) URL string, e.g. 'http://localhost:4566'`,
      );
    }
    return { handlers: copied, endpoint };
  });
}
