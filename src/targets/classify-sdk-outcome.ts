import type { Classification } from '../contract/types.js';
import { SUCCESS, UNRECOGNIZED } from '../contract/types.js';
import { describeTransportError, mapTransportError } from './map-transport-error.js';
import type { TransportFailureReason } from './target.js';

/** What a thrown SDK (or SDK-like) error amounts to: a service answer, or no answer at all. */
export type SdkErrorReading =
  | { kind: 'answer'; classification: Classification }
  | { kind: 'transport'; reason: TransportFailureReason; message: string };

/** Names that say "the JavaScript runtime failed", not "the service named an error type". */
const RUNTIME_ERROR_NAMES = new Set([
  'Error',
  'SyntaxError',
  'TypeError',
  'RangeError',
  'ReferenceError',
  'EvalError',
  'URIError',
  'AggregateError',
  'UnknownError',
  '',
]);

function statusOf(value: unknown): number | undefined {
  const status = (value as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata?.httpStatusCode;
  return typeof status === 'number' && Number.isInteger(status) ? status : undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

/**
 * The success an SDK-style `send` resolved with: outcome `success`, the status from `$metadata`
 * (0 when the client does not say, e.g. a mock), and the `DeploymentId` when it is a string. The
 * resolved object is returned too (without `$metadata`) so a result lacking a proper `DeploymentId`
 * is still visible to the checks.
 *
 * @example
 * classifySdkResult({ DeploymentId: 'd-1', $metadata: { httpStatusCode: 200 } }).classification.deploymentId; // 'd-1'
 */
export function classifySdkResult(value: unknown): { classification: Classification; result: unknown } {
  try {
    return readResult(value);
  } catch {
    // A resolved value whose reads throw: still a success for the outcome, with nothing readable.
    return { classification: { outcome: SUCCESS, status: 0 }, result: undefined };
  }
}

function readResult(value: unknown): { classification: Classification; result: unknown } {
  const classification: Classification = { outcome: SUCCESS, status: statusOf(value) ?? 0 };
  let result: unknown = value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { $metadata: _metadata, ...rest } = value as Record<string, unknown>;
    result = rest;
    if (typeof rest.DeploymentId === 'string') classification.deploymentId = rest.DeploymentId;
  }
  return { classification, result };
}

/**
 * Reads an error thrown by `send` the way a caller of the SDK would. An error that came with an
 * HTTP status (`$metadata.httpStatusCode`) or a `$fault` is a service answer: its outcome is the
 * error's `name` (the SDK names unmodelled types after the wire's `__type`), except when the name
 * is a runtime error or a bare status code (the SDK's names for "could not parse" and "no type on
 * the wire"), which read as `unrecognized`. Anything else is a transport failure (refused, reset,
 * timeout...) for the SDK; for `client:` modules (`lenient`), an error carrying a custom name is
 * still read as that error type, since mocks rarely fill in `$metadata`.
 *
 * @example
 * classifySdkError(Object.assign(new Error('bad'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } }));
 * // { kind: 'answer', classification: { outcome: 'ValidationException', status: 400, message: 'bad' } }
 */
export function classifySdkError(error: unknown, options: { lenient?: boolean } = {}): SdkErrorReading {
  try {
    return readError(error, options);
  } catch {
    // Only a hostile thrown value (a Proxy whose reads throw) gets here: an answer nobody can read.
    return {
      kind: 'answer',
      classification: { outcome: UNRECOGNIZED, status: 0, message: 'send threw a value that cannot be read' },
    };
  }
}

function readError(error: unknown, options: { lenient?: boolean }): SdkErrorReading {
  const status = statusOf(error);
  const name = typeof (error as { name?: unknown } | null)?.name === 'string' ? (error as Error).name : '';
  const rawMessage = (error as { message?: unknown } | null)?.message;
  const message = typeof rawMessage === 'string' ? firstLine(rawMessage) : undefined;
  const isServiceError =
    status !== undefined || typeof (error as { $fault?: unknown } | null)?.$fault === 'string';
  if (!isServiceError) {
    const reason = mapTransportError(error);
    if (reason !== 'other' || options.lenient !== true || RUNTIME_ERROR_NAMES.has(name)) {
      if (options.lenient === true && reason === 'other') {
        // A mock that throws a plain Error answered, just not in any way a service would.
        const classification: Classification = { outcome: UNRECOGNIZED, status: 0 };
        classification.message = `send threw ${name || 'a non-error'}${message ? `: ${message}` : ''}`;
        return { kind: 'answer', classification };
      }
      return { kind: 'transport', reason, message: describeTransportError(error) };
    }
  }
  const unreadable = RUNTIME_ERROR_NAMES.has(name) || /^\d{3}$/.test(name);
  const classification: Classification = { outcome: unreadable ? UNRECOGNIZED : name, status: status ?? 0 };
  if (message !== undefined && message !== 'UnknownError') classification.message = message;
  return { kind: 'answer', classification };
}
