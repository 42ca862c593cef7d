import type { RequestHandler } from 'msw';
// msw's `http` alone (the module `msw` itself re-exports, so the same handler class): the package's
// main entry also loads graphql, ~0.19 s more of every process that imports this package's index.
import { http } from 'msw/core/http';
import type { World } from '../contract/types.js';
import { InputError } from '../errors/input-error.js';
import { loadDefaultWorld } from '../world/load-world.js';
import { createDoubleState, type DoubleState } from './core/double-state.js';
import { handleDoubleRequest } from './core/handle-double-request.js';

/** Options of {@link createDoubleHandlers}. */
export interface DoubleHandlersOptions {
  /** The IDs that exist. Default: the default world (`fixtures/world.json`). Ignored when `state` is given. */
  world?: World;
  /**
   * A custom endpoint to answer on as well, e.g. `http://localhost:4566` (the SDK's `endpoint`).
   * Requests under it reach the double with the endpoint's path removed.
   */
  endpoint?: string;
  /** A state to share (to inspect `state.deployments`, or to serve one world from several handler sets). */
  state?: DoubleState;
}

// Any region, including the China partition's `amazonaws.com.cn`.
const AWS_HOST = /^opsworks\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/;

function parseEndpoint(endpoint: string): { origin: string; base: string } {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new InputError(`endpoint ${JSON.stringify(endpoint)}: not a URL; pass e.g. http://localhost:4566`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`endpoint ${endpoint}: must be http:// or https://`);
  }
  return { origin: url.origin, base: url.pathname.replace(/\/+$/, '') };
}

/**
 * msw handlers that answer OpsWorks requests with the reference double: on
 * `https://opsworks.<any region>.amazonaws.com/` and, when given, on `endpoint`. Every request to
 * those hosts gets the double's answer, whatever the method, path or operation (an OpsWorks
 * operation the double does not implement gets UnknownOperationException, never a pass-through).
 * Works with `setupServer` and with msw's `getResponse`.
 *
 * @example
 * const server = setupServer(...createDoubleHandlers());
 * server.listen({ onUnhandledRequest: 'error' });
 * const client = new OpsWorksClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
 * await client.send(new CreateDeploymentCommand({ StackId, Command: { Name: 'setup' } }));
 */
export function createDoubleHandlers(options: DoubleHandlersOptions = {}): RequestHandler[] {
  const state = options.state ?? createDoubleState(options.world ?? loadDefaultWorld());
  const custom = options.endpoint === undefined ? undefined : parseEndpoint(options.endpoint);

  /** The request path relative to the double, or undefined when the request is not for it. */
  const relativeUrl = (href: string): string | undefined => {
    const url = new URL(href);
    if (AWS_HOST.test(url.hostname)) return `${url.pathname}${url.search}`;
    if (custom !== undefined && url.origin === custom.origin) {
      if (custom.base === '') return `${url.pathname}${url.search}`;
      if (url.pathname === custom.base) return `/${url.search}`;
      if (url.pathname.startsWith(`${custom.base}/`))
        return `${url.pathname.slice(custom.base.length)}${url.search}`;
    }
    return undefined;
  };

  return [
    http.all(
      ({ request }) => relativeUrl(request.url) !== undefined,
      async ({ request }) => {
        const headers: Record<string, string> = {};
        request.headers.forEach((value, name) => {
          headers[name] = value;
        });
        const body = new Uint8Array(await request.arrayBuffer());
        const res = handleDoubleRequest(state, {
          method: request.method,
          url: relativeUrl(request.url) ?? '/',
          headers,
          body,
        });
        // A Fetch `Response` is what msw's `HttpResponse` extends; msw takes either.
        return new Response(res.body, { status: res.status, headers: res.headers });
      },
    ),
  ];
}
