import { describeThrown } from './describe-thrown.js';
import type { TransportFailureReason } from './target.js';

/** Node socket error codes meaning the connection could not be made at all. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
]);

/** Codes meaning the peer dropped a connection that was up. */
const RESET_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/** Codes meaning something took too long. */
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Codes meaning the answer was too large to take in (headers past undici's limit). */
const OVERSIZE_CODES = new Set(['UND_ERR_HEADERS_OVERFLOW', 'UND_ERR_RES_EXCEEDED_MAX_SIZE']);

/** Codes meaning the peer answered with something that is not well-formed HTTP. */
const MALFORMED_CODES = new Set([
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_INFO',
  'HPE_INVALID_CONSTANT',
  'ERR_HTTP_INVALID_HEADER_VALUE',
]);

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The error itself, then its `cause` chain and the first member of an AggregateError. */
function* errorChain(error: unknown): Generator<unknown> {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth++) {
    yield current;
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) yield errors[0];
    current = (current as { cause?: unknown }).cause;
  }
}

/**
 * Sorts a transport failure into a reason by its error codes (Node's `ECONN*`, undici's `UND_ERR_*`,
 * llhttp's `HPE_*`), looking through `cause` chains and AggregateErrors (a host with both IPv4 and
 * IPv6 addresses fails with one). `refused` covers every way of not reaching the host at all (refused,
 * DNS, no route), because for the run they mean the same thing: the target is unreachable.
 * Timeouts and aborts the caller started itself are decided by the caller, not here.
 *
 * @example
 * mapTransportError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })); // 'refused'
 */
export function mapTransportError(error: unknown): TransportFailureReason {
  try {
    return mapChain(error);
  } catch {
    // A thrown value whose properties cannot be read (a hostile Proxy) is no network fault we know.
    return 'other';
  }
}

function mapChain(error: unknown): TransportFailureReason {
  for (const e of errorChain(error)) {
    const code = codeOf(e);
    const name = (e as { name?: unknown }).name;
    if (code !== undefined) {
      if (UNREACHABLE_CODES.has(code)) return 'refused';
      if (TIMEOUT_CODES.has(code)) return 'timeout';
      if (RESET_CODES.has(code)) return 'reset';
      if (OVERSIZE_CODES.has(code)) return 'oversize';
      if (MALFORMED_CODES.has(code) || code.startsWith('HPE_')) return 'malformed-http';
      if (code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR') return 'aborted';
    }
    if (name === 'HTTPParserError') return 'malformed-http';
    if (name === 'TimeoutError') return 'timeout';
    if (name === 'AbortError') return 'aborted';
  }
  return 'other';
}

/**
 * One line describing a transport error, without stack traces (they go into reports).
 *
 * @example
 * describeTransportError(new Error('socket hang up')); // 'socket hang up'
 */
export function describeTransportError(error: unknown): string {
  try {
    return describeChain(error);
  } catch {
    return describeThrown(error);
  }
}

function describeChain(error: unknown): string {
  const parts: string[] = [];
  for (const e of errorChain(error)) {
    const message = e instanceof Error ? e.message : String(e);
    const code = codeOf(e);
    const text = code !== undefined && !message.includes(code) ? `${message} (${code})` : message;
    if (text !== '' && !parts.includes(text)) parts.push(text);
  }
  return (parts.join(': ') || 'unknown transport error').replace(/\s+/g, ' ');
}
