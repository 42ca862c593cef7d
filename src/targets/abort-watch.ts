/**
 * The calls in flight on each caller signal, with one `abort` listener per signal however many
 * calls share it: a run's signal is shared by hundreds of calls in flight, which would otherwise
 * collect a listener (or an `AbortSignal.any`) each. Used by every target adapter that runs calls
 * under a caller's signal (http, and the sdk/msw/client deadline).
 *
 * @example
 * const watch = new AbortWatch<Call>((call) => call.stop('aborted'));
 * const set = watch.add(signal, call); // on settling: set.delete(call)
 */
export class AbortWatch<T> {
  readonly #watched = new WeakMap<AbortSignal, Set<T>>();
  readonly #onAbort: (member: T) => void;

  constructor(onAbort: (member: T) => void) {
    this.#onAbort = onAbort;
  }

  /** Watches `member` on `signal`; returns the set to delete it from when it settles. */
  add(signal: AbortSignal, member: T): Set<T> {
    let members = this.#watched.get(signal);
    if (members === undefined) {
      const set = new Set<T>();
      members = set;
      this.#watched.set(signal, set);
      signal.addEventListener(
        'abort',
        () => {
          this.#watched.delete(signal);
          for (const m of set) this.#onAbort(m);
        },
        { once: true },
      );
    }
    members.add(member);
    return members;
  }
}
