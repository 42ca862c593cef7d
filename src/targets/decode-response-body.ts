const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A response body as text when it is valid UTF-8 (so reports show it as written), else the bytes
 * unchanged (so the classifier and the reports see exactly what came back).
 *
 * @example
 * decodeResponseBody(new TextEncoder().encode('{}')); // '{}'
 */
export function decodeResponseBody(bytes: Uint8Array): string | Uint8Array {
  try {
    return utf8.decode(bytes);
  } catch {
    return bytes;
  }
}
