/** One timed item of a {@link DeadlineQueue}. */
export interface DeadlineItem {
  /** Called once when the deadline passes before {@link DeadlineQueue.release} was called. */
  expire(): void;
}

interface Slot {
  item: DeadlineItem;
  deadline: number;
  done: boolean;
}

/** Compact the slot array once this many released slots sit before the head. */
const COMPACT_AFTER = 1024;

/**
 * Deadlines that all share one duration, on a single timer. Every item expires `ms` after it was
 * added, so deadlines come in the order items were added: a FIFO queue with one timer armed for its
 * head replaces a timer (and an AbortController) per request. Released items are marked and dropped
 * from the head lazily; the timer, when it fires for an item already released, re-arms for the next
 * live one. At thousands of requests a second that is one timer every `ms`, not one per request.
 *
 * Like a timer per item, the queue keeps the process alive while it holds a live item (a promise that
 * never settles still gets its deadline), and not once every item is released.
 *
 * @example
 * const queue = new DeadlineQueue(10_000);
 * const ticket = queue.add({ expire: () => abortRequest() });
 * // ... the request ends:
 * queue.release(ticket);
 */
export class DeadlineQueue {
  readonly ms: number;
  #slots: Array<Slot | undefined> = [];
  #head = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(ms: number) {
    this.ms = ms;
  }

  /** Starts `item`'s deadline now; returns the ticket to {@link release} it with. */
  add(item: DeadlineItem): object {
    const slot: Slot = { item, deadline: performance.now() + this.ms, done: false };
    this.#slots.push(slot);
    if (this.#timer === undefined) this.#arm(slot.deadline);
    else if (!this.#timer.hasRef()) this.#timer.ref();
    return slot;
  }

  /** Stops the deadline of the item `ticket` belongs to (idempotent). */
  release(ticket: object): void {
    (ticket as Slot).done = true;
    this.#dropReleased();
  }

  /** Items not yet released nor expired (for tests). */
  get size(): number {
    let n = 0;
    for (let i = this.#head; i < this.#slots.length; i++) if (this.#slots[i]?.done === false) n++;
    return n;
  }

  #dropReleased(): void {
    const slots = this.#slots;
    while (this.#head < slots.length && slots[this.#head]?.done !== false) slots[this.#head++] = undefined;
    if (this.#head === slots.length) {
      slots.length = 0;
      this.#head = 0;
      // Nothing left to wait for: the timer (armed for a released item) must not hold the process.
      this.#timer?.unref();
    } else if (this.#head >= COMPACT_AFTER && this.#head * 2 >= slots.length) {
      this.#slots = slots.slice(this.#head);
      this.#head = 0;
    }
  }

  #arm(deadline: number): void {
    // +1: Node's timers have millisecond granularity and may fire a fraction early.
    this.#timer = setTimeout(this.#fire, Math.max(0, deadline - performance.now()) + 1);
  }

  #fire = (): void => {
    this.#timer = undefined;
    const now = performance.now();
    this.#dropReleased();
    const expired: DeadlineItem[] = [];
    for (;;) {
      const slot = this.#slots[this.#head];
      if (slot === undefined || slot.deadline > now) break;
      slot.done = true;
      expired.push(slot.item);
      this.#dropReleased();
    }
    const next = this.#slots[this.#head];
    if (next !== undefined) this.#arm(next.deadline);
    for (const item of expired) item.expire();
  };
}
