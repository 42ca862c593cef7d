import type { CaseRequest } from '../contract/types.js';
import { DeadlineQueue } from '../targets/deadline-queue.js';
import type { Exchange, Target } from '../targets/target.js';

/** Options of {@link sendWithRetry}. */
export interface RetryOptions {
  /** Passed to the target: aborts requests in flight (the run's grace period after an interrupt). */
  signal?: AbortSignal;
  /** Aborts backoff sleeps at once (the run stopped). */
  stop?: AbortSignal;
  /** Retries after a ThrottlingException before giving up. */
  maxRetries: number;
  /** First backoff in milliseconds; doubles each retry (with ±25% jitter). */
  baseDelayMs: number;
  /** A safety net above the target's own timeout, for targets that never settle; 0 for none. */
  deadlineMs: number;
  /** Called for each retry (counted by the runner, never a failure). */
  onRetry: () => void;
}

function isThrottled(exchange: Exchange): boolean {
  return exchange.kind !== 'transport-error' && exchange.classification.outcome === 'ThrottlingException';
}

function sleep(ms: number, stop: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (stop?.aborted === true) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      stop?.removeEventListener('abort', done);
      resolve();
    }
    stop?.addEventListener('abort', done, { once: true });
  });
}

/** One deadline queue per duration (a run uses one): a slot each instead of a timer and a race each. */
const deadlineQueues = new Map<number, DeadlineQueue>();
/** Distinct durations kept; past this the map starts over (queues in use keep their own timers). */
const MAX_QUEUES = 16;

function deadlineQueue(ms: number): DeadlineQueue {
  let queue = deadlineQueues.get(ms);
  if (queue === undefined) {
    if (deadlineQueues.size >= MAX_QUEUES) deadlineQueues.clear();
    queue = new DeadlineQueue(ms);
    deadlineQueues.set(ms, queue);
  }
  return queue;
}

function withDeadline(promise: Promise<Exchange>, ms: number): Promise<Exchange> {
  return new Promise<Exchange>((resolve, reject) => {
    const queue = deadlineQueue(ms);
    const ticket = queue.add({
      expire: () =>
        resolve({
          kind: 'transport-error',
          reason: 'timeout',
          message: `no answer within ${ms} ms`,
          durationMs: ms,
        }),
    });
    promise.then(
      (exchange) => {
        queue.release(ticket);
        resolve(exchange);
      },
      (error: unknown) => {
        queue.release(ticket);
        reject(error);
      },
    );
  });
}

/**
 * Sends one request; a ThrottlingException answer is retried with exponential backoff up to
 * `maxRetries` times. Resolves to the last exchange and whether it is still throttled (the runner
 * then skips the case rather than judging it: throttling is "retry", never "nonconformant").
 * A target that rejects instead of answering is reported as a transport error, not thrown.
 *
 * @example
 * const { exchange, throttled } = await sendWithRetry(target, request, { maxRetries: 4, baseDelayMs: 50, deadlineMs: 12_000, onRetry });
 */
export async function sendWithRetry(
  target: Target,
  request: CaseRequest,
  options: RetryOptions,
): Promise<{ exchange: Exchange; throttled: boolean }> {
  const sendOptions = options.signal === undefined ? undefined : { signal: options.signal };
  for (let attempt = 0; ; attempt++) {
    let exchange: Exchange;
    try {
      const pending = target.send(request, sendOptions);
      exchange = options.deadlineMs > 0 ? await withDeadline(pending, options.deadlineMs) : await pending;
    } catch (error) {
      // Targets promise never to reject; one that does is a broken adapter, reported like a fault.
      exchange = {
        kind: 'transport-error',
        reason: 'other',
        message: `the target threw: ${error instanceof Error ? error.message : String(error)}`,
        durationMs: 0,
      };
    }
    if (!isThrottled(exchange)) return { exchange, throttled: false };
    if (attempt >= options.maxRetries || options.stop?.aborted === true) return { exchange, throttled: true };
    options.onRetry();
    const delay = options.baseDelayMs * 2 ** attempt * (0.75 + Math.random() * 0.5);
    await sleep(delay, options.stop);
  }
}
