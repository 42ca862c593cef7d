import { Worker } from 'node:worker_threads';
import type { Case, Expectation } from '../contract/types.js';
import type { CaseWorkerAnswer, CaseWorkerData } from './case-worker.js';
import type { CaseOrigin } from './run-tally.js';
import { workerEntry } from './worker-entry.js';

/** A case made ready off the main thread: the case and its expectation, or `null` (make it here). */
export type PreparedCase = { case: Case; expectation: Expectation } | null;

/** Hands out prepared cases for lists of (stream, index) origins, computed on a worker thread. */
export interface CasePrefetcher {
  /**
   * Prepared cases for `origins` (stream, index pairs), in order; all `null` if the worker failed.
   * Origins are numbered in the order of all `prepare` calls, for {@link CasePrefetcher.passed}.
   */
  prepare(origins: number[]): Promise<PreparedCase[]>;
  /** Tells the worker that the caller went past one more origin (whether or not it was ready). */
  passed(): void;
  close(): Promise<void>;
}

const nulls = (n: number): PreparedCase[] => new Array<PreparedCase>(n).fill(null);

/**
 * Starts a worker thread that generates cases and computes their expectations (the two costs that
 * need no target), so with two cores the main thread only sends, checks and counts. The worker skips
 * origins the caller has already gone past, so it always works ahead of the caller. Any failure of
 * the worker (it cannot start, the world does not clone, it dies) degrades to `null` answers, and the
 * runner generates those cases itself: the same cases either way.
 *
 * @example
 * const prefetcher = createCasePrefetcher({ world, capabilities: { nulls: true, wire: true }, seed: 7, levels: ['documented'] });
 * const [first] = await prefetcher.prepare([0, 0]); // stream 0, index 0
 * await prefetcher.close();
 */
export function createCasePrefetcher(data: CaseWorkerData): CasePrefetcher {
  const waiting = new Map<number, { size: number; resolve: (p: PreparedCase[]) => void }>();
  let nextId = 0;
  let failed = false;
  // How many origins the caller has gone past, shared so the worker skips those it has not reached.
  const progress = new Int32Array(new SharedArrayBuffer(4));
  let passed = 0;
  let numbered = 0;
  let worker: Worker | undefined;
  const failAll = (): void => {
    failed = true;
    for (const [id, w] of waiting) {
      waiting.delete(id);
      w.resolve(nulls(w.size));
    }
  };
  try {
    const start = workerEntry(import.meta.url, 'case-worker');
    worker = new Worker(start.entry, { workerData: { ...data, progress }, eval: start.eval });
    // A run must never wait for the worker to exit.
    worker.unref();
    worker.on('message', (answer: CaseWorkerAnswer) => {
      const w = waiting.get(answer.id);
      if (w === undefined) return;
      waiting.delete(answer.id);
      w.resolve(answer.prepared.length === w.size ? answer.prepared : nulls(w.size));
    });
    worker.on('error', failAll);
    worker.on('exit', failAll);
  } catch {
    failed = true;
  }
  return {
    prepare(origins) {
      const size = origins.length >> 1;
      if (failed || worker === undefined) {
        numbered += size;
        return Promise.resolve(nulls(size));
      }
      const id = nextId++;
      const first = numbered;
      numbered += size;
      const promise = new Promise<PreparedCase[]>((resolve) => waiting.set(id, { size, resolve }));
      try {
        worker.postMessage({ id, first, origins });
      } catch {
        failAll();
      }
      return promise;
    },
    passed() {
      passed++;
      // One plain store: the worker only reads it (a stale read just prepares one case for nothing).
      Atomics.store(progress, 0, passed);
    },
    async close() {
      const w = worker;
      worker = undefined;
      failAll();
      if (w !== undefined) await w.terminate().catch(() => undefined);
    },
  };
}

/** A job taken from a {@link prefetchQueue}, with its case if the worker had it ready. */
export interface ClaimedJob<J> {
  job: J;
  /** `null`: not ready (or not preparable); the caller makes the case itself. */
  prepared: PreparedCase;
}

/**
 * Takes jobs from `next` in order, asking the prefetcher for their cases `batch` at a time and
 * keeping `ahead` batches requested. It never waits: a case the worker has not finished yet comes
 * back `null` and the caller generates it (the worker's copy is dropped), so a slow or starting
 * worker costs nothing and the two threads share the work by themselves. Jobs come out in exactly
 * the order `next` gives them.
 */
export function prefetchQueue<J extends CaseOrigin>(
  next: () => J | undefined,
  prefetcher: CasePrefetcher,
  options: { batch: number; ahead: number },
): () => ClaimedJob<J> | undefined {
  interface Batch {
    jobs: J[];
    taken: number;
    results: PreparedCase[] | undefined;
  }
  const queue: Batch[] = [];
  let exhausted = false;
  const fill = (): void => {
    while (!exhausted && queue.length < options.ahead) {
      const jobs: J[] = [];
      const origins: number[] = [];
      while (jobs.length < options.batch) {
        const job = next();
        if (job === undefined) {
          exhausted = true;
          break;
        }
        jobs.push(job);
        origins.push(job.stream, job.index);
      }
      if (jobs.length === 0) return;
      const b: Batch = { jobs, taken: 0, results: undefined };
      void prefetcher.prepare(origins).then((r) => {
        b.results = r;
      });
      queue.push(b);
    }
  };
  return () => {
    fill();
    const b = queue[0];
    if (b === undefined) return undefined;
    const i = b.taken++;
    if (b.taken >= b.jobs.length) queue.shift();
    const prepared = b.results?.[i] ?? null;
    if (b.results !== undefined) b.results[i] = null;
    prefetcher.passed();
    return { job: b.jobs[i] as J, prepared };
  };
}
