import { describe, expect, it } from 'vitest';
import { createDoubleHandlers } from '../../src/double/create-double-handlers.js';
import { InputError } from '../../src/errors/input-error.js';
import { createClientTarget } from '../../src/targets/create-client-target.js';
import { createMswTarget } from '../../src/targets/create-msw-target.js';
import { createSdkTarget, PLACEHOLDER_CREDENTIALS } from '../../src/targets/create-sdk-target.js';

/** The error `make` throws, or undefined: a bad option must be refused when the target is made. */
function thrownBy(make: () => unknown): unknown {
  try {
    make();
  } catch (error) {
    return error;
  }
  return undefined;
}

const client = { send: async () => ({ DeploymentId: 'd-1' }) };

describe('targets refuse a numeric option out of range when made, with one InputError line', () => {
  // Left to the timers, a bad timeout would end every call as a timeout: a run reading "unreachable".
  it.each([-1, 0, 0.5, Number.NaN, 3_600_001])('timeoutMs %s', (timeoutMs) => {
    const made = [
      [
        'createSdkTarget',
        () =>
          createSdkTarget({
            name: 'sdk',
            region: 'us-east-1',
            endpoint: 'http://127.0.0.1:1',
            timeoutMs,
            concurrency: 1,
            credentials: PLACEHOLDER_CREDENTIALS,
          }),
      ],
      ['createMswTarget', () => createMswTarget({ handlers: createDoubleHandlers(), timeoutMs })],
      ['createClientTarget', () => createClientTarget({ client, timeoutMs })],
    ] as const;
    for (const [name, make] of made) {
      const error = thrownBy(make);
      expect(error, name).toBeInstanceOf(InputError);
      expect(String((error as Error).message)).toBe(
        `${name}: timeoutMs: expected an integer from 1 to 3600000, got ${String(timeoutMs)}`,
      );
    }
  });

  it('refuses an sdk concurrency below 1 and an msw body cap below 0', () => {
    expect(() =>
      createSdkTarget({
        name: 'sdk',
        region: 'us-east-1',
        timeoutMs: 1000,
        concurrency: 0,
        credentials: PLACEHOLDER_CREDENTIALS,
      }),
    ).toThrow('createSdkTarget: concurrency: expected an integer from 1 to 1024, got 0');
    expect(() =>
      createMswTarget({ handlers: createDoubleHandlers(), timeoutMs: 1000, bodyCapBytes: -1 }),
    ).toThrow('createMswTarget: bodyCapBytes: expected an integer from 0 to 1073741824, got -1');
  });

  it('takes the ends of the ranges', async () => {
    const sdk = createSdkTarget({
      name: 'sdk',
      region: 'us-east-1',
      timeoutMs: 3_600_000,
      concurrency: 1024,
      credentials: PLACEHOLDER_CREDENTIALS,
    });
    await sdk.close();
    const msw = createMswTarget({ handlers: createDoubleHandlers(), timeoutMs: 1, bodyCapBytes: 0 });
    await msw.close();
    const c = createClientTarget({ client, timeoutMs: 1 });
    await c.close();
  });
});
