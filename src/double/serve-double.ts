import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { World } from '../contract/types.js';
import { JSON_CONTENT_TYPE } from '../contract/wire.js';
import { InputError } from '../errors/input-error.js';
import { loadDefaultWorld } from '../world/load-world.js';
import { createDoubleState, type DoubleState } from './core/double-state.js';
import { handleDoubleRequest } from './core/handle-double-request.js';

/** One served request, for logging. Never carries headers, so credentials cannot leak into a log. */
export interface ServedRequest {
  method: string;
  path: string;
  /** The operation named by `X-Amz-Target` (`CreateDeployment`), or `-` when none. */
  operation: string;
  status: number;
  /** The error type, or `-` for a success. */
  outcome: string;
  durationMs: number;
}

/** Options of {@link serveDouble}. */
export interface ServeDoubleOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to bind; `127.0.0.1` by default, so the double is not reachable from other machines. */
  host?: string;
  /** The IDs that exist. Default: the default world. Ignored when `state` is given. */
  world?: World;
  /** A state to share with other handlers or to inspect (its own `requireAuth` then applies). */
  state?: DoubleState;
  /**
   * Milliseconds added before every answer (to exercise client timeouts), from 0 to 3,600,000 (an
   * hour, the CLI's `--latency` limit). Default 0. A wait ends early, without an answer, when its
   * client hangs up; `close()` treats a request still waiting as in flight: it is answered if its
   * wait ends within the grace period, else its connection is cut. A wait never keeps the process
   * alive after `close()` has resolved.
   */
  latencyMs?: number;
  /** Fraction (0–1) of requests answered 400 ThrottlingException `Rate exceeded`. Default 0. */
  throttleRate?: number;
  /** Random source for throttling, in [0, 1). Default `Math.random`. */
  random?: () => number;
  /**
   * Answer 403 MissingAuthenticationTokenException to requests without a SigV4 Authorization header.
   * Ignored when `state` is given.
   */
  requireAuth?: boolean;
  /** Largest accepted request body; larger ones get 413. Default 16 MiB. */
  maxBodyBytes?: number;
  /** Called once per answered request (the CLI's `--verbose`). */
  onRequest?: (request: ServedRequest) => void;
}

/** A running double server. */
export interface ServedDouble {
  /** `http://127.0.0.1:PORT`, ready to pass as the SDK's `endpoint`. */
  url: string;
  port: number;
  state: DoubleState;
  /**
   * Stops accepting, closes idle keep-alive connections, and resolves when the server has closed.
   * Requests in flight, including those waiting on `latencyMs`, get 2 s to be answered; then their
   * connections are cut and their latency timers cleared, so nothing of the server holds the process.
   */
  close(): Promise<void>;
}

/** How long `close()` lets requests in flight finish before cutting their connections. */
const CLOSE_GRACE_MS = 2_000;

/**
 * The most `latencyMs` may add, an hour (the CLI's `--latency` limit): past 2^31-1 ms Node's timers
 * overflow and fire at once, so an unbounded latency could silently mean none.
 */
const MAX_LATENCY_MS = 3_600_000;

function checkOptions(o: ServeDoubleOptions): void {
  const port = o.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new InputError(`port ${port}: must be an integer from 0 to 65535; 0 picks a free port`);
  }
  const latency = o.latencyMs ?? 0;
  if (!Number.isFinite(latency) || latency < 0) {
    throw new InputError(`latency ${latency}: must be a number of milliseconds, 0 or more`);
  }
  if (latency > MAX_LATENCY_MS) {
    throw new InputError(
      `latency ${latency}: over the ${MAX_LATENCY_MS} ms (one hour) limit; pass ${MAX_LATENCY_MS} or less`,
    );
  }
  const rate = o.throttleRate ?? 0;
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new InputError(`throttle rate ${rate}: must be a fraction from 0 to 1, e.g. 0.1`);
  }
  const max = o.maxBodyBytes ?? 16 * 1024 * 1024;
  if (!Number.isInteger(max) || max < 1)
    throw new InputError(`maxBodyBytes ${max}: must be a positive integer`);
}

function operationOf(target: string | string[] | undefined): string {
  if (typeof target !== 'string') return '-';
  const dot = target.lastIndexOf('.');
  return dot < 0 ? target : target.slice(dot + 1);
}

function errorTypeOf(status: number, body: string): string {
  if (status < 300) return '-';
  try {
    const t = (JSON.parse(body) as { __type?: unknown }).__type;
    return typeof t === 'string' ? t : 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * Serves the reference double over HTTP/1.1 (keep-alive) for clients that cannot be intercepted:
 * other processes, other languages, the AWS CLI. Binds 127.0.0.1 unless told otherwise.
 *
 * @example
 * const double = await serveDouble({ port: 0 });
 * const client = new OpsWorksClient({ endpoint: double.url, region: 'us-east-1', credentials });
 * // ...
 * await double.close();
 */
export async function serveDouble(options: ServeDoubleOptions = {}): Promise<ServedDouble> {
  checkOptions(options);
  const state =
    options.state ??
    createDoubleState(options.world ?? loadDefaultWorld(), { requireAuth: options.requireAuth ?? false });
  const latencyMs = options.latencyMs ?? 0;
  const throttleRate = options.throttleRate ?? 0;
  const random = options.random ?? Math.random;
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const onRequest = options.onRequest;
  /** Answers waiting on `latencyMs`: each leaves when it fires or its response closes; `close()` clears the rest. */
  const waiting = new Set<NodeJS.Timeout>();
  const clearWaiting = (): void => {
    for (const timer of waiting) clearTimeout(timer);
    waiting.clear();
  };

  const send = (
    req: IncomingMessage,
    res: ServerResponse,
    started: number,
    status: number,
    headers: Record<string, string>,
    body: string,
  ): void => {
    const finish = (): void => {
      if (res.destroyed) return;
      res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
      res.end(body);
      onRequest?.({
        method: req.method ?? '-',
        path: (req.url ?? '/').split('?')[0] ?? '/',
        operation: operationOf(req.headers['x-amz-target']),
        status,
        outcome: errorTypeOf(status, body),
        durationMs: performance.now() - started,
      });
    };
    if (latencyMs <= 0) {
      finish();
      return;
    }
    // Its client already gone (its 'close' has fired): nothing to wait for, nobody to answer.
    if (res.destroyed) return;
    const timer = setTimeout(() => {
      waiting.delete(timer);
      finish();
    }, latencyMs);
    waiting.add(timer);
    // A client that hangs up (or a connection cut by close()) must not leave the wait behind.
    res.once('close', () => {
      clearTimeout(timer);
      waiting.delete(timer);
    });
  };

  const server = createServer({ keepAlive: true }, (req, res) => {
    const started = performance.now();
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = (): void => {
      refused = true;
      const body = JSON.stringify({
        __type: 'RequestEntityTooLargeException',
        message: `Request body exceeds ${maxBodyBytes} bytes`,
      });
      // Close the connection: the rest of the oversize body is not worth reading.
      res.setHeader('connection', 'close');
      send(
        req,
        res,
        started,
        413,
        { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': state.newId() },
        body,
      );
      req.resume();
    };
    if (declared > maxBodyBytes) {
      tooLarge();
      return;
    }
    // A client that hangs up mid-body is its own problem; the server carries on.
    req.on('error', () => {});
    res.on('error', () => {});
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > maxBodyBytes) tooLarge();
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return;
      if (throttleRate > 0 && random() < throttleRate) {
        const body = JSON.stringify({ __type: 'ThrottlingException', message: 'Rate exceeded' });
        send(
          req,
          res,
          started,
          400,
          { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-requestid': state.newId() },
          body,
        );
        return;
      }
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      const result = handleDoubleRequest(state, {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers,
        body: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      });
      send(
        req,
        res,
        started,
        result.status,
        result.headers,
        typeof result.body === 'string' ? result.body : Buffer.from(result.body).toString('utf8'),
      );
    });
  });
  // Drop idle keep-alive connections after a while so `close()` never waits on a forgotten client.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      reject(
        error.code === 'EADDRINUSE'
          ? new InputError(`port ${options.port}: already in use; pick another or pass 0 for a free one`)
          : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND'
            ? new InputError(
                `host ${options.host}: cannot bind to it; use 127.0.0.1 or an address of this machine`,
              )
            : error,
      );
    };
    server.once('error', onError);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Requests in flight get a grace period to finish; a client that stalls mid-request
        // (or holds a connection open) must not keep the server, or the CLI, from stopping.
        // Answers still waiting on latency count as in flight: the grace may let them go out; past it,
        // their connections are cut and their timers cleared.
        const force = setTimeout(() => {
          server.closeAllConnections();
          clearWaiting();
        }, CLOSE_GRACE_MS);
        force.unref();
        server.close((error) => {
          clearTimeout(force);
          clearWaiting();
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
