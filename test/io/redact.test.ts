import { describe, expect, it } from 'vitest';
import { REDACTED, redactHeaders, redactText, secretsFromEnv } from '../../src/io/redact.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLETOKENvalue+/=abc';

describe('redactHeaders', () => {
  it('drops Authorization and the session token, keeps harmless signing headers', () => {
    const out = redactHeaders({
      Authorization: `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/opsworks/aws4_request, SignedHeaders=host, Signature=${'a'.repeat(64)}`,
      'X-Amz-Security-Token': TOKEN,
      'X-Amz-Date': '20250101T000000Z',
      'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'Content-Type': 'application/x-amz-json-1.1',
    });
    expect(out).toEqual({
      'x-amz-date': '20250101T000000Z',
      'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'content-type': 'application/x-amz-json-1.1',
    });
    expect(JSON.stringify(out)).not.toMatch(/AKIA|Signature|IQoJ/);
  });

  it('masks credentials that travel in other headers', () => {
    expect(redactHeaders({ 'x-debug': 'key=ASIAIOSFODNN7EXAMPLE' })).toEqual({
      'x-debug': `key=ASIA${REDACTED}`,
    });
    expect(redactHeaders({ 'x-echo': `s=${SECRET}` }, [SECRET])).toEqual({ 'x-echo': `s=${REDACTED}` });
  });
});

describe('redactText', () => {
  it('masks access key ids, signatures, credentials and named secrets', () => {
    const text = [
      'AKIAIOSFODNN7EXAMPLE',
      `https://x/?X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20250101&X-Amz-Signature=${'b'.repeat(64)}&X-Amz-Security-Token=${encodeURIComponent(TOKEN)}`,
      `aws_secret_access_key = ${SECRET}`,
      `"SecretAccessKey": "${SECRET}"`,
    ].join('\n');
    const out = redactText(text);
    expect(out).not.toContain('IOSFODNN7');
    expect(out).not.toContain(SECRET);
    expect(out).not.toContain('b'.repeat(64));
    expect(out).not.toContain('IQoJ');
    expect(out.split('\n')[0]).toBe(`AKIA${REDACTED}`);
  });

  it('masks every occurrence of the given secrets, taken from the environment', () => {
    const secrets = secretsFromEnv({
      AWS_SECRET_ACCESS_KEY: SECRET,
      AWS_SESSION_TOKEN: TOKEN,
      AWS_REGION: 'us-east-1',
    });
    expect(secrets).toEqual([SECRET, TOKEN]);
    expect(redactText(`a ${SECRET} b ${TOKEN} c ${SECRET}`, secrets)).toBe(
      `a ${REDACTED} b ${REDACTED} c ${REDACTED}`,
    );
  });

  it('leaves ordinary text alone, ignores too-short secrets, and is idempotent', () => {
    const text = '{"StackId":"0426aba7-d9a4-4e01-87a3-6b4d1145b26d","Command":{"Name":"deploy"}}';
    expect(redactText(text, ['a', ''])).toBe(text);
    const once = redactText(`AKIAIOSFODNN7EXAMPLE ${SECRET}`, [SECRET]);
    expect(redactText(once, [SECRET])).toBe(once);
  });
});
