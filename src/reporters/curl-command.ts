import type { CaseRequest } from '../contract/types.js';
import { redactHeaders } from '../io/redact.js';
import { shellQuote } from '../io/shell-quote.js';

/** Longest curl line printed in full; longer bodies point at the fixture instead. */
const MAX_CURL_BODY = 4000;

/** How to reach a target with curl: its URL, and how it signs (for `aws:` targets). */
export interface CurlTarget {
  /** Base URL, e.g. `http://127.0.0.1:4566`. */
  url: string;
  /** SigV4 region when requests must be signed (curl ≥ 7.75 signs with `--aws-sigv4`). */
  sigv4Region?: string;
}

/**
 * A `curl` command that sends `request` to `target` as the runner sent it, with credentials and
 * signing headers left out (signing is redone by curl from the environment when needed).
 *
 * @example
 * curlCommand({ headers: { 'content-type': 'application/x-amz-json-1.1' }, body: {} }, { url: 'http://127.0.0.1:4566' });
 * // "curl -sS -i -X POST 'http://127.0.0.1:4566/' -H 'content-type: application/x-amz-json-1.1' --data-binary '{}'"
 */
export function curlCommand(request: CaseRequest, target: CurlTarget): string {
  const url = `${target.url.replace(/\/+$/, '')}${request.path ?? '/'}`;
  const parts = ['curl', '-sS', '-i', '-X', shellQuote(request.method ?? 'POST'), shellQuote(url)];
  for (const [name, value] of Object.entries(redactHeaders(request.headers))) {
    // Transport headers are curl's own business; sending stale ones would break the request.
    if (name === 'content-length' || name === 'host' || name === 'connection') continue;
    parts.push('-H', shellQuote(`${name}: ${value}`));
  }
  if (target.sigv4Region !== undefined) {
    parts.push('--aws-sigv4', shellQuote(`aws:amz:${target.sigv4Region}:opsworks`));
    parts.push('--user', '"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"');
  }
  let body: string | undefined;
  if (request.rawBody !== undefined) {
    if (request.rawBodyEncoding === 'base64') {
      parts.push('--data-binary', `@<(printf %s ${shellQuote(request.rawBody)} | base64 -d)`);
    } else body = request.rawBody;
  } else if (request.body !== undefined) body = JSON.stringify(request.body);
  if (body !== undefined) {
    if (body.length > MAX_CURL_BODY) {
      parts.push(
        '--data-binary',
        `@body.json  # body of ${body.length} chars: save it from report.json or the fixture`,
      );
    } else parts.push('--data-binary', shellQuote(body));
  }
  return parts.join(' ');
}
