import type { CaseRequest, Exchange } from '../contract/types.js';

// Exchange is part of the contract vocabulary (checks judge it); targets produce it.
export type { Exchange, TransportFailureReason } from '../contract/types.js';

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
