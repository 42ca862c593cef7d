import type { AbortSignal as SmithyAbortSignal } from '@smithy/types';
import { AbortWatch } from './abort-watch.js';
import { type DeadlineItem, DeadlineQueue } from './deadline-queue.js';

/** How a call run under {@link startDeadline} ended: its value, what it threw, or why it was stopped. */
export type DeadlineOutcome<T> = { value: T } | { error: unknown } | 'timeout' | 'aborted';

/**
 * The signal a call is handed: a real `AbortSignal`, or with `plainSignals` the AWS SDK's own signal
 * interface (`aborted` and `onabort`), which its HTTP handlers accept alongside `AbortSignal`.
 */
export type CallSignal<Plain extends boolean> = Plain extends true ? SmithyAbortSignal : AbortSignal;

/** A plain signal, as the SDK's `AbortController` polyfill made them. */
interface PlainSignal {
  aborted: boolean;
  reason: unknown;
  onabort: ((this: unknown, event: unknown) => unknown) | null;
}

/** What the calls of one target share: one deadline queue, one abort listener per caller signal. */
export interface Deadlines<Plain extends boolean = false> {
  /** The limit of every call, in milliseconds. */
  readonly timeoutMs: number;
  /** @internal Hand out plain signals instead of AbortControllers' signals. */
  readonly plain: Plain;
  /** @internal */
  readonly queue: DeadlineQueue;
  /** @internal Calls in flight per caller signal. */
  readonly watched: AbortWatch<DeadlineCall>;
}

/**
 * The shared state {@link startDeadline} needs, one per target: every call of a target has the same
 * limit, so one {@link DeadlineQueue} (one timer) replaces a timer per call. `plainSignals` is for
 * calls into the AWS SDK only: its handlers take `{ aborted, onabort }`, which costs a plain object
 * where an `AbortController` and its EventTarget cost ~1.7% of the sdk pipeline's CPU (profile,
 * c=16); user code (`client:` modules) gets real signals.
 *
 * @example
 * const deadlines = createDeadlines(10_000);
 */
export function createDeadlines<Plain extends boolean = false>(
  timeoutMs: number,
  options?: { plainSignals?: Plain },
): Deadlines<Plain> {
  return {
    timeoutMs,
    plain: (options?.plainSignals === true) as Plain,
    queue: new DeadlineQueue(timeoutMs),
    watched: new AbortWatch((call) => call.stop('aborted')),
  };
}

/** One call in flight: settles once, from its own end, the deadline or the caller's signal. */
class DeadlineCall implements DeadlineItem {
  readonly signal: AbortSignal | PlainSignal;
  readonly #controller: AbortController | undefined;
  readonly #deadlines: Deadlines<boolean>;
  readonly #resolve: (outcome: DeadlineOutcome<unknown>) => void;
  #ticket: object | undefined;
  #watchers: Set<DeadlineCall> | undefined;
  #settled = false;

  constructor(deadlines: Deadlines<boolean>, resolve: (outcome: DeadlineOutcome<unknown>) => void) {
    this.#deadlines = deadlines;
    this.#resolve = resolve;
    if (deadlines.plain) {
      this.signal = { aborted: false, reason: undefined, onabort: null };
    } else {
      this.#controller = new AbortController();
      this.signal = this.#controller.signal;
    }
  }

  begin(outer: AbortSignal | undefined): void {
    this.#ticket = this.#deadlines.queue.add(this);
    if (outer !== undefined) this.#watchers = this.#deadlines.watched.add(outer, this);
  }

  /** The deadline passed (called by the queue). */
  expire(): void {
    this.stop('timeout');
  }

  stop(why: 'timeout' | 'aborted'): void {
    if (!this.settle(why)) return;
    // Lets the client release the socket; its rejection is no longer listened for.
    if (this.#controller !== undefined) {
      this.#controller.abort();
      return;
    }
    const signal = this.signal as PlainSignal;
    signal.aborted = true;
    signal.reason = new DOMException('This operation was aborted', 'AbortError');
    signal.onabort?.call(signal, { type: 'abort' });
  }

  settle(outcome: DeadlineOutcome<unknown>): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    if (this.#ticket !== undefined) this.#deadlines.queue.release(this.#ticket);
    this.#watchers?.delete(this);
    this.#resolve(outcome);
    return true;
  }
}

/**
 * Runs `run` with a signal that aborts when the call's deadline (`deadlines.timeoutMs`) passes or the
 * caller's `outer` signal aborts, and settles with whichever comes first: `{ value }`, `{ error }`
 * (what `run` threw or rejected with, synchronously or not), `'timeout'` or `'aborted'`. It never
 * rejects, and it settles by the deadline even if `run`'s promise never does.
 *
 * The deadline is a slot in the target's shared {@link DeadlineQueue} and the caller's signal gets
 * one listener per target, not an `AbortSignal.any`, a timer and a `Promise.race` per call (the
 * same change as the http target's, commit b07a610).
 *
 * @example
 * const deadlines = createDeadlines(10_000);
 * const outcome = await startDeadline(deadlines, (abortSignal) => client.send(command, { abortSignal }), signal);
 * if (outcome === 'timeout') ...
 */
export function startDeadline<T, Plain extends boolean>(
  deadlines: Deadlines<Plain>,
  run: (signal: CallSignal<Plain>) => Promise<T> | T,
  outer?: AbortSignal,
): Promise<DeadlineOutcome<T>> {
  if (outer?.aborted === true) return Promise.resolve('aborted');
  return new Promise<DeadlineOutcome<T>>((resolve) => {
    const call = new DeadlineCall(
      deadlines as Deadlines<boolean>,
      resolve as (outcome: DeadlineOutcome<unknown>) => void,
    );
    call.begin(outer);
    try {
      // A run that throws synchronously (or returns a thenable whose `then` throws) failed like any other.
      Promise.resolve(run(call.signal as CallSignal<Plain>)).then(
        (value) => call.settle({ value }),
        (error: unknown) => call.settle({ error }),
      );
    } catch (error) {
      call.settle({ error });
    }
  });
}
