import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createDeadlines, startDeadline } from '../../src/targets/start-deadline.js';

describe('startDeadline', () => {
  it('settles with the value, the rejection or the synchronous throw of the call', async () => {
    const deadlines = createDeadlines(10_000);
    expect(await startDeadline(deadlines, async () => 42)).toEqual({ value: 42 });
    const boom = new Error('boom');
    expect(await startDeadline(deadlines, () => Promise.reject(boom))).toEqual({ error: boom });
    expect(
      await startDeadline(deadlines, () => {
        throw boom;
      }),
    ).toEqual({ error: boom });
    // Nothing left waiting on the shared timer once every call is done.
    expect(deadlines.queue.size).toBe(0);
  });

  it('ends a call that never settles at the timeout, and aborts the signal it was given', async () => {
    const deadlines = createDeadlines(100);
    let given: AbortSignal | undefined;
    const outcome = await startDeadline(deadlines, (signal) => {
      given = signal;
      return new Promise<never>(() => {});
    });
    expect(outcome).toBe('timeout');
    expect(given?.aborted).toBe(true);
  });

  it('a caller signal already aborted: the call is not started', async () => {
    let started = false;
    const outcome = await startDeadline(
      createDeadlines(10_000),
      async () => {
        started = true;
      },
      AbortSignal.abort(),
    );
    expect(outcome).toBe('aborted');
    expect(started).toBe(false);
  });

  it('one caller signal shared by many calls: one listener on it, and aborting it ends them all', async () => {
    const deadlines = createDeadlines(10_000);
    const controller = new AbortController();
    const given: AbortSignal[] = [];
    const pending = Array.from({ length: 40 }, () =>
      startDeadline(
        deadlines,
        (signal) => {
          given.push(signal);
          return new Promise<never>(() => {});
        },
        controller.signal,
      ),
    );
    expect(getEventListeners(controller.signal, 'abort').length).toBe(1);
    controller.abort();
    expect(new Set(await Promise.all(pending))).toEqual(new Set(['aborted']));
    expect(given.every((s) => s.aborted)).toBe(true);
    expect(deadlines.queue.size).toBe(0);
  });

  it('a call that ended is not touched by a later abort of the caller signal', async () => {
    const deadlines = createDeadlines(10_000);
    const controller = new AbortController();
    let given: AbortSignal | undefined;
    const outcome = await startDeadline(
      deadlines,
      async (signal) => {
        given = signal;
        return 'done';
      },
      controller.signal,
    );
    controller.abort();
    expect(outcome).toEqual({ value: 'done' });
    expect(given?.aborted).toBe(false);
  });
});

describe('startDeadline with plain signals (for the AWS SDK)', () => {
  it('hands the call an { aborted, onabort } signal and fires onabort at the timeout', async () => {
    const deadlines = createDeadlines(100, { plainSignals: true });
    let fired = 0;
    let given: { aborted: boolean } | undefined;
    const outcome = await startDeadline(deadlines, (signal) => {
      given = signal;
      signal.onabort = () => {
        fired++;
      };
      return new Promise<never>(() => {});
    });
    expect(outcome).toBe('timeout');
    expect(given?.aborted).toBe(true);
    expect(fired).toBe(1);
  });
});
