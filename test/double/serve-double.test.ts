import { OpsWorksClient } from '@aws-sdk/client-opsworks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServedDouble, type ServedRequest, serveDouble } from '../../src/double/serve-double.js';
import { InputError } from '../../src/errors/input-error.js';
import { sdkConformance } from './sdk-conformance.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' };

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'OpsWorks_20130218.CreateDeployment',
      ...headers,
    },
    body,
  });
}

describe('serveDouble with @aws-sdk/client-opsworks', () => {
  let served: ServedDouble;
  let client: OpsWorksClient;
  const seen: ServedRequest[] = [];
  beforeAll(async () => {
    served = await serveDouble({ port: 0, onRequest: (r) => seen.push(r) });
    client = new OpsWorksClient({ endpoint: served.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  });
  afterAll(async () => {
    client.destroy();
    await served.close();
  });

  it('listens on 127.0.0.1 and a free port', () => {
    expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(served.port).toBeGreaterThan(0);
  });

  sdkConformance(() => client);

  it('logs one line per request without headers', () => {
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toMatchObject({ method: 'POST', path: '/', operation: 'CreateDeployment' });
    expect(JSON.stringify(seen)).not.toContain('AKIDEXAMPLE');
  });

  it('refuses a body over the cap with 413', async () => {
    const small = await serveDouble({ port: 0, maxBodyBytes: 1024 });
    try {
      const res = await post(small.url, `{"Comment":"${'x'.repeat(4096)}"}`);
      expect(res.status).toBe(413);
    } finally {
      await small.close();
    }
  });
});

describe('serveDouble knobs', () => {
  it('throttles the requested fraction with ThrottlingException "Rate exceeded"', async () => {
    const served = await serveDouble({ port: 0, throttleRate: 1 });
    try {
      const res = await post(served.url, '{}');
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ __type: 'ThrottlingException', message: 'Rate exceeded' });
      expect(res.headers.get('x-amzn-requestid')).toBeTruthy();
    } finally {
      await served.close();
    }
  });

  it('with requireAuth, answers MissingAuthenticationTokenException to unsigned requests; the SDK signs', async () => {
    const served = await serveDouble({ port: 0, requireAuth: true });
    const client = new OpsWorksClient({
      endpoint: served.url,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    });
    try {
      const res = await post(served.url, '{}');
      expect(res.status).toBe(403);
      expect(((await res.json()) as { __type?: string }).__type).toBe('MissingAuthenticationTokenException');
      const { CreateDeploymentCommand } = await import('@aws-sdk/client-opsworks');
      const out = await client.send(
        new CreateDeploymentCommand({
          StackId: served.state.world.stacks[0]?.StackId,
          Command: { Name: 'setup' },
        }),
      );
      expect(out.DeploymentId).toBeTruthy();
    } finally {
      client.destroy();
      await served.close();
    }
  });

  it('rejects bad options with InputError', async () => {
    await expect(serveDouble({ port: 70000 })).rejects.toBeInstanceOf(InputError);
    await expect(serveDouble({ throttleRate: 2 })).rejects.toBeInstanceOf(InputError);
  });

  it('reports a port in use as InputError', async () => {
    const first = await serveDouble({ port: 0 });
    try {
      await expect(serveDouble({ port: first.port })).rejects.toBeInstanceOf(InputError);
    } finally {
      await first.close();
    }
  });
});

describe('serveDouble robustness', () => {
  it('survives a client that hangs up mid-body, and close() does not wait for a stalled client', async () => {
    const { connect } = await import('node:net');
    const served = await serveDouble({ port: 0 });
    const stalled = connect(served.port, '127.0.0.1');
    await new Promise<void>((resolve) => stalled.once('connect', () => resolve()));
    stalled.write(
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: 100\r\n\r\n{"St',
    );
    const hungUp = connect(served.port, '127.0.0.1');
    await new Promise<void>((resolve) => hungUp.once('connect', () => resolve()));
    hungUp.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"St');
    hungUp.destroy();
    const res = await post(served.url, '{}');
    expect(res.status).toBe(400);
    await served.close();
    stalled.destroy();
  });
});
