/** A per-request deadline: one signal that aborts at the timeout or when the caller aborts. */
export interface Deadline {
  /** Aborts at the timeout or with the caller's signal; pass it to the client doing the I/O. */
  readonly signal: AbortSignal;
  /** Settles with why the request was stopped; never settles if it was not. */
  readonly stopped: Promise<'timeout' | 'aborted'>;
  /** Why the request was stopped so far, if it was. */
  why(): 'timeout' | 'aborted' | undefined;
  /** Clears the timer and the listener; call once the request is done. */
  dispose(): void;
}

/**
 * Starts a deadline of `timeoutMs` tied to the caller's `outer` signal. The caller's signal is
 * combined with `AbortSignal.any`, not listened to directly: a run signal shared by hundreds of
 * requests in flight would otherwise collect one listener per request (and Node's
 * MaxListenersExceededWarning); the combined signal is per request and is collected with it.
 *
 * @example
 * const deadline = startDeadline(10_000, options.signal);
 * try { await pool.request({ ..., signal: deadline.signal }); } finally { deadline.dispose(); }
 */
export function startDeadline(timeoutMs: number, outer?: AbortSignal): Deadline {
  const controller = new AbortController();
  let reason: 'timeout' | 'aborted' | undefined;
  let settle: (why: 'timeout' | 'aborted') => void = () => {};
  const stopped = new Promise<'timeout' | 'aborted'>((resolve) => {
    settle = resolve;
  });
  const signal = outer === undefined ? controller.signal : AbortSignal.any([outer, controller.signal]);
  const onAbort = (): void => {
    reason ??= 'aborted';
    settle(reason);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    reason ??= 'timeout';
    controller.abort();
  }, timeoutMs);
  if (outer?.aborted === true) onAbort();
  return {
    signal,
    stopped,
    why: () => reason,
    dispose() {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    },
  };
}
