import type { CaseRequest, Classification, WireResponse } from '../contract/types.js';

/** Why a request got no HTTP answer. */
export type TransportFailureReason =
  | 'timeout'
  | 'reset'
  | 'refused'
  | 'oversize'
  | 'malformed-http'
  | 'aborted'
  | 'other';

/**
 * One request and what came of it.
 * - `wire`: a raw HTTP response (double, http, msw targets) with its classification;
 * - `object`: an object-level target (SDK, `client:`) that never shows the wire, only an outcome;
 * - `transport-error`: no HTTP answer at all.
 */
export type Exchange =
  | { kind: 'wire'; response: WireResponse; classification: Classification; durationMs: number }
  | {
      kind: 'object';
      classification: Classification;
      durationMs: number;
      /**
       * What the client resolved with on success (minus SDK `$metadata`), so checks and reports can
       * see a result without a proper `DeploymentId`.
       */
      result?: unknown;
    }
  | {
      kind: 'transport-error';
      reason: TransportFailureReason;
      message: string;
      durationMs: number;
    };

/** What a target can express and observe. */
export interface TargetCapabilities {
  /** Raw bodies, arbitrary headers, methods and paths can be sent; responses are seen on the wire. */
  wire: boolean;
  /** A JSON `null` member reaches the target as `null` (the SDK drops them). */
  nulls: boolean;
  /** The target answers DescribeDeployments, so created deployments can be read back. */
  readBack: boolean;
}

/** Options for one send. */
export interface SendOptions {
  /** Aborts the request (per-request timeout, or the run being interrupted). */
  signal?: AbortSignal;
}

/**
 * Anything `check` can send requests to. Adapters live in `targets/`; the runner only sees this.
 *
 * @example
 * const target = createDoubleTarget();
 * const exchange = await target.send(request);
 */
export interface Target {
  /** A short display name, e.g. `double` or `http://127.0.0.1:4000`. Never contains credentials. */
  readonly name: string;
  readonly capabilities: TargetCapabilities;
  /** Why this target cannot send `request` (so it is skipped and counted), or `undefined` if it can. */
  cannotExpress(request: CaseRequest): string | undefined;
  /** Sends one request. Never rejects for a target fault: those come back as `transport-error`. */
  send(request: CaseRequest, options?: SendOptions): Promise<Exchange>;
  /**
   * Reads deployments back through DescribeDeployments (`readBack` targets only). Resolves to the
   * `Deployments` array the target returned, or an Exchange when the call itself failed.
   */
  describeDeployments?(deploymentIds: string[], options?: SendOptions): Promise<unknown[] | Exchange>;
  /**
   * Warnings to print before the run starts (e.g. that real deployments will be created). Absent or
   * empty for most targets.
   */
  readonly warnings?: readonly string[];
  /** Releases connections, servers and workers. */
  close(): Promise<void>;
}
