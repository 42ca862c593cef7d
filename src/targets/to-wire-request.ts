import type { CaseRequest } from '../contract/types.js';

/** A {@link CaseRequest} made concrete: the exact method, path, headers and body bytes to send. */
export interface WireRequest {
  method: string;
  path: string;
  /** Header names in lower case, as the case gave them. */
  headers: Record<string, string>;
  /** The JSON serialisation of `body`, the `rawBody` text, or its decoded base64 bytes; `''` for none. */
  body: string | Uint8Array;
}

/**
 * Serialises a case request once, so every wire target sends the same bytes for the same case:
 * `rawBody` wins (text, or bytes when `rawBodyEncoding` is `base64`), else `JSON.stringify(body)`,
 * else an empty body. Headers are passed through by reference: callers that add headers copy first.
 *
 * @example
 * toWireRequest({ headers: {}, body: { StackId: 's' } }).body; // '{"StackId":"s"}'
 */
export function toWireRequest(request: CaseRequest): WireRequest {
  let body: string | Uint8Array = '';
  if (request.rawBody !== undefined) {
    body =
      request.rawBodyEncoding === 'base64'
        ? new Uint8Array(Buffer.from(request.rawBody, 'base64'))
        : request.rawBody;
  } else if (request.body !== undefined) {
    // JSON.stringify returns undefined for a bare function or symbol; such a body cannot be sent
    // as JSON, so it goes out empty rather than as the text "undefined".
    body = JSON.stringify(request.body) ?? '';
  }
  return { method: request.method ?? 'POST', path: request.path ?? '/', headers: request.headers, body };
}

/**
 * The byte length of a body as it goes on the wire (UTF-8 for text).
 *
 * @example
 * bodyByteLength('é'); // 2
 */
export function bodyByteLength(body: string | Uint8Array): number {
  return typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength;
}
