import { headerValue } from './header-value.js';
import type { Classification } from './types.js';
import { SUCCESS, UNRECOGNIZED } from './types.js';

/** A raw HTTP response, as any wire target or a user's own test has it. */
export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

const DECODER = new TextDecoder('utf-8');

function bodyText(body: string | Uint8Array): string {
  return typeof body === 'string' ? body : DECODER.decode(body);
}

function parseObject(text: string): Record<string, unknown> | undefined {
  // Skip the parse when the text cannot be an object: cheap, and very large garbage stays cheap.
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t'))
    i++;
  if (text[i] !== '{') return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reduces a raw error code to its type name the way the AWS SDK does for awsJson1_1: numbers become
 * strings, then keep the part before the first `,` and the first `:`, then the part after the first `#`.
 */
export function sanitizeErrorCode(raw: unknown): string | undefined {
  const start = typeof raw === 'number' ? String(raw) : raw;
  if (typeof start !== 'string') return undefined;
  let value = start;
  if (value.includes(',')) value = value.slice(0, value.indexOf(','));
  if (value.includes(':')) value = value.slice(0, value.indexOf(':'));
  if (value.includes('#')) value = value.slice(value.indexOf('#') + 1);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * Reads a raw HTTP response the way an AWS SDK does for awsJson1_1 and names its outcome: `success`
 * for a 2xx JSON object (or empty) body, otherwise the error type taken from the `X-Amzn-Errortype`
 * header, else body `code`, else body `__type` (only top-level members count). A response that is
 * neither comes back `unrecognized`. Never throws: non-JSON, empty, truncated and huge bodies are all
 * classified.
 *
 * @example
 * classifyResponse({
 *   status: 400,
 *   headers: { 'content-type': 'application/x-amz-json-1.1' },
 *   body: '{"__type":"com.amazonaws.opsworks#ValidationException","message":"bad"}',
 * });
 * // { outcome: 'ValidationException', status: 400, message: 'bad', errorTypeSource: '__type' }
 */
export function classifyResponse(response: RawResponse): Classification {
  const status = response.status;
  const text = bodyText(response.body);
  const data = parseObject(text);
  if (status >= 200 && status < 300) {
    if (data === undefined && text.trim() !== '') return { outcome: UNRECOGNIZED, status };
    const c: Classification = { outcome: SUCCESS, status };
    const id = data?.DeploymentId;
    if (typeof id === 'string') c.deploymentId = id;
    return c;
  }
  let outcome: string | undefined;
  let source: Classification['errorTypeSource'];
  const fromHeader = sanitizeErrorCode(headerValue(response.headers, 'x-amzn-errortype'));
  if (fromHeader !== undefined) {
    outcome = fromHeader;
    source = 'header';
  } else if (data?.code !== undefined && sanitizeErrorCode(data.code) !== undefined) {
    outcome = sanitizeErrorCode(data.code);
    source = 'code';
  } else if (data?.__type !== undefined && sanitizeErrorCode(data.__type) !== undefined) {
    outcome = sanitizeErrorCode(data.__type);
    source = '__type';
  }
  const c: Classification = { outcome: outcome ?? UNRECOGNIZED, status };
  if (source !== undefined) c.errorTypeSource = source;
  const message = data?.message ?? data?.Message;
  if (typeof message === 'string') c.message = message;
  return c;
}
