/**
 * Keeps credentials out of reports, fixtures and logs. Headers that carry signing material are
 * dropped; access key ids, SigV4 signatures and given secrets are masked in any text.
 */

/** Headers never written anywhere (lower case). `x-amz-date` and `x-amz-content-sha256` are harmless and kept. */
export const SECRET_HEADERS: readonly string[] = [
  'authorization',
  'proxy-authorization',
  'x-amz-security-token',
  'cookie',
  'set-cookie',
];

/** What a masked value is replaced with. */
export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not masked by value: masking "ab" everywhere would garble the text. */
const MIN_SECRET_LENGTH = 8;

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // Access key ids (long-term AKIA, temporary ASIA): keep the prefix so a reader knows what was there.
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, `$1${REDACTED}`],
  // SigV4 pieces, whether in an Authorization header value or a presigned URL.
  [/(Signature=)[0-9a-f]{64}/gi, `$1${REDACTED}`],
  [/(Credential=)[^,\s&"'\\]+/gi, `$1${REDACTED}`],
  [/(X-Amz-Security-Token=)[^&\s"'\\]+/gi, `$1${REDACTED}`],
  // A secret access key written next to its name (config files, env dumps, JSON).
  [/(secret_?access_?key["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{40}/gi, `$1${REDACTED}`],
  [/(session_?token["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{16,}/gi, `$1${REDACTED}`],
];

/**
 * Masks AWS access key ids, SigV4 signatures and credentials, and every occurrence of the given
 * secrets (pass e.g. `secretsFromEnv(process.env)`). Idempotent.
 *
 * @example
 * redactText('key AKIAIOSFODNN7EXAMPLE'); // 'key AKIA[REDACTED]'
 */
export function redactText(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret !== undefined && secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * Returns a copy of `headers` (names lower-cased) without signing material and with the remaining
 * values passed through `redactText`.
 *
 * @example
 * redactHeaders({ Authorization: 'AWS4-HMAC-SHA256 …', 'X-Amz-Date': '20250101T000000Z' });
 * // { 'x-amz-date': '20250101T000000Z' }
 */
export function redactHeaders(
  headers: Record<string, string>,
  secrets: readonly (string | undefined)[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (SECRET_HEADERS.includes(lower)) continue;
    out[lower] = redactText(String(value), secrets);
  }
  return out;
}

/**
 * The secret values in an environment worth masking by value: the secret access key and the
 * session token.
 *
 * @example
 * redactText(message, secretsFromEnv(process.env));
 */
export function secretsFromEnv(env: Record<string, string | undefined>): string[] {
  return [env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN].filter(
    (v): v is string => v !== undefined && v !== '',
  );
}
