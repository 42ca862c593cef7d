import { afterEach, describe, expect, it } from 'vitest';
import type { World } from '../../src/contract/types.js';
import { InputError } from '../../src/errors/input-error.js';
import { resolveTarget } from '../../src/targets/resolve-target.js';
import type { Target } from '../../src/targets/target.js';
import { recordingServer } from './loopback-servers.js';

const world: World = { stacks: [] };
const base = { world, timeoutMs: 10_000, concurrency: 2, cwd: process.cwd() };
const opened: Target[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close();
});

async function resolve(
  spec: string,
  extra: Partial<typeof base> & Record<string, unknown> = {},
): Promise<Target> {
  const t = await resolveTarget(spec, { ...base, ...extra });
  opened.push(t);
  return t;
}

describe('resolveTarget', () => {
  it('resolves the embedded double and http(s) URLs', async () => {
    expect((await resolve('double')).name).toBe('double');
    expect((await resolve('http://127.0.0.1:4000')).name).toBe('http://127.0.0.1:4000');
    const https = await resolve('https://opsworks.us-east-1.amazonaws.com');
    expect(https.name).toBe('https://opsworks.us-east-1.amazonaws.com');
    expect(https.capabilities.wire).toBe(true);
  });

  it('reads back through http targets only when asked', async () => {
    expect((await resolve('http://127.0.0.1:4000')).capabilities.readBack).toBe(false);
    const t = await resolve('http://127.0.0.1:4000', { readBack: true });
    expect(t.capabilities.readBack).toBe(true);
    expect(typeof t.describeDeployments).toBe('function');
  });

  it.each([
    ['', /empty/],
    ['ftp://x', /unknown scheme 'ftp:'/],
    ['dubble', /unknown target/],
    ['http://', /not a valid URL/],
    ['http://127.0.0.1:4000/?q=1', /query/],
  ])('refuses %j with an InputError listing the accepted forms', async (spec, problem) => {
    const error = await resolveTarget(spec, base).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(problem);
    expect((error as Error).message).toMatch(/double, http:\/\/HOST:PORT.*client:PATH/);
  });

  it('refuses credentials in a URL without echoing them', async () => {
    for (const spec of [
      'http://AKIAEXAMPLE:s3cr3t@127.0.0.1:4000',
      'sdk:https://AKIAEXAMPLE:s3cr3t@example.com',
    ]) {
      const error = await resolveTarget(spec, base).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(/credentials/);
      expect((error as Error).message).not.toMatch(/s3cr3t|AKIAEXAMPLE/);
    }
  });
});

describe('resolveTarget --sign', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  function isolateFromRealCredentials(): void {
    for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
    // No files, no instance metadata: the chain fails without touching the network.
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    process.env.AWS_CONFIG_FILE = '/nonexistent/aws-config';
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/aws-credentials';
  }

  it('signs with the credentials of the standard chain', async () => {
    isolateFromRealCredentials();
    process.env.AWS_ACCESS_KEY_ID = 'AKIAFAKEFORTESTS0001';
    process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret-for-tests';
    const server = await recordingServer();
    try {
      const t = await resolve(server.url, { sign: true });
      await t.send({ headers: { 'content-type': 'application/x-amz-json-1.1' }, body: {} });
      expect(server.received[0]?.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIAFAKEFORTESTS0001\/\d{8}\/us-east-1\/opsworks\/aws4_request/,
      );
    } finally {
      await server.close();
    }
  });

  it('without credentials, is one InputError up front, for http and sdk alike', async () => {
    isolateFromRealCredentials();
    for (const spec of ['http://127.0.0.1:4000', 'sdk:http://127.0.0.1:4000']) {
      const error = await resolveTarget(spec, { ...base, sign: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toMatch(/^--sign: no AWS credentials found/);
    }
  });
});
