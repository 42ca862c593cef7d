/**
 * The value of header `name` (given in lower case) in `headers`, whatever the letter case of the keys.
 * Cases and responses keep lower-case names, so the direct lookup answers on the hot path; hand-written
 * requests and users' mocks may not, hence the scan.
 *
 * @example
 * headerValue({ 'Content-Type': 'application/x-amz-json-1.1' }, 'content-type'); // 'application/x-amz-json-1.1'
 */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const direct = headers[name];
  if (direct !== undefined) return direct;
  for (const key in headers) {
    if (key.length === name.length && key.toLowerCase() === name) return headers[key];
  }
  return undefined;
}
