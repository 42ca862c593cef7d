import { afterEach, describe, expect, it } from 'vitest';
import type { World } from '../../src/contract/types.js';
import { InputError } from '../../src/errors/input-error.js';
import { resolveTarget } from '../../src/targets/resolve-target.js';
import type { Target } from '../../src/targets/target.js';

const world: World = { stacks: [] };
const base = { world, timeoutMs: 1000, concurrency: 2, cwd: process.cwd() };
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
