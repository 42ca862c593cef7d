import { CreateDeploymentCommand, OpsWorksClient } from '@aws-sdk/client-opsworks';
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_CREDENTIALS } from '../../src/targets/create-sdk-target.js';
import { PerCallAbort } from '../../src/targets/per-call-abort.js';
import { waitUntil } from './wait-until.js';

/** A client as the sdk target builds it, over a stand-in handler that records each call's signal. */
function recordingClient() {
  const seen: { body: string; signal: unknown }[] = [];
  const release: (() => void)[] = [];
  const perCall = new PerCallAbort({
    handle: (request, options) => {
      seen.push({ body: String((request as { body?: unknown }).body), signal: options?.abortSignal });
      return new Promise((resolve) => {
        release.push(() =>
          resolve({
            response: {
              statusCode: 200,
              headers: { 'content-type': 'application/x-amz-json-1.1' },
              body: Buffer.from('{"DeploymentId":"d"}'),
            },
          }),
        );
      });
    },
  });
  const client = new OpsWorksClient({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:1',
    credentials: PLACEHOLDER_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: perCall.handler,
    cacheMiddleware: true,
  });
  perCall.attach(client);
  return { client, perCall, seen, release };
}

describe('PerCallAbort', () => {
  it('hands each concurrent call its own signal through a client that caches its middleware', async () => {
    const { client, perCall, seen, release } = recordingClient();
    const signals = [
      new AbortController().signal,
      new AbortController().signal,
      new AbortController().signal,
    ];
    const body = { StackId: 's', Command: { Name: 'setup' as const } };
    // The same body object three times at once: each call still gets its own signal.
    const calls = signals.map((signal) =>
      client.send(new CreateDeploymentCommand(perCall.input(body, signal))),
    );
    await waitUntil(() => seen.length === 3);
    expect(seen).toHaveLength(3);
    // By identity: signals are all alike to a deep equality.
    for (const s of seen) expect(signals.includes(s.signal as AbortSignal)).toBe(true);
    expect(new Set(seen.map((s) => s.signal)).size).toBe(3);
    for (const r of release) r();
    expect((await Promise.all(calls)).map((o) => o.DeploymentId)).toEqual(['d', 'd', 'd']);
    // The body on the wire is the caller's: the copy adds nothing.
    expect(seen[0]?.body).toBe(JSON.stringify(body));
    client.destroy();
  });

  it('leaves calls made without a signal as the SDK makes them', async () => {
    const { client, seen, release } = recordingClient();
    const call = client.send(new CreateDeploymentCommand({ StackId: 's', Command: { Name: 'setup' } }));
    await waitUntil(() => seen.length === 1);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.signal).toBeUndefined();
    release[0]?.();
    await call;
    client.destroy();
  });
});
