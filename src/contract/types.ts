/**
 * The shared vocabulary of the toolkit: requests as they go on the wire, responses as they come back,
 * what the oracle expects and what a check concludes. Every layer speaks these types, so they live
 * in `contract/` and import nothing but each other.
 */

/** How sure the project is of a contract fact (see `contract-facts.md`). */
export type Level = 'documented' | 'protocol' | 'observed';

/** Every level, strongest first. */
export const LEVELS: readonly Level[] = ['documented', 'protocol', 'observed'];

/**
 * What a request led to: `success`, or the error type an AWS SDK would read off the wire
 * (`ValidationException`, `ResourceNotFoundException`, `SerializationException`, ...).
 * `unrecognized` means the response could not be read as either.
 */
export type Outcome = string;

/** The outcome of a 200 response carrying a CreateDeployment result. */
export const SUCCESS = 'success' as const;
/** The outcome of a response that is neither a readable success nor a readable error. */
export const UNRECOGNIZED = 'unrecognized' as const;

/**
 * A wildcard in `Expectation.allowed`: any non-success answer with a 4xx status (where the documents
 * say "a client error" without naming its type, e.g. a wrong Content-Type).
 */
export const ANY_CLIENT_ERROR = 'client-error' as const;

/**
 * A request as it goes on the wire. Most cases carry a JSON `body`; wire-level cases carry
 * `rawBody` (exact text, or base64 bytes when `rawBodyEncoding` is `base64`, for invalid UTF-8).
 * Exactly one of `body` and `rawBody` is present; neither means an empty body.
 *
 * @example
 * const req: CaseRequest = {
 *   headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'OpsWorks_20130218.CreateDeployment' },
 *   body: { StackId: '…', Command: { Name: 'setup' } },
 * };
 */
export interface CaseRequest {
  /** HTTP method; `POST` when absent. */
  method?: string;
  /** Request path; `/` when absent. */
  path?: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** A JSON value, serialised with `JSON.stringify` when sent. */
  body?: unknown;
  /** The exact body, for requests that are not a JSON serialisation of a value. */
  rawBody?: string;
  /** How `rawBody` is encoded; `utf8` when absent. */
  rawBodyEncoding?: 'utf8' | 'base64';
}

/** A generated case: the request and the names of the mutations applied to it. */
export interface Case {
  request: CaseRequest;
  /**
   * Mutation categories applied (`missing-required`, `malformed-custom-json`, ...), each optionally
   * followed by `:` and the path it touched (`missing-required:StackId`). Empty for valid cases.
   */
  labels: string[];
}

/** A raw HTTP response as a wire target received it. Header names are lower case. */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  /** The body as received (possibly cut at a size cap). */
  body: string | Uint8Array;
  /** True when the body was longer than the cap and the rest was discarded. */
  truncated?: boolean;
}

/** How a response was read (see `classifyResponse`). */
export interface Classification {
  outcome: Outcome;
  status: number;
  /** The error message, when the response carried one. */
  message?: string;
  /** The `DeploymentId` of a success. */
  deploymentId?: string;
  /** Where the error type was read from, for reports. */
  errorTypeSource?: 'header' | 'code' | '__type';
}

/** What the oracle allows for one request. */
export interface Expectation {
  /** The outcomes a conformant service may produce. Never empty. */
  allowed: Outcome[];
  /**
   * Ids of the rules behind `allowed` (see the rule catalog): the deciding rules first, most decisive
   * first, then rules the case exercises without deciding it (`null-is-absent`, `charset-parameter-accepted`).
   */
  rules: string[];
  /** True when the documents leave the outcome open; such a case never fails a run. */
  unspecified: boolean;
  /** Short human notes on why (for reports). */
  notes: string[];
}

/** The result of one check on one exchange. A check returns it; it never throws to fail. */
export type Verdict =
  | { status: 'passed' }
  | { status: 'failed'; expected: string; observed: string; reason: string }
  | { status: 'skipped'; why: string };

/** The stack-scoped IDs that exist on a target. */
export interface WorldStack {
  StackId: string;
  AppIds: string[];
  LayerIds: string[];
  InstanceIds: string[];
}

/** The IDs that exist on a target (the world file). */
export interface World {
  stacks: WorldStack[];
}

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
